import type { Actor } from './actor.ts';

/** Participants act without an account (signing attendance from a link): they are audited by their id. */
export type AuditActor = Actor | { subject: string; role: 'participant' };

/** One accepted change, as the audit trail records it. */
export interface AuditEvent {
  /** The mission's version that this change produced: with the action, it keys the event. */
  sequence: number;
  action: string;
  actor: AuditActor;
  occurredAt: string;
  details: Record<string, unknown>;
}
