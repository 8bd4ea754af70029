/** The rebuild's progress, so an interrupted rebuild resumes where it stopped. */
import { randomUUID } from 'node:crypto';
import { type CommonQueryMethods, type DatabasePool, sql } from 'slonik';
import { z } from 'zod';

export type RebuiltOutcome = 'unchanged' | 'repaired' | 'skipped';

/** The run in progress, or a new one; `fresh` abandons the one in progress first. */
export async function openRebuildRun(
  pool: DatabasePool,
  fresh: boolean,
): Promise<{ runId: string; resumed: boolean }> {
  return pool.transaction(async (tx) => {
    if (fresh) {
      await tx.query(sql.unsafe`
        update read_model_rebuild_runs set status = 'abandoned', ended_at = now() where status = 'running'`);
    }
    const running = await tx.maybeOneFirst(sql.type(z.object({ runId: z.string() }))`
      select run_id::text as "runId" from read_model_rebuild_runs where status = 'running'`);
    if (running) return { runId: running, resumed: true };
    const runId = randomUUID();
    await tx.query(
      sql.unsafe`insert into read_model_rebuild_runs (run_id, status) values (${runId}, 'running')`,
    );
    return { runId, resumed: false };
  });
}

export async function missionsDoneInRun(pool: DatabasePool, runId: string): Promise<Set<string>> {
  const ids = await pool.anyFirst(sql.type(z.object({ id: z.string() }))`
    select mission_id::text as id from read_model_rebuild_missions where run_id = ${runId}`);
  return new Set(ids);
}

/** In the transaction that rebuilt the mission: the progress and the rows commit together. */
export async function recordMissionRebuilt(
  tx: CommonQueryMethods,
  runId: string,
  missionId: string,
  outcome: RebuiltOutcome,
): Promise<void> {
  await tx.query(sql.unsafe`
    insert into read_model_rebuild_missions (run_id, mission_id, outcome) values (${runId}, ${missionId}, ${outcome})
    on conflict (run_id, mission_id) do update set outcome = excluded.outcome, done_at = now()`);
}

export async function finishRebuildRun(pool: DatabasePool, runId: string): Promise<void> {
  await pool.query(sql.unsafe`
    update read_model_rebuild_runs set status = 'finished', ended_at = now() where run_id = ${runId}`);
}
