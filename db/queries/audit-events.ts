import { type CommonQueryMethods, sql } from 'slonik';
import { z } from 'zod';
import type { AuditEvent } from '../../workflows/messages/audit.ts';

/** Idempotent on the event key: a retried activity records the event once. */
export async function insertAuditEvent(
  db: CommonQueryMethods,
  missionId: string,
  eventKey: string,
  event: AuditEvent,
): Promise<void> {
  await db.query(sql.unsafe`
    insert into audit_events (event_key, mission_id, actor_subject, actor_role, action, details, occurred_at)
    values (${eventKey}, ${missionId}, ${event.actor.subject}, ${event.actor.role}, ${event.action},
            ${sql.jsonb(event.details as Parameters<typeof sql.jsonb>[0])}, ${event.occurredAt}::timestamptz)
    on conflict (event_key) do nothing`);
}

const auditRow = z.object({
  action: z.string(),
  actorSubject: z.string(),
  actorRole: z.string(),
  details: z.record(z.string(), z.unknown()),
  occurredAt: z.string(),
});

export type AuditRecord = z.infer<typeof auditRow>;

export async function listAuditEvents(
  db: CommonQueryMethods,
  missionId: string,
): Promise<readonly AuditRecord[]> {
  return db.any(sql.type(auditRow)`
    select action, actor_subject as "actorSubject", actor_role as "actorRole", details, occurred_at as "occurredAt"
    from audit_events where mission_id = ${missionId} order by occurred_at, id`);
}
