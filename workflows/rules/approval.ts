/** When a silent manager is reminded and when the silence is escalated. */
import type { SessionPolicy } from '../policy.ts';
import { msOf } from './durations.ts';
import { conflict, type Violation } from './violation.ts';

export interface ApprovalSchedule {
  reminderAt: Date;
  escalationAt: Date;
}

/** Reminder after 2 days; escalation after 5 days or 3 days before the session, whichever is first. */
export function approvalSchedule(
  requestedAt: Date,
  sessionStartsAt: string,
  policy: SessionPolicy,
): ApprovalSchedule {
  const start = Date.parse(sessionStartsAt);
  const escalation = Math.min(
    requestedAt.getTime() + msOf(policy.approvalEscalationAfter),
    start - msOf(policy.approvalEscalationBeforeSession),
  );
  const reminder = Math.min(requestedAt.getTime() + msOf(policy.approvalReminderAfter), escalation);
  return { reminderAt: new Date(reminder), escalationAt: new Date(escalation) };
}

export function checkDecision(decided: boolean): Violation | null {
  return decided
    ? conflict('APPROVAL_ALREADY_DECIDED', 'This approval request has already been answered or withdrawn.')
    : null;
}
