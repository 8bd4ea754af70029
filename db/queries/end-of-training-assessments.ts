/** Trainees' end-of-training assessments (end_of_training_assessments): one per trainee and session. */
import { type CommonQueryMethods, sql } from 'slonik';
import { z } from 'zod';
import type { OfferRef } from '../../workflows/messages/domain.ts';

export interface AssessmentAnswer {
  sessionId: string;
  participantId: string;
  missionId: string;
  offer: OfferRef;
  /** The level given for each objective, in the offer version's order. */
  levels: string[];
  answers: Record<string, string | number>;
}

/** False when this trainee already answered for this session: the first answer stands. */
export async function saveAssessment(db: CommonQueryMethods, answer: AssessmentAnswer): Promise<boolean> {
  const inserted = await db.maybeOneFirst(sql.type(z.object({ id: z.string() }))`
    insert into end_of_training_assessments
      (session_id, participant_id, mission_id, offer_id, offer_version, levels, answers)
    values (${answer.sessionId}, ${answer.participantId}, ${answer.missionId}, ${answer.offer.offerId},
            ${answer.offer.version}, ${sql.jsonb(answer.levels)}, ${sql.jsonb(answer.answers)})
    on conflict do nothing returning participant_id as id`);
  return inserted !== null;
}

const assessmentRow = z.object({
  levels: z.array(z.string().nullable()),
  answeredAt: z.string(),
});

export type StoredAssessment = z.infer<typeof assessmentRow>;

export async function findAssessment(
  db: CommonQueryMethods,
  sessionId: string,
  participantId: string,
): Promise<StoredAssessment | null> {
  return db.maybeOne(sql.type(assessmentRow)`
    select levels, answered_at as "answeredAt"
    from end_of_training_assessments
    where session_id = ${sessionId} and participant_id = ${participantId}`);
}
