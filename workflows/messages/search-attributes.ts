/**
 * Search attributes staff filter missions by in the Temporal Web UI. The dev stack registers
 * them on the dev server; production registers them once with `temporal operator`.
 */
import {
  defineSearchAttributeKey,
  type SearchAttributePair,
  SearchAttributeType,
  type SearchAttributeUpdatePair,
} from '@temporalio/common';
import type { MissionStatus } from './mission.ts';

export const MissionIdKey = defineSearchAttributeKey('MissionId', SearchAttributeType.KEYWORD);
export const MissionStatusKey = defineSearchAttributeKey('MissionStatus', SearchAttributeType.KEYWORD);
export const CoordinatorIdKey = defineSearchAttributeKey('CoordinatorId', SearchAttributeType.KEYWORD);
export const ClientNameKey = defineSearchAttributeKey('ClientName', SearchAttributeType.KEYWORD);
export const NextDeadlineKey = defineSearchAttributeKey('NextDeadline', SearchAttributeType.DATETIME);
/** How many of the mission's trainings await a funder's decision. */
export const AwaitingFundingKey = defineSearchAttributeKey('AwaitingFunding', SearchAttributeType.INT);

/** A provider payout's stage: `PayoutStatus="awaiting_invoice"` lists the invoices staff chase. */
export const PayoutStatusKey = defineSearchAttributeKey('PayoutStatus', SearchAttributeType.KEYWORD);

export const MISSION_SEARCH_ATTRIBUTES = [
  MissionIdKey,
  MissionStatusKey,
  CoordinatorIdKey,
  ClientNameKey,
  NextDeadlineKey,
  AwaitingFundingKey,
  PayoutStatusKey,
];

export interface SearchableMission {
  missionId: string;
  status: MissionStatus;
  coordinator: { id: string };
  client: { name: string };
  nextDeadline: string | null;
  sessionsAwaitingFunding?: string[];
}

/** What staff filter on, derived in one place; a mission with no deadline clears the attribute. */
export function missionSearchAttributeUpdates(mission: SearchableMission): SearchAttributeUpdatePair[] {
  return [
    { key: MissionIdKey, value: mission.missionId },
    { key: MissionStatusKey, value: mission.status },
    { key: CoordinatorIdKey, value: mission.coordinator.id },
    { key: ClientNameKey, value: mission.client.name },
    { key: NextDeadlineKey, value: mission.nextDeadline ? new Date(mission.nextDeadline) : null },
    { key: AwaitingFundingKey, value: mission.sessionsAwaitingFunding?.length ?? 0 },
  ];
}

/** The same attributes for a workflow's start options, which take only present values. */
export function missionSearchAttributes(mission: SearchableMission): SearchAttributePair[] {
  return missionSearchAttributeUpdates(mission).filter(
    (pair): pair is SearchAttributePair => pair.value !== null,
  );
}

/** A session is found next to its mission: same mission, coordinator and client, its own next step. */
export function sessionSearchAttributeUpdates(
  mission: Pick<SearchableMission, 'missionId' | 'coordinator' | 'client'>,
  nextDeadline: string | null,
): SearchAttributeUpdatePair[] {
  return [
    { key: MissionIdKey, value: mission.missionId },
    { key: CoordinatorIdKey, value: mission.coordinator.id },
    { key: ClientNameKey, value: mission.client.name },
    { key: NextDeadlineKey, value: nextDeadline ? new Date(nextDeadline) : null },
  ];
}

/** A payout is found next to its mission, with its own stage. */
export function payoutSearchAttributes(
  mission: Pick<SearchableMission, 'missionId' | 'coordinator' | 'client'>,
  status: string,
): SearchAttributePair[] {
  return [
    { key: MissionIdKey, value: mission.missionId },
    { key: CoordinatorIdKey, value: mission.coordinator.id },
    { key: ClientNameKey, value: mission.client.name },
    { key: PayoutStatusKey, value: status },
  ];
}
