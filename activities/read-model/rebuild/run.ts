/**
 * The read model's rebuild and check over every mission Temporal lists. The rebuild rewrites only
 * what differs (a second run writes nothing) and records each mission in the transaction that
 * rebuilt it, so a run that stops is resumed by the next one. The check writes nothing.
 */
import type { Client } from '@temporalio/client';
import type { CommonQueryMethods, DatabasePool } from 'slonik';
import {
  finishRebuildRun,
  missionsDoneInRun,
  openRebuildRun,
  recordMissionRebuilt,
} from '../../../db/queries/read-model-rebuild.ts';
import type { FieldDifference } from './differences.ts';
import {
  type MissionOutcome,
  type Mode,
  type Outcome,
  type ReconcileContext,
  reconcileMission,
} from './reconcile.ts';
import { createScratchTables, dropScratchTables, homeSchema } from './scratch.ts';
import { type Listing, listMissionIds } from './workflow-state.ts';

export interface RunOptions extends Listing {
  /** Its own pool: the scratch tables shadow the real ones on the connections it lends. */
  pool: DatabasePool;
  client: Client;
  mode: Mode;
  /** Rebuild: abandon the run in progress instead of resuming it. */
  fresh?: boolean;
  /** Missions reconciled at once, each on a connection of its own (the pool needs as many). */
  lanes?: number;
  queryTimeoutMs?: number;
  /** Check: how long to wait before looking again at a mission that differed (a projection in flight). */
  recheckAfterMs?: number;
  attempts?: number;
  /** Stops taking missions (Ctrl-C): those under way finish, the next rebuild resumes with the rest. */
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
}

export interface Progress {
  total: number;
  done: number;
  counts: Record<Outcome | 'failed', number>;
}

export interface RunReport extends Progress {
  mode: Mode;
  runId: string | null;
  resumed: boolean;
  interrupted: boolean;
  /** Missions this run had already been through before it was interrupted. */
  alreadyDone: number;
  differences: FieldDifference[];
  failures: { missionId: string; error: string }[];
  elapsedMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runReadModel(options: RunOptions): Promise<RunReport> {
  const started = Date.now();
  const listed = await listMissionIds(options.client, options);
  const run = options.mode === 'rebuild' ? await openRebuildRun(options.pool, options.fresh ?? false) : null;
  const done = run ? await missionsDoneInRun(options.pool, run.runId) : new Set<string>();
  const todo = listed.filter((id) => !done.has(id));
  const progress: Progress = {
    total: todo.length,
    done: 0,
    counts: { unchanged: 0, different: 0, repaired: 0, skipped: 0, failed: 0 },
  };
  const failures: RunReport['failures'] = [];
  let outcomes = await reconcileAll(options, todo, run?.runId ?? null, failures, (outcome) => {
    progress.done += 1;
    progress.counts[outcome ? outcome.outcome : 'failed'] += 1;
    options.onProgress?.(progress);
  });
  const interrupted = options.signal?.aborted ?? false;
  const differing = outcomes.filter((outcome) => outcome.outcome === 'different');
  if (differing.length > 0 && !interrupted) {
    // A projection that had not committed when the workflow answered looks like a difference.
    await sleep(options.recheckAfterMs ?? 2000);
    const ids = differing.map((outcome) => outcome.missionId);
    const again = new Map(
      (await reconcileAll(options, ids, null, failures, () => {})).map((outcome) => [
        outcome.missionId,
        outcome,
      ]),
    );
    outcomes = outcomes.map((outcome) => again.get(outcome.missionId) ?? outcome);
  }
  if (run && failures.length === 0 && !interrupted) await finishRebuildRun(options.pool, run.runId);
  progress.counts = { unchanged: 0, different: 0, repaired: 0, skipped: 0, failed: failures.length };
  for (const outcome of outcomes) progress.counts[outcome.outcome] += 1;
  return {
    ...progress,
    mode: options.mode,
    runId: run?.runId ?? null,
    resumed: run?.resumed ?? false,
    interrupted,
    alreadyDone: listed.length - todo.length,
    differences: outcomes.flatMap((outcome) => outcome.differences),
    failures,
    elapsedMs: Date.now() - started,
  };
}

/** `lanes` connections, each with its scratch tables, taking the next mission until none is left. */
async function reconcileAll(
  options: RunOptions,
  missionIds: string[],
  runId: string | null,
  failures: RunReport['failures'],
  onMission: (outcome: MissionOutcome | null) => void,
): Promise<MissionOutcome[]> {
  const queue = [...missionIds];
  const outcomes: MissionOutcome[] = [];
  if (queue.length === 0) return outcomes;
  const lanes = Math.min(options.lanes ?? 4, queue.length);
  const record = (missionId: string) =>
    runId === null
      ? undefined
      : (tx: CommonQueryMethods, outcome: Exclude<Outcome, 'different'>) =>
          recordMissionRebuilt(tx, runId, missionId, outcome);
  await Promise.all(
    Array.from({ length: lanes }, () =>
      options.pool.connect(async (connection) => {
        const home = await homeSchema(connection);
        await createScratchTables(connection, home);
        const context: ReconcileContext = {
          connection,
          home,
          client: options.client,
          queryTimeoutMs: options.queryTimeoutMs ?? 10_000,
        };
        try {
          while (queue.length > 0 && !options.signal?.aborted) {
            const missionId = queue.shift() as string;
            const outcome = await attempt(options.attempts ?? 3, () =>
              reconcileMission(context, missionId, options.mode, record(missionId)),
            ).catch((error: unknown) => {
              failures.push({ missionId, error: error instanceof Error ? error.message : String(error) });
              return null;
            });
            if (outcome) outcomes.push(outcome);
            onMission(outcome);
          }
        } finally {
          await dropScratchTables(connection);
        }
      }),
    ),
  );
  return outcomes;
}

/** A lost connection, a query timing out while a worker restarts: tried again after a pause. */
async function attempt<T>(times: number, action: () => Promise<T>): Promise<T> {
  for (let tried = 1; ; tried += 1) {
    try {
      return await action();
    } catch (error) {
      if (tried >= times) throw error;
      await sleep(500 * tried);
    }
  }
}
