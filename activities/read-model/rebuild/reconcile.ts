/** One mission: ask its workflows, project their answers, compare, and for a rebuild write the difference. */
import type { Client } from '@temporalio/client';
import { type CommonQueryMethods, type DatabasePoolConnection, sql } from 'slonik';
import { upsertMission } from '../../../db/queries/missions.ts';
import { upsertProviderPayout } from '../../../db/queries/payouts.ts';
import { lockMissionReadModel } from '../../../db/queries/read-model-lock.ts';
import { upsertSessionStaffing } from '../../../db/queries/session-staffing.ts';
import { missionWorkflowId } from '../../../workflows/messages/mission.ts';
import { type FieldDifference, fieldDifferences } from './differences.ts';
import { hasRow, keepRows, replaceWithScratch, rowDifferences } from './scratch.ts';
import { untouchedSession } from './untouched-session.ts';
import { type MissionState, readMissionState } from './workflow-state.ts';

export type Mode = 'check' | 'rebuild';

/** `different`: a check found differences; `repaired`: a rebuild wrote them; `skipped`: the workflow is gone. */
export type Outcome = 'unchanged' | 'different' | 'repaired' | 'skipped';

export interface MissionOutcome {
  missionId: string;
  outcome: Outcome;
  differences: FieldDifference[];
}

export interface ReconcileContext {
  connection: DatabasePoolConnection;
  home: string;
  client: Client;
  queryTimeoutMs: number;
}

/**
 * The same upserts as the live projections (activities/read-model/), into the scratch tables.
 * A session is written with projection counter 0: its query does not say the counter, and 0 lets
 * the session's next live projection through, which is never older than what was queried. An
 * untouched session gets a row only if it had one (moved back and forth, say): either way the
 * API answers the same.
 */
async function project(tx: CommonQueryMethods, home: string, state: MissionState): Promise<void> {
  await upsertMission(tx, state.mission, missionWorkflowId(state.mission.missionId));
  for (const view of state.sessions) {
    if (
      untouchedSession(state.mission, view) &&
      !(await hasRow(tx, home, 'session_staffing', view.sessionId))
    )
      continue;
    await upsertSessionStaffing(tx, view, 0);
  }
  for (const view of state.payouts) await upsertProviderPayout(tx, view);
}

/**
 * Under the mission's read-model lock, so no projection commits between the workflows' answers
 * and the comparison. `record` runs in the same transaction (the rebuild's progress).
 */
export async function reconcileMission(
  context: ReconcileContext,
  missionId: string,
  mode: Mode,
  record?: (tx: CommonQueryMethods, outcome: Exclude<Outcome, 'different'>) => Promise<void>,
): Promise<MissionOutcome> {
  return context.connection.transaction(async (tx) => {
    // Postgres then refuses any write but the scratch tables': a check can change nothing.
    if (mode === 'check') await tx.query(sql.unsafe`set transaction read only`);
    await lockMissionReadModel(tx, missionId);
    const state = await readMissionState(context.client, missionId, context.queryTimeoutMs);
    if (!state) {
      await record?.(tx, 'skipped');
      return { missionId, outcome: 'skipped', differences: [] };
    }
    await project(tx, context.home, state);
    await keepRows(tx, context.home, 'session_staffing', 'session_id', state.goneSessionIds);
    await keepRows(tx, context.home, 'session_invitations', 'session_id', state.goneSessionIds);
    await keepRows(tx, context.home, 'provider_payouts', 'payout_id', state.gonePayoutIds);
    const differences = (await rowDifferences(tx, context.home, missionId)).flatMap((row) =>
      fieldDifferences(missionId, row),
    );
    if (differences.length === 0) {
      await record?.(tx, 'unchanged');
      return { missionId, outcome: 'unchanged', differences };
    }
    if (mode === 'check') return { missionId, outcome: 'different', differences };
    await replaceWithScratch(tx, context.home, missionId);
    await record?.(tx, 'repaired');
    return { missionId, outcome: 'repaired', differences };
  });
}
