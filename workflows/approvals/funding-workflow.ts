import { condition, getExternalWorkflowHandle, log, proxyActivities, setHandler } from '@temporalio/workflow';
import type { MissionActivities } from '../../activities/index.ts';
import { DURABLE_ACTIVITY } from '../activity-options.ts';
import type { EmailRequest } from '../messages/email.ts';
import {
  decideFundingUpdate,
  type FundingDecision,
  type FundingWorkflowInput,
  fundingDecidedSignal,
  fundingStateQuery,
  fundingWithdrawnSignal,
} from '../messages/funding.ts';
import { sessionRescheduledSignal, sessionWorkflowId } from '../messages/session.ts';
import { rejectIf } from '../mission/reject.ts';
import { businessDate } from '../rules/calendar.ts';
import { checkDecision, fundingSteps } from '../rules/funding.ts';

const { sendEmail } = proxyActivities<MissionActivities>(DURABLE_ACTIVITY);

/**
 * Waits for the funder's decision on a training: reminders to the client 21 and 14 days before,
 * escalation to staff at 7, and the day before, with still no decision, staff are told the client
 * will be billed in full. The decision (staff or the client's link) goes back to the session.
 * When the training moves, the schedule follows its new date.
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
  let session = input.session;
  let moves = 0;
  setHandler(sessionRescheduledSignal, ({ startsAt, endsAt }) => {
    if (startsAt === session.startsAt) return;
    session = { ...session, startsAt, endsAt };
    moves += 1;
  });

  const base = { missionId: input.missionId, sessionId: input.sessionId, language: 'fr' as const };
  const email = (request: Omit<EmailRequest, 'missionId' | 'sessionId' | 'language'>) =>
    sendEmail({ ...base, ...request } as EmailRequest);
  const settled = () => decision !== null || withdrawn;
  // E-mails for a moved training name its new date, so they are not taken for those already sent.
  const keyed = (key: string) =>
    moves === 0
      ? `${input.sessionId}:${key}`
      : `${input.sessionId}:${key}:${businessDate(new Date(session.startsAt))}`;

  // A reminder whose day passed before the proposal went out (or the training moved) is not
  // sent late; the last notice is.
  let scheduledAt = Date.now();
  const taken = new Set<string>();
  for (;;) {
    const seen = moves;
    const next = fundingSteps(session.startsAt, input.policy).find(
      ({ step, at, days }) => !taken.has(`${step}-${days}`) && (step === 'notice' || at >= scheduledAt),
    );
    if (!next || settled()) break;
    const { step, at, days } = next;
    const wait = at - Date.now();
    if (wait > 0)
      await condition(() => settled() || moves !== seen, wait, {
        summary: `until ${days} day(s) before the training`,
      });
    if (settled()) break;
    if (moves !== seen) {
      taken.clear();
      scheduledAt = Date.now();
      continue;
    }
    taken.add(`${step}-${days}`);
    if (step === 'reminder') {
      await email({
        template: 'fundingReminder',
        to: input.clientContact,
        idempotencyKey: keyed(`funding-reminder-${days}`),
        data: { ...session, contactName: input.clientContact.name, daysBefore: days },
        link: {
          purpose: 'fundingDecision',
          subjectId: input.sessionId,
          sessionId: input.sessionId,
          expiresAt: session.startsAt,
        },
      });
    } else if (step === 'escalation') {
      await email({
        template: 'fundingEscalation',
        to: 'staff',
        idempotencyKey: keyed('funding-escalation'),
        data: { ...session, contactEmail: input.clientContact.email, daysBefore: days },
      });
    } else {
      await email({
        template: 'fundingNotice',
        to: 'staff',
        idempotencyKey: keyed('funding-notice'),
        data: { ...session, contactEmail: input.clientContact.email, totalCents: input.totalCents },
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
