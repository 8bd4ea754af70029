/** Typed reads and writes of the missions read model. */
import { type CommonQueryMethods, sql } from 'slonik';
import { z } from 'zod';
import { LANGUAGES, SECTORS, SESSION_KINDS, SESSION_STATUSES } from '../../workflows/messages/domain.ts';
import { DEAL_TYPES, MISSION_STATUSES, type MissionSnapshot } from '../../workflows/messages/mission.ts';
import type { MissionSettlement } from '../../workflows/messages/payouts.ts';

const orderLineRow = z.object({
  kind: z.enum(SESSION_KINDS),
  quantity: z.number().int(),
  participantsPerSession: z.number().int(),
  unitPriceCents: z.number().int(),
  /** Absent when the line names no catalogue offer. */
  offerId: z.string().optional(),
});

const counterRow = z.object({
  kind: z.enum(SESSION_KINDS),
  ordered: z.number().int(),
  planned: z.number().int(),
  remaining: z.number().int(),
});

const sessionRow = z.object({
  sessionId: z.string(),
  kind: z.enum(SESSION_KINDS),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  location: z.union([
    z.object({ mode: z.literal('onsite'), address: z.string() }),
    z.object({ mode: z.literal('online'), url: z.string() }),
  ]),
  language: z.enum(LANGUAGES),
  timeZone: z.string(),
  capacity: z.number().int(),
  otherFacilitators: z.number().int(),
  status: z.enum(SESSION_STATUSES),
  cancellationReason: z.string().nullable(),
  /** The catalogue version the session delivers, with the title that version gives the offer. */
  offer: z.object({ offerId: z.string(), version: z.number().int(), title: z.string() }).nullable(),
});

export type SessionRecord = z.infer<typeof sessionRow>;

const missionSummaryRow = z.object({
  missionId: z.string(),
  title: z.string(),
  clientName: z.string(),
  sector: z.enum(SECTORS),
  dealType: z.enum(DEAL_TYPES),
  coordinatorId: z.string(),
  coordinatorName: z.string(),
  coordinatorEmail: z.string(),
  status: z.enum(MISSION_STATUSES),
  cancellationReason: z.string().nullable(),
  endDate: z.string(),
  nextDeadline: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  orderLines: z.array(orderLineRow),
  counters: z.array(counterRow),
});

/** Written only by the mission's own projection; `{}` for missions projected before payouts. */
const settlementRow = z.custom<Partial<MissionSettlement>>(
  (value) => typeof value === 'object' && value !== null,
);

const missionRow = missionSummaryRow.extend({ sessions: z.array(sessionRow), settlement: settlementRow });

export type MissionSummaryRecord = z.infer<typeof missionSummaryRow>;
export type MissionRecord = z.infer<typeof missionRow>;

const sessionColumns = sql.fragment`
  s.id::text as "sessionId", s.kind, s.title, s.starts_at as "startsAt", s.ends_at as "endsAt", s.location,
  s.language, s.time_zone as "timeZone", s.capacity, s.other_facilitators as "otherFacilitators", s.status,
  s.cancellation_reason as "cancellationReason",
  (select json_build_object('offerId', v.offer_id::text, 'version', v.version, 'title', v.content->>'title')
    from catalogue_offer_versions v where v.offer_id = s.offer_id and v.version = s.offer_version) as offer`;

const summaryColumns = sql.fragment`
  m.id::text as "missionId", m.title, m.client_name as "clientName", m.sector, m.deal_type as "dealType",
  m.coordinator_id as "coordinatorId", m.coordinator_name as "coordinatorName", m.coordinator_email as "coordinatorEmail",
  m.status, m.cancellation_reason as "cancellationReason", m.end_date as "endDate", m.next_deadline as "nextDeadline",
  m.created_at as "createdAt", m.updated_at as "updatedAt", m.version, m.counters,
  coalesce((
    select json_agg(json_strip_nulls(json_build_object(
      'kind', l.kind, 'quantity', l.quantity,
      'participantsPerSession', l.participants_per_session, 'unitPriceCents', l.unit_price_cents,
      'offerId', l.offer_id::text
    )) order by l.position)
    from order_lines l where l.mission_id = m.id
  ), '[]'::json) as "orderLines"`;

/** JSON built by Postgres carries timestamps in its own format; normalise them to ISO instants. */
const normaliseSession = (session: SessionRecord): SessionRecord => ({
  ...session,
  startsAt: new Date(session.startsAt).toISOString(),
  endsAt: new Date(session.endsAt).toISOString(),
});

export async function findMission(
  db: Pick<CommonQueryMethods, 'maybeOne'>,
  missionId: string,
): Promise<MissionRecord | null> {
  const record = await db.maybeOne(sql.type(missionRow)`
    select ${summaryColumns}, m.settlement,
      coalesce((select json_agg(x order by x."startsAt", x."sessionId") from (select ${sessionColumns} from sessions s where s.mission_id = m.id) x), '[]'::json) as sessions
    from missions m where m.id = ${missionId}`);
  return record && { ...record, sessions: record.sessions.map(normaliseSession) };
}

export async function listSessions(db: CommonQueryMethods, missionId: string): Promise<SessionRecord[]> {
  const rows = await db.any(sql.type(sessionRow)`
    select ${sessionColumns} from sessions s where s.mission_id = ${missionId} order by s.starts_at, s.id`);
  return [...rows];
}

export interface MissionFilter {
  status?: string;
  coordinatorId?: string;
  clientName?: string;
  /** Keyset cursor: the (createdAt, id) of the last row of the previous page. */
  after?: { createdAt: string; missionId: string };
  limit: number;
}

export async function listMissions(
  db: Pick<CommonQueryMethods, 'any'>,
  filter: MissionFilter,
): Promise<readonly MissionSummaryRecord[]> {
  const conditions = [sql.fragment`true`];
  if (filter.status) conditions.push(sql.fragment`m.status = ${filter.status}`);
  if (filter.coordinatorId) conditions.push(sql.fragment`m.coordinator_id = ${filter.coordinatorId}`);
  if (filter.clientName) conditions.push(sql.fragment`m.client_name = ${filter.clientName}`);
  if (filter.after) {
    conditions.push(
      sql.fragment`(m.created_at, m.id) < (${filter.after.createdAt}::timestamptz, ${filter.after.missionId}::uuid)`,
    );
  }
  return db.any(sql.type(missionSummaryRow)`
    select ${summaryColumns} from missions m
    where ${sql.join(conditions, sql.fragment` and `)}
    order by m.created_at desc, m.id desc
    limit ${filter.limit}`);
}

/**
 * Writes the mission's projection. The version guard makes it idempotent and order-proof:
 * a retried or late projection of an older version changes nothing.
 */
export async function upsertMission(
  db: CommonQueryMethods,
  mission: MissionSnapshot,
  workflowId: string,
): Promise<boolean> {
  const written = await db.maybeOneFirst(sql.type(z.object({ id: z.string() }))`
    insert into missions (id, title, client_name, sector, deal_type, coordinator_id, coordinator_name, coordinator_email,
                          status, cancellation_reason, end_date, next_deadline, counters, settlement, workflow_id, version, created_at, updated_at)
    values (${mission.missionId}, ${mission.title}, ${mission.client.name}, ${mission.sector}, ${mission.dealType},
            ${mission.coordinator.id}, ${mission.coordinator.name}, ${mission.coordinator.email}, ${mission.status},
            ${mission.cancellationReason}, ${mission.endDate}::date, ${mission.nextDeadline}::timestamptz,
            ${sql.jsonb(mission.counters as unknown as Parameters<typeof sql.jsonb>[0])},
            ${sql.jsonb((mission.settlement ?? {}) as unknown as Parameters<typeof sql.jsonb>[0])},
            ${workflowId}, ${mission.version}, ${mission.createdAt}::timestamptz, ${mission.updatedAt}::timestamptz)
    on conflict (id) do update set
      title = excluded.title, client_name = excluded.client_name, sector = excluded.sector,
      deal_type = excluded.deal_type, coordinator_id = excluded.coordinator_id,
      coordinator_name = excluded.coordinator_name, coordinator_email = excluded.coordinator_email, status = excluded.status,
      cancellation_reason = excluded.cancellation_reason, end_date = excluded.end_date,
      next_deadline = excluded.next_deadline, counters = excluded.counters, settlement = excluded.settlement,
      version = excluded.version,
      updated_at = excluded.updated_at
    where missions.version < excluded.version
    returning id::text`);
  if (written === null) return false;
  await db.query(sql.unsafe`delete from order_lines where mission_id = ${mission.missionId}`);
  if (mission.orderLines.length > 0) {
    await db.query(sql.unsafe`
      insert into order_lines (mission_id, position, kind, quantity, participants_per_session, unit_price_cents, offer_id)
      select ${mission.missionId}::uuid, position, kind, quantity, participants, price, offer
      from ${sql.unnest(
        mission.orderLines.map((line, position) => [
          position,
          line.kind,
          line.quantity,
          line.participantsPerSession,
          line.unitPriceCents,
          line.offerId ?? null,
        ]),
        ['int2', 'text', 'int4', 'int4', 'int4', 'uuid'],
      )} as t(position, kind, quantity, participants, price, offer)`);
  }
  // One statement for every session, and only the rows that changed are rewritten: a row per
  // query made a plan cost one round trip per session already planned (bench:growth).
  if (mission.sessions.length > 0) {
    await db.query(sql.unsafe`
      insert into sessions (id, mission_id, kind, title, starts_at, ends_at, location, language, time_zone, capacity,
                            other_facilitators, status, cancellation_reason, offer_id, offer_version)
      select id, ${mission.missionId}::uuid, kind, title, starts_at, ends_at, location, language, time_zone, capacity,
             other_facilitators, status, cancellation_reason, offer_id, offer_version
      from ${sql.unnest(
        mission.sessions.map((session) => [
          session.sessionId,
          session.kind,
          session.title,
          session.startsAt,
          session.endsAt,
          JSON.stringify(session.location),
          session.language,
          session.timeZone,
          session.capacity,
          session.otherFacilitators,
          session.status,
          session.cancellationReason,
          session.offer?.offerId ?? null,
          session.offer?.version ?? null,
        ]),
        [
          'uuid',
          'text',
          'text',
          'timestamptz',
          'timestamptz',
          'jsonb',
          'text',
          'text',
          'int4',
          'int4',
          'text',
          'text',
          'uuid',
          'int4',
        ],
      )} as t(id, kind, title, starts_at, ends_at, location, language, time_zone, capacity, other_facilitators,
              status, cancellation_reason, offer_id, offer_version)
      on conflict (id) do update set
        title = excluded.title, starts_at = excluded.starts_at, ends_at = excluded.ends_at, location = excluded.location,
        language = excluded.language, time_zone = excluded.time_zone, capacity = excluded.capacity,
        other_facilitators = excluded.other_facilitators, status = excluded.status,
        cancellation_reason = excluded.cancellation_reason, offer_id = excluded.offer_id,
        offer_version = excluded.offer_version
      where (sessions.title, sessions.starts_at, sessions.ends_at, sessions.location, sessions.language,
             sessions.time_zone, sessions.capacity, sessions.other_facilitators, sessions.status,
             sessions.cancellation_reason, sessions.offer_id, sessions.offer_version)
        is distinct from
            (excluded.title, excluded.starts_at, excluded.ends_at, excluded.location, excluded.language,
             excluded.time_zone, excluded.capacity, excluded.other_facilitators, excluded.status,
             excluded.cancellation_reason, excluded.offer_id, excluded.offer_version)`);
  }
  return true;
}

/** Which mission and coordinator a session belongs to, for routes that only know the session. */
export async function findSessionOwner(
  db: CommonQueryMethods,
  sessionId: string,
): Promise<{ missionId: string; coordinatorId: string } | null> {
  return db.maybeOne(sql.type(z.object({ missionId: z.string(), coordinatorId: z.string() }))`
    select m.id::text as "missionId", m.coordinator_id as "coordinatorId"
    from sessions s join missions m on m.id = s.mission_id where s.id = ${sessionId}`);
}
