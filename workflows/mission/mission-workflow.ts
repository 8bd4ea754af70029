import type { SearchAttributeUpdatePair } from '@temporalio/common';
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  log,
  ParentClosePolicy,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  startChild,
  upsertMemo,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { MissionActivities } from '../../activities/index.ts';
import { DURABLE_ACTIVITY } from '../activity-options.ts';
import { SYSTEM_ACTOR } from '../messages/actor.ts';
import { sessionFundingChangedSignal } from '../messages/funding.ts';
import {
  amendOrderUpdate,
  awaitMissionOpenedUpdate,
  cancelMissionUpdate,
  cancelSessionUpdate,
  type MissionCommandAnswer,
  type MissionSnapshot,
  type MissionWorkflowInput,
  missionStateQuery,
  moveSessionUpdate,
  planSessionUpdate,
  sessionTransitionedSignal,
} from '../messages/mission.ts';
import {
  closeMissionUpdate,
  declareUsageRightsUpdate,
  providerPayoutWorkflowId,
  requestPayoutsUpdate,
  sessionFactsSignal,
  waiveSheetUpdate,
} from '../messages/payouts.ts';
import {
  missionSearchAttributes,
  missionSearchAttributeUpdates,
  payoutSearchAttributes,
} from '../messages/search-attributes.ts';
import { sessionCancelledSignal, sessionRescheduledSignal, sessionWorkflowId } from '../messages/session.ts';
import { CLIENT_INVOICES, LEAN_MISSION_COMMANDS, MISSION_BASELINE, PAYOUTS_AND_CLOSURE } from '../patches.ts';
import { providerPayoutWorkflow } from '../payouts/provider-payout-workflow.ts';
import { clientInvoicesRequest } from '../rules/client-invoices.ts';
import {
  checkCloseMission,
  checkDeclareUsageRights,
  closesAutomatically,
  closureReminderAt,
  coordinationLines,
  usageRightsToRequest,
} from '../rules/closure.ts';
import { dueSteps, nextPlanningStepAt } from '../rules/deadlines.ts';
import { minutesOf } from '../rules/durations.ts';
import { checkCancelMission } from '../rules/mission-lifecycle.ts';
import { checkRequestPayouts, checkWaiveSheet, payoutRequestOf } from '../rules/payouts.ts';
import {
  checkAmendOrder,
  checkCancelSession,
  checkMoveSession,
  checkPlanSession,
} from '../rules/planning.ts';
import { conflict } from '../rules/violation.ts';
import { zonedDate } from '../rules/zoned-time.ts';
import { sessionWorkflow } from '../session/session-workflow.ts';
import { WakeTimer } from '../wake-timer.ts';
import {
  automaticStepEmail,
  clientInvoiceableEmail,
  closureReminderEmail,
  missionAssignedEmail,
  missionClosedEmail,
  usageRightsRequestEmail,
} from './emails.ts';
import { MissionState } from './mission-state.ts';
import { rejectIf } from './reject.ts';

const { projectMission, sendEmail, issueClientInvoices } =
  proxyActivities<MissionActivities>(DURABLE_ACTIVITY);
/**
 * The projection as a local activity: it runs inside the workflow task that applied the command
 * and leaves one marker in history (without the mission it carried), where a regular activity
 * costs an activity task and a second workflow task. Idempotent, so a rerun after a crash is safe.
 */
const { projectMission: projectMissionLocally } = proxyLocalActivities<MissionActivities>(DURABLE_ACTIVITY);

const now = () => new Date();

/**
 * The mission entity: owns the order and its sessions, validates every command against
 * workflows/rules, starts one child workflow per session, and takes the automatic steps
 * (assignment e-mail, planning reminder and escalation) when they fall due.
 */
export async function missionWorkflow(input: MissionWorkflowInput): Promise<MissionSnapshot> {
  const mission = new MissionState(input, now());
  // A mission started on this release or later records one marker for the patches below (patches.ts).
  const baseline = patched(MISSION_BASELINE);
  // Missions started before payouts existed keep their old behaviour to the end of their run.
  const settles = baseline || patched(PAYOUTS_AND_CLOSURE);
  // Missions started before keep their history's shape: a regular activity, every attribute
  // upserted, the reminder timer restarted on each pass, a move waiting for its signal's delivery.
  const lean = baseline || patched(LEAN_MISSION_COMMANDS);
  const requireSettlement = () =>
    rejectIf(
      settles
        ? null
        : conflict(
            'MISSION_PREDATES_PAYOUTS',
            'This mission started before payouts were handled here: staff settle it by hand.',
          ),
    );
  const snapshot = () => mission.snapshot();
  const projected = async (version: number): Promise<MissionCommandAnswer> => {
    await condition(() => mission.isProjected(version));
    return { missionId: input.missionId, version: mission.version };
  };
  const session = (sessionId: string) => getExternalWorkflowHandle(sessionWorkflowId(sessionId));
  /**
   * Session children whose start is commanded but not yet confirmed: a signal waits for it (it
   * could otherwise reach the server before the child exists), and so does the end of the run. A
   * start that fails rejects unhandled and fails the workflow task, as the awaited start did.
   */
  const starting = new Map<string, Promise<void>>();
  const confirmStart = (sessionId: string, started: Promise<unknown>) =>
    starting.set(
      sessionId,
      started.then(() => {
        starting.delete(sessionId);
      }),
    );
  const tell = async (sessionId: string, signal: () => Promise<void>) => {
    const start = starting.get(sessionId);
    if (start) await start;
    await signal();
  };
  /** Signals issued without waiting for their delivery; awaited before the run ends. */
  const deliveries = new Set<Promise<void>>();
  const deliver = (sessionId: string, signalled: Promise<void>) => {
    const delivered = signalled
      .catch((error: unknown) =>
        // The mission has recorded the change; a session workflow that is gone has nothing to follow.
        log.warn('session workflow not told of a change', { sessionId, error: String(error) }),
      )
      .finally(() => deliveries.delete(delivered));
    deliveries.add(delivered);
  };

  setHandler(missionStateQuery, snapshot);
  setHandler(awaitMissionOpenedUpdate, () => projected(1));

  setHandler(
    planSessionUpdate,
    async (command) => {
      const version = mission.planSession(command, now());
      const started = startChild(sessionWorkflow, {
        workflowId: sessionWorkflowId(command.sessionId),
        args: [
          {
            mission: {
              missionId: input.missionId,
              title: input.order.title,
              clientName: input.order.client.name,
              sector: input.order.sector,
              coordinator: input.order.coordinator,
              unitPriceCents:
                mission.peek().orderLines.find((line) => line.kind === command.plan.kind)?.unitPriceCents ??
                0,
            },
            session: mission.session(command.sessionId),
            policy: input.sessionPolicy,
          },
        ],
        typedSearchAttributes: missionSearchAttributes({
          ...mission.peek(),
          nextDeadline: command.plan.startsAt,
        }).filter((pair) => pair.key.name !== 'MissionStatus'),
        // Sessions outlive a continue-as-new of their mission; the mission cancels them itself.
        parentClosePolicy: ParentClosePolicy.ABANDON,
        staticSummary: `${command.plan.kind} « ${command.plan.title} » — ${input.order.client.name}`,
      });
      // The start is commanded in this workflow task either way; its confirmation comes in the next.
      if (lean) confirmStart(command.sessionId, started);
      else await started;
      return projected(version);
    },
    {
      validator: (command) =>
        rejectIf(
          checkPlanSession(
            mission.peek(),
            command.sessionId,
            command.plan,
            now(),
            minutesOf(mission.policy.minimumSessionLength),
            mission.policy.maximumSessionLength,
          ),
        ),
    },
  );

  setHandler(
    moveSessionUpdate,
    async (command) => {
      const version = mission.moveSession(command, now());
      const reschedule = () =>
        session(command.sessionId).signal(sessionRescheduledSignal, {
          startsAt: command.startsAt,
          endsAt: command.endsAt,
          ...(command.offer ? { offer: command.offer } : {}),
        });
      const signalled = lean ? tell(command.sessionId, reschedule) : reschedule();
      // The signal is issued in this workflow task either way; waiting for its delivery only
      // delays the answer by one more workflow task.
      if (lean) deliver(command.sessionId, signalled);
      else await signalled;
      return projected(version);
    },
    {
      validator: (command) =>
        rejectIf(
          checkMoveSession(
            mission.peek(),
            command.sessionId,
            command.startsAt,
            command.endsAt,
            now(),
            minutesOf(mission.policy.minimumSessionLength),
            mission.policy.maximumSessionLength,
          ),
        ),
    },
  );

  setHandler(
    cancelSessionUpdate,
    async (command) => {
      const version = mission.cancelSession(command, now());
      await tell(command.sessionId, () =>
        session(command.sessionId).signal(sessionCancelledSignal, { reason: command.reason }),
      );
      return projected(version);
    },
    {
      validator: (command) =>
        rejectIf(checkCancelSession(mission.peek(), command.sessionId, command.reason, now())),
    },
  );

  setHandler(amendOrderUpdate, async (command) => projected(mission.amendOrder(command, now())), {
    validator: (command) => rejectIf(checkAmendOrder(snapshot(), command.actor, command.orderLines)),
  });

  setHandler(
    cancelMissionUpdate,
    async (command) => {
      const planned = snapshot().sessions.filter(
        (candidate) => candidate.status === 'planned' && Date.parse(candidate.startsAt) > Date.now(),
      );
      const version = mission.cancelMission(command, now());
      await Promise.all(
        planned.map((candidate) =>
          tell(candidate.sessionId, () =>
            session(candidate.sessionId).signal(sessionCancelledSignal, { reason: command.reason }),
          ),
        ),
      );
      return projected(version);
    },
    { validator: (command) => rejectIf(checkCancelMission(snapshot(), command.actor, command.reason)) },
  );

  setHandler(
    requestPayoutsUpdate,
    async (command) => {
      const request = payoutRequestOf(snapshot(), command.requestId, command.actor, now(), uuid4);
      await projected(mission.requestPayouts(request, now()));
      return mission.request(command.requestId);
    },
    {
      validator: (command) => {
        requireSettlement();
        rejectIf(checkRequestPayouts(snapshot(), command.actor, now()));
      },
    },
  );

  setHandler(
    waiveSheetUpdate,
    async (command) => {
      const waiver = mission.waiveSheet(command, now());
      await projected(mission.version);
      return waiver;
    },
    {
      validator: (command) => {
        requireSettlement();
        rejectIf(checkWaiveSheet(snapshot(), command));
      },
    },
  );

  setHandler(
    closeMissionUpdate,
    async (command) => {
      const closure = mission.close(command, false, coordinationLines(snapshot()), uuid4(), now());
      await projected(mission.version);
      return closure;
    },
    {
      validator: (command) => {
        requireSettlement();
        rejectIf(checkCloseMission(snapshot(), command));
      },
    },
  );

  setHandler(
    declareUsageRightsUpdate,
    async (command) => {
      const declaration = mission.declareUsageRights(command, now());
      await projected(mission.version);
      return declaration;
    },
    {
      validator: (command) => {
        requireSettlement();
        rejectIf(checkDeclareUsageRights(snapshot(), command));
      },
    },
  );

  setHandler(sessionTransitionedSignal, (transition) => mission.sessionTransitioned(transition, now()));
  setHandler(sessionFactsSignal, (facts) => mission.sessionFactsReported(facts, now()));
  setHandler(sessionFundingChangedSignal, ({ sessionId, awaiting }) =>
    mission.sessionFundingChanged(sessionId, awaiting, now()),
  );

  upsertMemo({ title: mission.title() });
  const historyIsLong = () =>
    workflowInfo().continueAsNewSuggested ||
    workflowInfo().historyLength >= mission.policy.continueAsNewAfterEvents;

  /** The value last upserted per search attribute in this run. */
  const upserted = new Map<string, string>();
  const upsertChanged = (pairs: SearchAttributeUpdatePair[]) => {
    const changed = pairs.filter((pair) => upserted.get(pair.key.name) !== JSON.stringify(pair.value));
    for (const pair of changed) upserted.set(pair.key.name, JSON.stringify(pair.value));
    if (changed.length > 0) upsertSearchAttributes(changed);
  };

  async function project(): Promise<void> {
    const change = mission.takeProjection();
    if (lean) await projectMissionLocally(change);
    else await projectMission(change);
    mission.markProjected(change.mission.version);
    const attributes = missionSearchAttributeUpdates(change.mission);
    if (lean) upsertChanged(attributes);
    else upsertSearchAttributes(attributes);
  }

  /**
   * Update handlers wait for their change to be projected, and only this loop projects: keep
   * projecting until every handler has finished and every child started or signal sent is
   * confirmed, with no await left before returning or continuing as new, so no accepted update is
   * waiting or dropped.
   */
  async function drainHandlers(): Promise<void> {
    const settled = () => allHandlersFinished() && deliveries.size === 0 && starting.size === 0;
    while (!settled() || mission.needsProjection()) {
      await condition(() => settled() || mission.needsProjection());
      if (mission.needsProjection()) await project();
    }
  }

  /** What payouts and closure have to do now, without waiting for a timer. */
  const settlementWork = () =>
    settles &&
    (mission.hasPayoutsToStart() ||
      closesAutomatically(mission.peek()) ||
      usageRightsToRequest(mission.peek()).length > 0 ||
      (mission.status === 'closed' && !mission.peek().settlement.clientInvoiceNoticeSent));

  /**
   * Closes the mission once nothing blocks, starts the payouts accepted since the last pass, and
   * sends what closure and its reminder owe: each step is recorded so it happens once.
   */
  async function settle(): Promise<void> {
    if (closesAutomatically(mission.peek()))
      mission.close({ actor: SYSTEM_ACTOR }, true, coordinationLines(snapshot()), uuid4(), now());
    for (const facilitator of usageRightsToRequest(mission.peek())) {
      await sendEmail(usageRightsRequestEmail(snapshot(), facilitator));
      mission.usageRightsRequested(facilitator.facilitatorId, now());
    }
    const reminderAt = closureReminderAt(mission.peek(), mission.policy);
    if (reminderAt && reminderAt.getTime() <= Date.now()) {
      await sendEmail(closureReminderEmail(snapshot()));
      mission.settlementStepTaken('closureReminder', now());
    }
    for (const { payout, requestId, requestedAt } of mission.payoutsToStart()) {
      await startChild(providerPayoutWorkflow, {
        workflowId: providerPayoutWorkflowId(payout.payoutId),
        args: [
          {
            payoutId: payout.payoutId,
            missionId: input.missionId,
            missionTitle: input.order.title,
            clientName: input.order.client.name,
            requestId,
            requestedAt,
            provider: { id: payout.providerId, name: payout.providerName, email: payout.providerEmail },
            lines: payout.lines,
            policy: input.payoutPolicy,
          },
        ],
        typedSearchAttributes: payoutSearchAttributes(mission.peek(), 'pricing'),
        // A payout outlives its mission: the provider is paid after closure.
        parentClosePolicy: ParentClosePolicy.ABANDON,
        staticSummary: `Payout to ${payout.providerName} — ${input.order.client.name}`,
      });
      mission.payoutStarted(payout.payoutId, now());
    }
    if (mission.status === 'closed' && !mission.peek().settlement.clientInvoiceNoticeSent) {
      // Missions that closed before invoicing existed keep the e-mail that only says what to invoice.
      const invoices =
        baseline || patched(CLIENT_INVOICES)
          ? await issueClientInvoices(clientInvoicesRequest(snapshot(), zonedDate(now(), 'Europe/Paris')))
          : null;
      await sendEmail(clientInvoiceableEmail(snapshot(), invoices));
      await sendEmail(missionClosedEmail(snapshot()));
      mission.settlementStepTaken('clientInvoiceNotice', now());
    }
  }

  const wake = new WakeTimer('until the next reminder');
  for (;;) {
    const wakeTimes = [
      nextPlanningStepAt(mission.peek(), mission.policy),
      settles ? closureReminderAt(mission.peek(), mission.policy) : null,
    ].filter((time): time is Date => time !== null);
    const wakeAt = wakeTimes.length > 0 ? Math.min(...wakeTimes.map((time) => time.getTime())) : null;
    const work = () =>
      mission.needsProjection() ||
      (mission.isProjected(1) && !mission.milestones.assignmentSent) ||
      (mission.status !== 'open' && mission.liveSessionIds().length === 0) ||
      settlementWork() ||
      historyIsLong();
    if (lean) {
      wake.aim(wakeAt);
      await condition(() => work() || wake.due);
    } else if (wakeAt !== null)
      await condition(work, Math.max(1, wakeAt - Date.now()), {
        summary: 'until the next reminder',
      });
    else await condition(work);

    if (mission.needsProjection()) await project();
    if (mission.status === 'open' && !mission.milestones.assignmentSent) {
      await sendEmail(missionAssignedEmail(snapshot()));
      mission.stepTaken('assignment', now());
    }
    for (const step of dueSteps(mission.peek(), mission.policy, now())) {
      await sendEmail(automaticStepEmail(snapshot(), step));
      mission.stepTaken(step, now());
    }
    if (settles) await settle();
    if (mission.needsProjection()) await project();

    if (mission.status !== 'open' && mission.liveSessionIds().length === 0) {
      await drainHandlers();
      return snapshot();
    }
    if (historyIsLong()) {
      await drainHandlers();
      await continueAsNew<typeof missionWorkflow>({ ...input, carried: mission.carry() });
    }
  }
}
