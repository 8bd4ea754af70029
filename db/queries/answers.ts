/** What participants answered: positioning tests and satisfaction surveys, and their summaries. */
import { type CommonQueryMethods, sql } from 'slonik';
import { z } from 'zod';

export async function savePositioningTest(
  db: CommonQueryMethods,
  answer: { participantId: string; sessionId: string; missionId: string; answers: Record<string, unknown> },
): Promise<void> {
  await db.query(sql.unsafe`
    insert into positioning_test_answers (participant_id, session_id, mission_id, answers)
    values (${answer.participantId}, ${answer.sessionId}, ${answer.missionId}, ${sql.jsonb(answer.answers as Parameters<typeof sql.jsonb>[0])})
    on conflict (session_id, participant_id) do update set answers = excluded.answers, answered_at = now()`);
}

/** False when this participant already answered this survey: one answer each. */
export async function saveSurveyAnswer(
  db: CommonQueryMethods,
  answer: {
    participantId: string;
    sessionId: string;
    missionId: string;
    coordinatorId: string;
    kind: 'hot' | 'cold';
    rating: number;
    comment: string | null;
    answers: Record<string, string | number>;
  },
): Promise<boolean> {
  const inserted = await db.maybeOneFirst(sql.type(z.object({ id: z.string() }))`
    insert into survey_answers (participant_id, session_id, mission_id, coordinator_id, kind, rating, comment, answers)
    values (${answer.participantId}, ${answer.sessionId}, ${answer.missionId}, ${answer.coordinatorId}, ${answer.kind}, ${answer.rating}, ${answer.comment}, ${sql.jsonb(answer.answers)})
    on conflict do nothing returning participant_id::text as id`);
  return inserted !== null;
}

const summaryRow = z.object({
  kind: z.enum(['hot', 'cold']),
  answers: z.number(),
  averageRating: z.number().nullable(),
});

export type SurveySummary = z.infer<typeof summaryRow>[];

/**
 * One summary per scope, computed the same way: a session, a coordinator's sessions, or the
 * sessions a facilitator took part in (their invitation accepted and still standing, so one who
 * withdrew before the day is not judged on it).
 */
export async function summariseSurveys(
  db: CommonQueryMethods,
  filter: { sessionId: string } | { coordinatorId: string } | { facilitatorId: string },
): Promise<SurveySummary> {
  const where =
    'sessionId' in filter
      ? sql.fragment`session_id = ${filter.sessionId}`
      : 'coordinatorId' in filter
        ? sql.fragment`coordinator_id = ${filter.coordinatorId}`
        : sql.fragment`session_id in (
            select session_id from session_invitations
            where facilitator_id = ${filter.facilitatorId} and status = 'accepted')`;
  const rows = await db.any(sql.type(summaryRow)`
    select kind, count(*)::int as answers, round(avg(rating)::numeric, 2)::float8 as "averageRating"
    from survey_answers where ${where} group by kind order by kind desc`);
  return [...rows];
}
