/**
 * What an audit of a mission reads from Postgres: the documents with what each one states, the
 * sessions' projected participants, attendance and certificates, who answered the positioning
 * test, and the e-mail log. One mission at a time; sessions are filtered by the caller.
 */
import { type CommonQueryMethods, sql } from 'slonik';
import { z } from 'zod';
import type { DocumentClaims } from '../../workflows/rules/audit-consistency.ts';

/** The claims a document makes, recorded once per version by the activity that built it. */
export async function recordDocumentClaims(
  db: CommonQueryMethods,
  documentId: string,
  claims: DocumentClaims,
): Promise<void> {
  await db.query(sql.unsafe`
    insert into document_claims (document_id, title, from_date, to_date, hours)
    values (${documentId}, ${claims.title ?? null}, ${claims.from ?? null}::date, ${claims.to ?? null}::date,
            ${claims.hours ?? null})
    on conflict (document_id) do nothing`);
}

const auditDocumentRow = z.object({
  documentId: z.string(),
  sessionId: z.string().nullable(),
  participantId: z.string().nullable(),
  kind: z.string(),
  version: z.number().int(),
  filename: z.string(),
  contentType: z.string(),
  byteSize: z.number().int(),
  checksum: z.string(),
  createdAt: z.string(),
  organisationSettingsVersion: z.number().int().nullable(),
  /** Null until the catalogue's columns exist, and for documents not built from an offer. */
  catalogueOfferId: z.string().nullable(),
  catalogueVersion: z.coerce.number().int().nullable(),
  hasPdf: z.boolean(),
  /** A payout's invoice belongs to the mission; these are the sessions its lines pay for. */
  coveredSessionIds: z.array(z.string()),
  claims: z
    .object({
      title: z.string().nullable(),
      from: z.string().nullable(),
      to: z.string().nullable(),
      hours: z.coerce.number().nullable(),
    })
    .nullable(),
});

export type AuditDocumentRecord = z.infer<typeof auditDocumentRow>;

/**
 * The catalogue's columns on documents come with the catalogue work (issue #15): the audit reads
 * them where the schema has them rather than depending on that migration's order.
 */
async function catalogueColumns(db: CommonQueryMethods) {
  const present = await db.anyFirst(sql.type(z.object({ name: z.string() }))`
    select column_name as name from information_schema.columns
    where table_schema = current_schema() and table_name = 'documents'
      and column_name in ('catalogue_offer_id', 'catalogue_version')`);
  return sql.fragment`${present.includes('catalogue_offer_id') ? sql.fragment`d.catalogue_offer_id::text` : sql.fragment`null::text`} as "catalogueOfferId",
    ${present.includes('catalogue_version') ? sql.fragment`d.catalogue_version::int` : sql.fragment`null::int`} as "catalogueVersion"`;
}

/** Every version of every document of the mission, oldest first, without their bytes. */
export async function listAuditDocuments(
  db: CommonQueryMethods,
  missionId: string,
): Promise<readonly AuditDocumentRecord[]> {
  const catalogue = await catalogueColumns(db);
  return db.any(sql.type(auditDocumentRow)`
    select d.id::text as "documentId", d.session_id::text as "sessionId", d.participant_id as "participantId",
      d.kind, d.version, d.filename, d.content_type as "contentType", d.byte_size as "byteSize", d.checksum,
      d.created_at as "createdAt", d.organisation_settings_version as "organisationSettingsVersion",
      ${catalogue},
      exists (select from document_pdfs p where p.document_id = d.id) as "hasPdf",
      coalesce((
        select json_agg(distinct line->>'sessionId')
        from provider_payouts p, jsonb_array_elements(p.lines) as line
        where p.mission_id = d.mission_id and d.id in (p.invoice_document_id, p.supplier_invoice_document_id)
          and line->>'sessionId' is not null
      ), '[]'::json) as "coveredSessionIds",
      case when c.document_id is null then null else json_build_object(
        'title', c.title, 'from', to_char(c.from_date, 'YYYY-MM-DD'), 'to', to_char(c.to_date, 'YYYY-MM-DD'),
        'hours', c.hours) end as claims
    from documents d left join document_claims c on c.document_id = d.id
    where d.mission_id = ${missionId}
    order by d.created_at, d.kind, d.version`);
}

const sessionFileRow = z.object({
  sessionId: z.string(),
  participants: z.array(
    z.object({
      participantId: z.string(),
      firstName: z.string(),
      lastName: z.string(),
      email: z.string(),
      convocationSent: z.boolean(),
    }),
  ),
  attendance: z
    .object({
      status: z.string(),
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
      signing: z.object({ signatures: z.array(z.unknown()) }).optional(),
    })
    .nullable(),
  certificates: z.array(
    z.object({
      participantId: z.string(),
      hoursAttended: z.number(),
      documentId: z.string().nullable(),
      flag: z.string().optional(),
    }),
  ),
  surveys: z.array(z.object({ participantId: z.string(), kind: z.enum(['hot', 'cold']) })),
  funding: z
    .object({
      request: z.object({ kind: z.string() }).nullable(),
      decision: z.object({ outcome: z.string() }).nullable(),
    })
    .nullable(),
  positioningAnswered: z.array(z.string()),
  emailsSent: z.number().int(),
});

export type SessionFileRecord = z.infer<typeof sessionFileRow>;

/** Each session's projected file: people, attendance, certificates, surveys, funding, answers, e-mails. */
export async function listSessionFiles(
  db: CommonQueryMethods,
  missionId: string,
): Promise<readonly SessionFileRecord[]> {
  return db.any(sql.type(sessionFileRow)`
    select s.id::text as "sessionId", coalesce(st.participants, '[]'::jsonb) as participants, st.attendance,
      coalesce(st.certificates, '[]'::jsonb) as certificates, coalesce(st.surveys, '[]'::jsonb) as surveys,
      st.funding,
      coalesce((select json_agg(a.participant_id::text order by a.participant_id)
                from positioning_test_answers a where a.session_id = s.id), '[]'::json) as "positioningAnswered",
      (select count(*)::int from email_log e where e.session_id = s.id and e.status = 'sent') as "emailsSent"
    from sessions s left join session_staffing st on st.session_id = s.id
    where s.mission_id = ${missionId}
    order by s.starts_at, s.id`);
}

const surveyAnswerRow = z.object({
  sessionId: z.string(),
  participantId: z.string(),
  kind: z.string(),
  rating: z.number().int(),
  comment: z.string().nullable(),
  answers: z.record(z.string(), z.unknown()),
  answeredAt: z.string(),
});

export async function listSurveyAnswers(db: CommonQueryMethods, missionId: string) {
  return db.any(sql.type(surveyAnswerRow)`
    select session_id::text as "sessionId", participant_id::text as "participantId", kind, rating, comment,
      answers, answered_at as "answeredAt"
    from survey_answers where mission_id = ${missionId} order by answered_at, participant_id`);
}

const positioningRow = z.object({
  sessionId: z.string(),
  participantId: z.string(),
  answers: z.record(z.string(), z.unknown()),
  answeredAt: z.string(),
});

export async function listPositioningAnswers(db: CommonQueryMethods, missionId: string) {
  return db.any(sql.type(positioningRow)`
    select session_id::text as "sessionId", participant_id::text as "participantId", answers,
      answered_at as "answeredAt"
    from positioning_test_answers where mission_id = ${missionId} order by answered_at, participant_id`);
}

const signatureLogRow = z.object({
  signatureId: z.string(),
  sessionId: z.string(),
  halfDayIndex: z.number().int(),
  kind: z.string(),
  participantId: z.string().nullable(),
  facilitatorId: z.string().nullable(),
  signedAt: z.string(),
  ip: z.string(),
  userAgent: z.string(),
  imageSha256: z.string(),
});

/** What each signature recorded, with its image's checksum rather than the image. */
export async function listSignatureLog(db: CommonQueryMethods, missionId: string) {
  return db.any(sql.type(signatureLogRow)`
    select a.id::text as "signatureId", a.session_id::text as "sessionId", a.half_day_index as "halfDayIndex",
      a.kind, a.participant_id::text as "participantId", a.facilitator_id as "facilitatorId",
      a.signed_at as "signedAt", a.ip, a.user_agent as "userAgent",
      encode(sha256(a.image), 'hex') as "imageSha256"
    from attendance_signatures a join sessions s on s.id = a.session_id
    where s.mission_id = ${missionId} order by a.signed_at, a.id`);
}
