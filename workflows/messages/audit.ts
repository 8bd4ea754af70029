import type { Actor } from './actor.ts';

/** One accepted change, as the audit trail records it. */
export interface AuditEvent {
  action: string;
  actor: Actor;
  occurredAt: string;
  details: Record<string, unknown>;
}
