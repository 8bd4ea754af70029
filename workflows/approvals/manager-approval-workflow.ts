import { condition, getExternalWorkflowHandle, log, proxyActivities, setHandler } from '@temporalio/workflow';
import type { MissionActivities } from '../../activities/index.ts';
import {
  type ApprovalOutcome,
  approvalWithdrawnSignal,
  decideApprovalUpdate,
  type ManagerApprovalInput,
} from '../messages/approval.ts';
import type { EmailRequest } from '../messages/email.ts';
import { sessionWorkflowId } from '../messages/session.ts';
import { managerDecidedSignal } from '../messages/staffing.ts';
import { rejectIf } from '../mission/reject.ts';
import { approvalSchedule, checkDecision } from '../rules/approval.ts';

const { sendEmail } = proxyActivities<MissionActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '5 minutes' },
});

/**
 * Asks an employee's manager to approve their facilitating during working time: request, one
 * reminder, escalation to the coordinator and staff, then what the client's policy says silence
 * means. Reusable: it knows an invitation and a session, nothing of missions.
 */
export async function managerApprovalWorkflow(input: ManagerApprovalInput): Promise<ApprovalOutcome> {
  let outcome: ApprovalOutcome | null = null;
  setHandler(
    decideApprovalUpdate,
    ({ approved }: { approved: boolean }): ApprovalOutcome => {
      const decision: ApprovalOutcome = { decided: true, approved, automatic: false };
      outcome = decision;
      return decision;
    },
    { validator: (_decision: { approved: boolean }) => rejectIf(checkDecision(outcome !== null)) },
  );
  setHandler(approvalWithdrawnSignal, () => {
    outcome ??= { decided: false, reason: 'withdrawn' };
  });

  const base = { missionId: input.missionId, sessionId: input.sessionId, language: 'fr' as const };
  const data = { ...input.session, facilitatorName: input.facilitatorName };
  const link = {
    purpose: 'managerApproval' as const,
    subjectId: input.invitationId,
    sessionId: input.sessionId,
    expiresAt: input.session.startsAt,
  };
  const email = (request: Omit<EmailRequest, 'missionId' | 'sessionId' | 'language'>) =>
    sendEmail({ ...base, ...request } as EmailRequest);

  await email({
    template: 'managerApprovalRequest',
    to: { email: input.managerEmail, name: '' },
    idempotencyKey: `${input.invitationId}:approval-request`,
    data,
    link,
  });

  const schedule = approvalSchedule(new Date(), input.session.startsAt, input.policy);
  const until = async (instant: Date, summary: string) => {
    const wait = instant.getTime() - Date.now();
    return wait <= 0 ? outcome !== null : condition(() => outcome !== null, wait, { summary });
  };

  if (!(await until(schedule.reminderAt, 'until the reminder to the manager'))) {
    await email({
      template: 'managerApprovalReminder',
      to: { email: input.managerEmail, name: '' },
      idempotencyKey: `${input.invitationId}:approval-reminder`,
      data,
      link,
    });
  }
  if (!(await until(schedule.escalationAt, 'until the escalation'))) {
    const escalation = { ...data, managerEmail: input.managerEmail };
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
    if (input.policy.managerSilence !== 'wait') {
      outcome ??= { decided: true, approved: input.policy.managerSilence === 'approve', automatic: true };
    }
  }
  if (!(await until(new Date(input.session.startsAt), 'until the session starts'))) {
    outcome = { decided: false, reason: 'session_started' };
  }

  const final = outcome as ApprovalOutcome;
  if (final.decided) {
    try {
      await getExternalWorkflowHandle(sessionWorkflowId(input.sessionId)).signal(managerDecidedSignal, {
        invitationId: input.invitationId,
        approved: final.approved,
        automatic: final.automatic,
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
