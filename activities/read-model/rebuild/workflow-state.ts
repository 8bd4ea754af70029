/**
 * What the workflows say about a mission, through the same queries the Web UI and the tests use:
 * the mission's snapshot, each session's view and each started payout's view. A closed workflow
 * answers too while Temporal retains it, as long as a worker polls the task queue.
 */
import { type Client, type QueryDefinition, WorkflowNotFoundError } from '@temporalio/client';
import {
  MISSION_WORKFLOW_TYPE,
  type MissionSnapshot,
  missionStateQuery,
  missionWorkflowId,
} from '../../../workflows/messages/mission.ts';
import {
  type ProviderPayoutView,
  providerPayoutStateQuery,
  providerPayoutWorkflowId,
} from '../../../workflows/messages/payouts.ts';
import type { SessionView } from '../../../workflows/messages/session.ts';
import { sessionStateQuery, sessionWorkflowId } from '../../../workflows/messages/session.ts';

export interface MissionState {
  mission: MissionSnapshot;
  sessions: SessionView[];
  payouts: ProviderPayoutView[];
  /** Sessions and payouts whose workflow Temporal no longer holds: their rows are kept as they are. */
  goneSessionIds: string[];
  gonePayoutIds: string[];
}

export interface Listing {
  /** Also closed missions' workflows, when closed since then; all that Temporal retains without it. */
  closedSince?: Date;
  /** A visibility query the missions must also match, e.g. `WorkflowId = 'mission-…'`. */
  filter?: string;
}

const MISSION_PREFIX = missionWorkflowId('');

export function listingQuery(listing: Listing): string {
  const clauses = [`WorkflowType = '${MISSION_WORKFLOW_TYPE}'`];
  if (listing.closedSince)
    clauses.push(`(ExecutionStatus = 'Running' OR CloseTime > '${listing.closedSince.toISOString()}')`);
  if (listing.filter) clauses.push(`(${listing.filter})`);
  return clauses.join(' AND ');
}

/** Every mission id Temporal lists, once each (a mission that continued as new has several runs). */
export async function listMissionIds(client: Client, listing: Listing): Promise<string[]> {
  const ids = new Set<string>();
  for await (const execution of client.workflow.list({ query: listingQuery(listing) })) {
    if (execution.workflowId.startsWith(MISSION_PREFIX))
      ids.add(execution.workflowId.slice(MISSION_PREFIX.length));
  }
  return [...ids];
}

/** null when the mission's workflow is gone since it was listed. */
export async function readMissionState(
  client: Client,
  missionId: string,
  timeoutMs: number,
): Promise<MissionState | null> {
  const ask = async <T>(workflowId: string, query: QueryDefinition<T, []>): Promise<T | null> => {
    try {
      return await client.withDeadline(Date.now() + timeoutMs, () =>
        client.workflow.getHandle(workflowId).query(query),
      );
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return null;
      throw error;
    }
  };
  const mission = await ask(missionWorkflowId(missionId), missionStateQuery);
  if (!mission) return null;
  const sessionIds = mission.sessions.map((session) => session.sessionId);
  const payoutIds = (mission.settlement?.requests ?? [])
    .flatMap((request) => request.payouts)
    .filter((payout) => payout.started)
    .map((payout) => payout.payoutId);
  const [sessions, payouts] = await Promise.all([
    Promise.all(sessionIds.map((id) => ask(sessionWorkflowId(id), sessionStateQuery))),
    Promise.all(payoutIds.map((id) => ask(providerPayoutWorkflowId(id), providerPayoutStateQuery))),
  ]);
  return {
    mission,
    // The query also shows the workflow's workings (effects queued, features): not read model.
    sessions: sessions.filter((view) => view !== null).map(({ workings: _workings, ...view }) => view),
    payouts: payouts.filter((view) => view !== null),
    goneSessionIds: sessionIds.filter((_, index) => sessions[index] === null),
    gonePayoutIds: payoutIds.filter((_, index) => payouts[index] === null),
  };
}
