import type { Actor } from './actor.ts';

/** One accepted change, as the audit trail records it. */
export interface AuditEvent {
  /** The mission's version that this change produced: with the action, it keys the event. */
  sequence: number;
  action: string;
  actor: Actor;
  occurredAt: string;
  details: Record<string, unknown>;
}
