/** Typed reads and writes of the missions read model. */
import { type CommonQueryMethods, sql } from 'slonik';
import { z } from 'zod';
import {
  DEAL_TYPES,
  MISSION_STATUSES,
  type MissionSnapshot,
  SECTORS,
  SESSION_KINDS,
} from '../../workflows/messages/mission.ts';

const orderLineRow = z.object({
  kind: z.enum(SESSION_KINDS),
  quantity: z.number().int(),
  participantsPerSession: z.number().int(),
  unitPriceCents: z.number().int(),
});

const missionRow = z.object({
  missionId: z.string(),
  title: z.string(),
  clientName: z.string(),
  sector: z.enum(SECTORS),
  dealType: z.enum(DEAL_TYPES),
  coordinatorId: z.string(),
  coordinatorName: z.string(),
  coordinatorEmail: z.string(),
  status: z.enum(MISSION_STATUSES),
  endDate: z.string(),
  nextDeadline: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  orderLines: z.array(orderLineRow),
});

export type MissionRecord = z.infer<typeof missionRow>;

const missionColumns = sql.fragment`
  m.id::text as "missionId", m.title, m.client_name as "clientName", m.sector, m.deal_type as "dealType",
  m.coordinator_id as "coordinatorId", m.coordinator_name as "coordinatorName", m.coordinator_email as "coordinatorEmail", m.status, m.end_date as "endDate", m.next_deadline as "nextDeadline",
  m.created_at as "createdAt", m.updated_at as "updatedAt", m.version,
  coalesce((
    select json_agg(json_build_object(
      'kind', l.kind, 'quantity', l.quantity,
      'participantsPerSession', l.participants_per_session, 'unitPriceCents', l.unit_price_cents
    ) order by l.position)
    from order_lines l where l.mission_id = m.id
  ), '[]'::json) as "orderLines"`;

export async function findMission(db: CommonQueryMethods, missionId: string): Promise<MissionRecord | null> {
  return db.maybeOne(
    sql.type(missionRow)`select ${missionColumns} from missions m where m.id = ${missionId}`,
  );
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
    insert into missions (id, title, client_name, sector, deal_type, coordinator_id, coordinator_name, coordinator_email, status, end_date,
                          next_deadline, workflow_id, version, created_at, updated_at)
    values (${mission.missionId}, ${mission.title}, ${mission.client.name}, ${mission.sector}, ${mission.dealType},
            ${mission.coordinator.id}, ${mission.coordinator.name}, ${mission.coordinator.email}, ${mission.status}, ${mission.endDate}::date, ${mission.nextDeadline}::timestamptz,
            ${workflowId}, ${mission.version}, ${mission.createdAt}::timestamptz, ${mission.updatedAt}::timestamptz)
    on conflict (id) do update set
      title = excluded.title, client_name = excluded.client_name, sector = excluded.sector,
      deal_type = excluded.deal_type, coordinator_id = excluded.coordinator_id,
      coordinator_name = excluded.coordinator_name, coordinator_email = excluded.coordinator_email, status = excluded.status,
      end_date = excluded.end_date, next_deadline = excluded.next_deadline, version = excluded.version,
      updated_at = excluded.updated_at
    where missions.version < excluded.version
    returning id::text`);
  if (written === null) return false;
  await db.query(sql.unsafe`delete from order_lines where mission_id = ${mission.missionId}`);
  if (mission.orderLines.length > 0) {
    await db.query(sql.unsafe`
      insert into order_lines (mission_id, position, kind, quantity, participants_per_session, unit_price_cents)
      select ${mission.missionId}::uuid, position, kind, quantity, participants, price
      from ${sql.unnest(
        mission.orderLines.map((line, position) => [
          position,
          line.kind,
          line.quantity,
          line.participantsPerSession,
          line.unitPriceCents,
        ]),
        ['int2', 'text', 'int4', 'int4', 'int4'],
      )} as t(position, kind, quantity, participants, price)`);
  }
  return true;
}
