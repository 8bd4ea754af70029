import { condition, getExternalWorkflowHandle, log, proxyActivities, setHandler } from '@temporalio/workflow';
import type { MissionActivities } from '../../activities/index.ts';
import type { EmailRequest } from '../messages/email.ts';
import {
  decideFundingUpdate,
  type FundingDecision,
  type FundingWorkflowInput,
  fundingDecidedSignal,
  fundingStateQuery,
  fundingWithdrawnSignal,
} from '../messages/funding.ts';
import { sessionWorkflowId } from '../messages/session.ts';
import { rejectIf } from '../mission/reject.ts';
import { checkDecision, fundingSteps } from '../rules/funding.ts';

const { sendEmail } = proxyActivities<MissionActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '5 minutes' },
});

/**
 * Waits for the funder's decision on a training: reminders to the client 21 and 14 days before,
 * escalation to staff at 7, and the day before, with still no decision, staff are told the client
 * will be billed in full. The decision (staff or the client's link) goes back to the session.
 */
export async function fundingWorkflow(input: FundingWorkflowInput): Promise<FundingDecision | null> {
  let decision: FundingDecision | null = null;
  let withdrawn = false;
  setHandler(fundingStateQuery, () => ({ decided: decision !== null, withdrawn }));
  setHandler(
    decideFundingUpdate,
    (command) => {
      decision = command.decision;
      return command.decision;
    },
    {
      validator: (command) =>
        rejectIf(checkDecision(decision !== null, withdrawn, command.decision, input.totalCents)),
    },
  );
  setHandler(fundingWithdrawnSignal, () => {
    withdrawn = true;
  });

  const base = { missionId: input.missionId, sessionId: input.sessionId, language: 'fr' as const };
  const email = (request: Omit<EmailRequest, 'missionId' | 'sessionId' | 'language'>) =>
    sendEmail({ ...base, ...request } as EmailRequest);
  const settled = () => decision !== null || withdrawn;

  const startedAt = Date.now();
  for (const { step, at, days } of fundingSteps(input.startsAt, input.policy)) {
    // A reminder whose day passed before the proposal went out is not sent late; the last notice is.
    if (step !== 'notice' && at < startedAt) continue;
    const wait = at - Date.now();
    if (wait > 0 && (await condition(settled, wait, { summary: `until ${days} day(s) before the training` })))
      break;
    if (settled()) break;
    if (step === 'reminder') {
      await email({
        template: 'fundingReminder',
        to: input.clientContact,
        idempotencyKey: `${input.sessionId}:funding-reminder-${days}`,
        data: { ...input.session, contactName: input.clientContact.name, daysBefore: days },
        link: {
          purpose: 'fundingDecision',
          subjectId: input.sessionId,
          sessionId: input.sessionId,
          expiresAt: input.startsAt,
        },
      });
    } else if (step === 'escalation') {
      await email({
        template: 'fundingEscalation',
        to: 'staff',
        idempotencyKey: `${input.sessionId}:funding-escalation`,
        data: { ...input.session, contactEmail: input.clientContact.email, daysBefore: days },
      });
    } else {
      await email({
        template: 'fundingNotice',
        to: 'staff',
        idempotencyKey: `${input.sessionId}:funding-notice`,
        data: { ...input.session, contactEmail: input.clientContact.email, totalCents: input.totalCents },
      });
      break;
    }
  }
  if (withdrawn) return null;
  try {
    await getExternalWorkflowHandle(sessionWorkflowId(input.sessionId)).signal(fundingDecidedSignal, {
      decision,
      automatic: decision === null,
    });
  } catch (error) {
    log.warn('session no longer listening for the funding decision', { sessionId: input.sessionId, error });
  }
  return decision;
}
