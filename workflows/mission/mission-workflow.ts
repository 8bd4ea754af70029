import {
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  ParentClosePolicy,
  proxyActivities,
  setHandler,
  startChild,
  upsertMemo,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { MissionActivities } from '../../activities/index.ts';
import { sessionFundingChangedSignal } from '../messages/funding.ts';
import {
  amendOrderUpdate,
  awaitMissionOpenedUpdate,
  cancelMissionUpdate,
  cancelSessionUpdate,
  type MissionSnapshot,
  type MissionWorkflowInput,
  missionStateQuery,
  moveSessionUpdate,
  planSessionUpdate,
  sessionTransitionedSignal,
} from '../messages/mission.ts';
import { missionSearchAttributes, missionSearchAttributeUpdates } from '../messages/search-attributes.ts';
import { sessionCancelledSignal, sessionRescheduledSignal, sessionWorkflowId } from '../messages/session.ts';
import { dueSteps, nextPlanningStepAt } from '../rules/deadlines.ts';
import { checkCancelMission } from '../rules/mission-lifecycle.ts';
import {
  checkAmendOrder,
  checkCancelSession,
  checkMoveSession,
  checkPlanSession,
} from '../rules/planning.ts';
import { sessionWorkflow } from '../session/session-workflow.ts';
import { automaticStepEmail, missionAssignedEmail } from './emails.ts';
import { MissionState } from './mission-state.ts';
import { rejectIf } from './reject.ts';

const { projectMission, sendEmail } = proxyActivities<MissionActivities>({
  startToCloseTimeout: '30 seconds',
  // No attempt limit: a database or mail outage delays the mission, it never fails it.
  retry: { initialInterval: '1 second', maximumInterval: '5 minutes' },
});

const now = () => new Date();

/**
 * The mission entity: owns the order and its sessions, validates every command against
 * workflows/rules, starts one child workflow per session, and takes the automatic steps
 * (assignment e-mail, planning reminder and escalation) when they fall due.
 */
export async function missionWorkflow(input: MissionWorkflowInput): Promise<MissionSnapshot> {
  const mission = new MissionState(input, now());
  const snapshot = () => mission.snapshot();
  const projected = async (version: number) => {
    await condition(() => mission.isProjected(version));
    return snapshot();
  };
  const session = (sessionId: string) => getExternalWorkflowHandle(sessionWorkflowId(sessionId));

  setHandler(missionStateQuery, snapshot);
  setHandler(awaitMissionOpenedUpdate, () => projected(1));

  setHandler(
    planSessionUpdate,
    async (command) => {
      const version = mission.planSession(command, now());
      await startChild(sessionWorkflow, {
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
                snapshot().orderLines.find((line) => line.kind === command.plan.kind)?.unitPriceCents ?? 0,
            },
            session: mission.session(command.sessionId),
            policy: input.sessionPolicy,
          },
        ],
        typedSearchAttributes: missionSearchAttributes({
          ...snapshot(),
          nextDeadline: command.plan.startsAt,
        }).filter((pair) => pair.key.name !== 'MissionStatus'),
        // Sessions outlive a continue-as-new of their mission; the mission cancels them itself.
        parentClosePolicy: ParentClosePolicy.ABANDON,
        staticSummary: `${command.plan.kind} « ${command.plan.title} » — ${input.order.client.name}`,
      });
      return projected(version);
    },
    {
      validator: (command) => rejectIf(checkPlanSession(snapshot(), command.sessionId, command.plan, now())),
    },
  );

  setHandler(
    moveSessionUpdate,
    async (command) => {
      const version = mission.moveSession(command, now());
      await session(command.sessionId).signal(sessionRescheduledSignal, {
        startsAt: command.startsAt,
        endsAt: command.endsAt,
      });
      return projected(version);
    },
    {
      validator: (command) =>
        rejectIf(checkMoveSession(snapshot(), command.sessionId, command.startsAt, command.endsAt, now())),
    },
  );

  setHandler(
    cancelSessionUpdate,
    async (command) => {
      const version = mission.cancelSession(command, now());
      await session(command.sessionId).signal(sessionCancelledSignal, { reason: command.reason });
      return projected(version);
    },
    {
      validator: (command) =>
        rejectIf(checkCancelSession(snapshot(), command.sessionId, command.reason, now())),
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
          session(candidate.sessionId).signal(sessionCancelledSignal, { reason: command.reason }),
        ),
      );
      return projected(version);
    },
    { validator: (command) => rejectIf(checkCancelMission(snapshot(), command.actor, command.reason)) },
  );

  setHandler(sessionTransitionedSignal, (transition) => mission.sessionTransitioned(transition, now()));
  setHandler(sessionFundingChangedSignal, ({ sessionId, awaiting }) =>
    mission.sessionFundingChanged(sessionId, awaiting, now()),
  );

  upsertMemo({ title: mission.title() });
  const historyIsLong = () =>
    workflowInfo().continueAsNewSuggested ||
    workflowInfo().historyLength >= mission.policy.continueAsNewAfterEvents;

  async function project(): Promise<void> {
    const change = mission.takeProjection();
    await projectMission(change);
    mission.markProjected(change.mission.version);
    upsertSearchAttributes(missionSearchAttributeUpdates(change.mission));
  }

  /**
   * Update handlers wait for their change to be projected, and only this loop projects: keep
   * projecting until every handler has finished, with no await left before returning or
   * continuing as new, so no accepted update is waiting or dropped.
   */
  async function drainHandlers(): Promise<void> {
    while (!allHandlersFinished() || mission.needsProjection()) {
      await condition(() => allHandlersFinished() || mission.needsProjection());
      if (mission.needsProjection()) await project();
    }
  }

  for (;;) {
    const wakeAt = nextPlanningStepAt(snapshot(), mission.policy);
    const work = () =>
      mission.needsProjection() ||
      (mission.isProjected(1) && !mission.milestones.assignmentSent) ||
      (mission.status !== 'open' && mission.liveSessionIds().length === 0) ||
      historyIsLong();
    if (wakeAt)
      await condition(work, Math.max(1, wakeAt.getTime() - Date.now()), {
        summary: 'until the next planning reminder',
      });
    else await condition(work);

    if (mission.needsProjection()) await project();
    if (mission.status === 'open' && !mission.milestones.assignmentSent) {
      await sendEmail(missionAssignedEmail(snapshot()));
      mission.stepTaken('assignment', now());
    }
    for (const step of dueSteps(snapshot(), mission.policy, now())) {
      await sendEmail(automaticStepEmail(snapshot(), step));
      mission.stepTaken(step, now());
    }
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
