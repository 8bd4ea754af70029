/** Registration links (capped, revocable) and the requests made through them, awaiting confirmation. */
import { type CommonQueryMethods, sql } from 'slonik';
import { z } from 'zod';

const linkRow = z.object({
  linkId: z.string(),
  sessionId: z.string(),
  missionId: z.string(),
  createdByRole: z.enum(['staff', 'coordinator']),
  createdBySubject: z.string(),
  cap: z.number().int(),
  expiresAt: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  requests: z.number().int(),
  confirmed: z.number().int(),
});

export type RegistrationLinkRecord = z.infer<typeof linkRow>;

const linkColumns = sql.fragment`
  l.link_id::text as "linkId", l.session_id::text as "sessionId", l.mission_id::text as "missionId",
  l.created_by_role as "createdByRole", l.created_by_subject as "createdBySubject", l.cap,
  l.expires_at as "expiresAt", l.created_at as "createdAt", l.revoked_at as "revokedAt",
  (select count(*)::int from registration_requests r where r.link_id = l.link_id) as requests,
  (select count(*)::int from registration_requests r where r.link_id = l.link_id and r.confirmed_at is not null) as confirmed`;

const iso = (record: RegistrationLinkRecord): RegistrationLinkRecord => ({
  ...record,
  expiresAt: new Date(record.expiresAt).toISOString(),
  createdAt: new Date(record.createdAt).toISOString(),
  revokedAt: record.revokedAt && new Date(record.revokedAt).toISOString(),
});

export async function createRegistrationLink(
  db: CommonQueryMethods,
  link: {
    linkId: string;
    sessionId: string;
    missionId: string;
    createdBy: { role: 'staff' | 'coordinator'; subject: string };
    cap: number;
    expiresAt: string;
  },
): Promise<void> {
  await db.query(sql.unsafe`
    insert into registration_links (link_id, session_id, mission_id, created_by_role, created_by_subject, cap, expires_at)
    values (${link.linkId}, ${link.sessionId}, ${link.missionId}, ${link.createdBy.role}, ${link.createdBy.subject},
            ${link.cap}, ${link.expiresAt}::timestamptz)`);
}

export async function findRegistrationLink(
  db: CommonQueryMethods,
  linkId: string,
): Promise<RegistrationLinkRecord | null> {
  const record = await db.maybeOne(
    sql.type(linkRow)`select ${linkColumns} from registration_links l where l.link_id = ${linkId}`,
  );
  return record && iso(record);
}

export async function listRegistrationLinks(
  db: CommonQueryMethods,
  sessionId: string,
): Promise<RegistrationLinkRecord[]> {
  const rows = await db.any(
    sql.type(
      linkRow,
    )`select ${linkColumns} from registration_links l where l.session_id = ${sessionId} order by l.created_at, l.link_id`,
  );
  return rows.map(iso);
}

/** False when there is no such link on this session. */
export async function revokeRegistrationLink(
  db: CommonQueryMethods,
  sessionId: string,
  linkId: string,
): Promise<boolean> {
  const revoked = await db.maybeOneFirst(sql.type(z.object({ id: z.string() }))`
    update registration_links set revoked_at = coalesce(revoked_at, now())
    where link_id = ${linkId} and session_id = ${sessionId} returning link_id::text as id`);
  return revoked !== null;
}

const requestRow = z.object({
  requestId: z.string(),
  linkId: z.string(),
  sessionId: z.string(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  confirmedAt: z.string().nullable(),
});

export type RegistrationRequestRecord = z.infer<typeof requestRow>;

const requestColumns = sql.fragment`
  request_id::text as "requestId", link_id::text as "linkId", session_id::text as "sessionId", email,
  first_name as "firstName", last_name as "lastName", confirmed_at as "confirmedAt"`;

/**
 * A request through a link, one per address and link; asking again names the same request. The
 * cap counts requests, under the link's row lock, so concurrent requests cannot exceed it.
 */
export async function requestRegistration(
  db: CommonQueryMethods,
  request: {
    requestId: string;
    linkId: string;
    sessionId: string;
    email: string;
    firstName: string;
    lastName: string;
  },
): Promise<{ request: RegistrationRequestRecord; created: boolean } | 'full'> {
  return db.transaction(async (transaction) => {
    const cap = await transaction.oneFirst(sql.type(z.object({ cap: z.number().int() }))`
      select cap from registration_links where link_id = ${request.linkId} for update`);
    const existing = await transaction.maybeOne(sql.type(requestRow)`
      select ${requestColumns} from registration_requests where link_id = ${request.linkId} and email = ${request.email}`);
    if (existing) return { request: existing, created: false };
    const used = await transaction.oneFirst(sql.type(z.object({ count: z.number().int() }))`
      select count(*)::int as count from registration_requests where link_id = ${request.linkId}`);
    if (used >= cap) return 'full';
    const created = await transaction.one(sql.type(requestRow)`
      insert into registration_requests (request_id, link_id, session_id, email, first_name, last_name)
      values (${request.requestId}, ${request.linkId}, ${request.sessionId}, ${request.email}, ${request.firstName}, ${request.lastName})
      returning ${requestColumns}`);
    return { request: created, created: true };
  });
}

export async function findRegistrationRequest(
  db: CommonQueryMethods,
  requestId: string,
): Promise<RegistrationRequestRecord | null> {
  return db.maybeOne(
    sql.type(requestRow)`select ${requestColumns} from registration_requests where request_id = ${requestId}`,
  );
}

export async function markRegistrationConfirmed(db: CommonQueryMethods, requestId: string): Promise<void> {
  await db.query(sql.unsafe`
    update registration_requests set confirmed_at = coalesce(confirmed_at, now()) where request_id = ${requestId}`);
}
