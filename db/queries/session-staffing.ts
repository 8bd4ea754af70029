/** The staffing read model: slots and invitations per session, written by the session workflow. */
import { type CommonQueryMethods, sql } from 'slonik';
import { z } from 'zod';
import { ATTENDANCE_STATUSES } from '../../workflows/messages/domain.ts';
import type { SessionView } from '../../workflows/messages/session.ts';

const json = (value: unknown) => sql.jsonb(value as Parameters<typeof sql.jsonb>[0]);

/** Version-guarded like the mission projection: an older or repeated write changes nothing. */
export async function upsertSessionStaffing(
  db: CommonQueryMethods,
  view: SessionView,
  version: number,
): Promise<boolean> {
  const written = await db.maybeOneFirst(sql.type(z.object({ id: z.string() }))`
    insert into session_staffing (session_id, mission_id, version, slots_total, slots_taken, participants, attendance,
                                  certificates, surveys, attendance_sheet_document_id, funding, assessments)
    values (${view.sessionId}, ${view.missionId}, ${version}, ${view.slots.total}, ${view.slots.taken},
            ${json(view.participants)}, ${json(view.attendance)}, ${json(view.certificates)}, ${json(view.surveys)},
            ${view.attendanceSheetDocumentId}, ${json(view.funding)}, ${json(view.assessments ?? [])})
    on conflict (session_id) do update set version = excluded.version, slots_total = excluded.slots_total,
      slots_taken = excluded.slots_taken, participants = excluded.participants, attendance = excluded.attendance,
      certificates = excluded.certificates, surveys = excluded.surveys,
      attendance_sheet_document_id = excluded.attendance_sheet_document_id, funding = excluded.funding,
      assessments = excluded.assessments
    where session_staffing.version < excluded.version
    returning session_id::text as id`);
  if (written === null) return false;
  for (const invitation of view.invitations) {
    await db.query(sql.unsafe`
      insert into session_invitations (invitation_id, session_id, mission_id, facilitator_id, facilitator_name, facilitator_email,
                                       status, facilitator_status, approval, approval_note, approval_rule, during_working_time, sent_at, expires_at, responded_at)
      values (${invitation.invitationId}, ${view.sessionId}, ${view.missionId}, ${invitation.facilitator.id}, ${invitation.facilitator.name},
              ${invitation.facilitator.email}, ${invitation.status}, ${invitation.facilitatorStatus}, ${invitation.approval},
              ${invitation.approvalNote ?? null}, ${invitation.approvalRule ? json(invitation.approvalRule) : null}, ${invitation.duringWorkingTime}, ${invitation.sentAt}::timestamptz, ${invitation.expiresAt}::timestamptz,
              ${invitation.respondedAt}::timestamptz)
      on conflict (invitation_id) do update set status = excluded.status, facilitator_status = excluded.facilitator_status,
        approval = excluded.approval, approval_note = excluded.approval_note, approval_rule = excluded.approval_rule, during_working_time = excluded.during_working_time,
        responded_at = excluded.responded_at`);
  }
  return true;
}

const invitationRow = z.object({
  invitationId: z.string(),
  sessionId: z.string(),
  missionId: z.string(),
  facilitatorId: z.string(),
  facilitatorName: z.string(),
  status: z.string(),
  facilitatorStatus: z.enum(['paid', 'internal', 'volunteer']),
  approval: z.string(),
  approvalNote: z.string().nullable(),
  approvalRule: z
    .object({ means: z.enum(['wait', 'approve', 'refuse']), source: z.enum(['client', 'default']) })
    .nullable(),
  duringWorkingTime: z.boolean().nullable(),
  sentAt: z.string(),
  expiresAt: z.string(),
  respondedAt: z.string().nullable(),
});

export type InvitationRecord = z.infer<typeof invitationRow>;

const invitationColumns = sql.fragment`
  invitation_id::text as "invitationId", session_id::text as "sessionId", mission_id::text as "missionId",
  facilitator_id as "facilitatorId", facilitator_name as "facilitatorName", status, facilitator_status as "facilitatorStatus",
  approval, approval_note as "approvalNote", approval_rule as "approvalRule", during_working_time as "duringWorkingTime", sent_at as "sentAt", expires_at as "expiresAt", responded_at as "respondedAt"`;

export async function listInvitations(
  db: CommonQueryMethods,
  sessionId: string,
): Promise<readonly InvitationRecord[]> {
  return db.any(
    sql.type(
      invitationRow,
    )`select ${invitationColumns} from session_invitations where session_id = ${sessionId} order by sent_at, invitation_id`,
  );
}

export async function findInvitation(
  db: CommonQueryMethods,
  invitationId: string,
): Promise<InvitationRecord | null> {
  return db.maybeOne(
    sql.type(
      invitationRow,
    )`select ${invitationColumns} from session_invitations where invitation_id = ${invitationId}`,
  );
}

export async function findSlots(
  db: CommonQueryMethods,
  sessionId: string,
): Promise<{ total: number; taken: number } | null> {
  return db.maybeOne(sql.type(z.object({ total: z.number(), taken: z.number() }))`
    select slots_total as total, slots_taken as taken from session_staffing where session_id = ${sessionId}`);
}

/** Records a link token as used; false when it already was (a replayed link). */
export async function markLinkTokenUsed(
  db: CommonQueryMethods,
  tokenId: string,
  purpose: string,
): Promise<boolean> {
  const inserted = await db.maybeOneFirst(sql.type(z.object({ id: z.string() }))`
    insert into used_link_tokens (token_id, purpose) values (${tokenId}, ${purpose})
    on conflict (token_id) do nothing returning token_id as id`);
  return inserted !== null;
}

/** Gives a single-use link back when what it was used for was refused, so the person can try again. */
export async function releaseLinkToken(db: CommonQueryMethods, tokenId: string): Promise<void> {
  await db.query(sql.unsafe`delete from used_link_tokens where token_id = ${tokenId}`);
}

export async function isLinkTokenUsed(db: CommonQueryMethods, tokenId: string): Promise<boolean> {
  return (
    (await db.maybeOneFirst(
      sql.type(
        z.object({ id: z.string() }),
      )`select token_id as id from used_link_tokens where token_id = ${tokenId}`,
    )) !== null
  );
}

const sessionFollowUpRow = z.object({
  participants: z.array(
    z.object({
      participantId: z.string(),
      email: z.string(),
      firstName: z.string(),
      lastName: z.string(),
      registeredAt: z.string(),
      convocationSent: z.boolean(),
    }),
  ),
  attendance: z
    .object({
      status: z.enum(ATTENDANCE_STATUSES),
      halfDays: z.array(
        z.object({
          date: z.string(),
          period: z.enum(['morning', 'afternoon']),
          startsAt: z.string(),
          endsAt: z.string(),
          content: z.string(),
        }),
      ),
      presence: z.array(z.object({ participantId: z.string(), halfDays: z.array(z.boolean()) })),
      recordedAt: z.string().nullable(),
      signedSheetDocumentId: z.string().nullable(),
      nonComplianceReason: z.string().nullable(),
    })
    .passthrough()
    .nullable(),
  certificates: z.array(
    z.object({
      participantId: z.string(),
      hoursAttended: z.number(),
      documentId: z.string().nullable(),
      sentAt: z.string().nullable(),
      flag: z.literal('non_compliant_sheet').optional(),
    }),
  ),
  surveys: z.array(
    z
      .object({
        participantId: z.string(),
        kind: z.enum(['hot', 'cold']),
        sentAt: z.string(),
        answeredAt: z.string().nullable(),
      })
      .passthrough(),
  ),
  attendanceSheetDocumentId: z.string().nullable(),
  /** End-of-training assessments and attestations (workflows/messages/participants.ts). */
  assessments: z.array(
    z.object({
      participantId: z.string(),
      answerBy: z.string(),
      answeredAt: z.string().nullable(),
      attestationDocumentId: z.string().nullable(),
      attestationIssuedAt: z.string().nullable(),
    }),
  ),
});

export type SessionFollowUpRecord = z.infer<typeof sessionFollowUpRow>;

/** Participants, attendance, certificates and surveys of a session, as its workflow last projected them. */
export async function findSessionFollowUp(
  db: CommonQueryMethods,
  sessionId: string,
): Promise<SessionFollowUpRecord | null> {
  return db.maybeOne(sql.type(sessionFollowUpRow)`
    select participants, attendance, certificates, surveys, attendance_sheet_document_id::text as "attendanceSheetDocumentId",
           assessments
    from session_staffing where session_id = ${sessionId}`);
}

const fundingRow = z.object({ funding: z.record(z.string(), z.unknown()).nullable() });

/** A training's funding as its workflow last projected it; null before anything was set. */
export async function findSessionFunding(
  db: CommonQueryMethods,
  sessionId: string,
): Promise<Record<string, unknown> | null> {
  const row = await db.maybeOne(
    sql.type(fundingRow)`select funding from session_staffing where session_id = ${sessionId}`,
  );
  return row?.funding ?? null;
}
