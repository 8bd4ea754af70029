import { condition, getExternalWorkflowHandle, log, proxyActivities, setHandler } from '@temporalio/workflow';
import type { MissionActivities } from '../../activities/index.ts';
import { DURABLE_ACTIVITY } from '../activity-options.ts';
import {
  type ApprovalDecision,
  type ApprovalOutcome,
  approvalWithdrawnSignal,
  decideApprovalUpdate,
  type ManagerApprovalInput,
} from '../messages/approval.ts';
import type { EmailRequest } from '../messages/email.ts';
import { sessionRescheduledSignal, sessionWorkflowId } from '../messages/session.ts';
import { managerDecidedSignal } from '../messages/staffing.ts';
import { rejectIf } from '../mission/reject.ts';
import { approvalSchedule, checkDecision } from '../rules/approval.ts';
import { decisionOnSilence, silenceRuleFor } from '../rules/manager-silence.ts';

const { sendEmail } = proxyActivities<MissionActivities>(DURABLE_ACTIVITY);

/**
 * Asks an employee's manager to approve their facilitating during working time: request, one
 * reminder, escalation to the coordinator and staff, then what the client's rule says silence
 * means (recorded with the decision). Reusable: it knows an invitation and a session, nothing of missions. When the session
 * moves, the escalation (3 days before it at the latest) and the end follow its new date.
 */
export async function managerApprovalWorkflow(input: ManagerApprovalInput): Promise<ApprovalOutcome> {
  let outcome: ApprovalOutcome | null = null;
  setHandler(
    decideApprovalUpdate,
    ({ approved, note }: ApprovalDecision): ApprovalOutcome => {
      const decision: ApprovalOutcome = {
        decided: true,
        approved,
        automatic: false,
        ...(note?.trim() ? { note: note.trim() } : {}),
      };
      outcome = decision;
      return decision;
    },
    { validator: (_decision: ApprovalDecision) => rejectIf(checkDecision(outcome !== null)) },
  );
  setHandler(approvalWithdrawnSignal, () => {
    outcome ??= { decided: false, reason: 'withdrawn' };
  });
  let session = input.session;
  let moves = 0;
  setHandler(sessionRescheduledSignal, ({ startsAt, endsAt }) => {
    if (startsAt === session.startsAt) return;
    session = { ...session, startsAt, endsAt };
    moves += 1;
  });

  const base = { missionId: input.missionId, sessionId: input.sessionId, language: 'fr' as const };
  const data = () => ({ ...session, facilitatorName: input.facilitatorName });
  const link = () => ({
    purpose: 'managerApproval' as const,
    subjectId: input.invitationId,
    sessionId: input.sessionId,
    expiresAt: session.startsAt,
  });
  const email = (request: Omit<EmailRequest, 'missionId' | 'sessionId' | 'language'>) =>
    sendEmail({ ...base, ...request } as EmailRequest);

  await email({
    template: 'managerApprovalRequest',
    to: { email: input.managerEmail, name: '' },
    idempotencyKey: `${input.invitationId}:approval-request`,
    data: data(),
    link: link(),
  });

  const requestedAt = new Date();
  const schedule = () => approvalSchedule(requestedAt, session.startsAt, input.policy);
  /** Waits until an instant that a move of the session may change; true when decided first. */
  const until = async (instant: () => Date, summary: string) => {
    for (;;) {
      const seen = moves;
      const wait = instant().getTime() - Date.now();
      if (wait <= 0) return outcome !== null;
      const woken = await condition(() => outcome !== null || moves !== seen, wait, { summary });
      if (outcome !== null || !woken) return outcome !== null;
    }
  };

  if (!(await until(() => schedule().reminderAt, 'until the reminder to the manager'))) {
    await email({
      template: 'managerApprovalReminder',
      to: { email: input.managerEmail, name: '' },
      idempotencyKey: `${input.invitationId}:approval-reminder`,
      data: data(),
      link: link(),
    });
  }
  if (!(await until(() => schedule().escalationAt, 'until the escalation'))) {
    const escalation = { ...data(), managerEmail: input.managerEmail };
    await email({
      template: 'managerApprovalEscalation',
      to: { email: input.coordinator.email, name: input.coordinator.name },
      idempotencyKey: `${input.invitationId}:approval-escalation:coordinator`,
      data: escalation,
    });
    await email({
      template: 'managerApprovalEscalation',
      to: 'staff',
      idempotencyKey: `${input.invitationId}:approval-escalation:staff`,
      data: escalation,
    });
    const silenceRule = input.silenceRule ?? silenceRuleFor(null, input.policy.managerSilence);
    const decision = decisionOnSilence(silenceRule);
    if (decision) outcome ??= { decided: true, approved: decision.approved, automatic: true, silenceRule };
  }
  if (!(await until(() => new Date(session.startsAt), 'until the session starts'))) {
    outcome = { decided: false, reason: 'session_started' };
  }

  const final = outcome as ApprovalOutcome;
  if (final.decided) {
    try {
      await getExternalWorkflowHandle(sessionWorkflowId(input.sessionId)).signal(managerDecidedSignal, {
        invitationId: input.invitationId,
        approved: final.approved,
        automatic: final.automatic,
        ...(final.note ? { note: final.note } : {}),
        ...(final.silenceRule ? { silenceRule: final.silenceRule } : {}),
      });
    } catch (error) {
      log.warn('session no longer listening for the manager decision', {
        invitationId: input.invitationId,
        error,
      });
    }
  }
  return final;
}
