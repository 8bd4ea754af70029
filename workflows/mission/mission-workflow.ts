import {
  allHandlersFinished,
  condition,
  proxyActivities,
  setHandler,
  upsertMemo,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { MissionActivities } from '../../activities/index.ts';
import {
  awaitMissionOpenedUpdate,
  type MissionSnapshot,
  type MissionWorkflowInput,
  missionStateQuery,
} from '../messages/mission.ts';
import { missionSearchAttributes } from '../messages/search-attributes.ts';
import { MissionState } from './mission-state.ts';

const { projectMission, sendEmail } = proxyActivities<MissionActivities>({
  startToCloseTimeout: '30 seconds',
  // No attempt limit: a database or mail outage delays the mission, it never fails it.
  retry: { initialInterval: '1 second', maximumInterval: '5 minutes' },
});

export async function missionWorkflow(input: MissionWorkflowInput): Promise<MissionSnapshot> {
  const mission = new MissionState(input, new Date(workflowInfo().startTime).toISOString());
  let opened = false;

  setHandler(missionStateQuery, () => mission.snapshot());
  setHandler(awaitMissionOpenedUpdate, async () => {
    await condition(() => opened);
    return mission.snapshot();
  });

  upsertMemo({ title: mission.title() });
  upsertSearchAttributes(missionSearchAttributes(mission.snapshot()));
  await projectMission({
    mission: mission.snapshot(),
    audit: {
      action: 'mission.created',
      actor: input.createdBy,
      occurredAt: mission.snapshot().createdAt,
      details: {},
    },
  });
  opened = true;
  const { missionId, coordinator, title, client, endDate } = mission.snapshot();
  await sendEmail({
    template: 'missionAssigned',
    to: { email: coordinator.email, name: coordinator.name },
    language: 'fr',
    idempotencyKey: `${missionId}:mission-assigned`,
    missionId,
    data: {
      missionId,
      missionTitle: title,
      clientName: client.name,
      coordinatorName: coordinator.name,
      endDate,
    },
  });

  await condition(() => mission.snapshot().status !== 'open');
  await condition(allHandlersFinished);
  return mission.snapshot();
}
