/**
 * Opt-in experiment for bench/commands.ts (BENCH_COMMANDS=…,activity,local-activity): the
 * counter of workflows.ts, but each update waits for one activity before it answers, as the
 * mission's commands wait for their read-model projection. Compares a regular activity (what
 * the mission workflow uses) with a local activity, nothing else changing. Bundled and run by
 * its own Worker (bench/lib/baseline-worker.ts with EXPERIMENTS=1), on its own task queue.
 */
import {
  condition,
  defineSignal,
  defineUpdate,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
} from '@temporalio/workflow';

export interface ExperimentActivities {
  project(counter: number): Promise<void>;
}

const regular = proxyActivities<ExperimentActivities>({ startToCloseTimeout: '30 seconds' });
const local = proxyLocalActivities<ExperimentActivities>({ startToCloseTimeout: '30 seconds' });

export const incrementWithActivityUpdate = defineUpdate<number>('incrementWithActivity');
export const incrementWithLocalActivityUpdate = defineUpdate<number>('incrementWithLocalActivity');
export const stopExperimentSignal = defineSignal('stop');

export async function projectingCounterWorkflow(): Promise<number> {
  let counter = 0;
  let stopped = false;
  setHandler(incrementWithActivityUpdate, async () => {
    counter += 1;
    await regular.project(counter);
    return counter;
  });
  setHandler(incrementWithLocalActivityUpdate, async () => {
    counter += 1;
    await local.project(counter);
    return counter;
  });
  setHandler(stopExperimentSignal, () => {
    stopped = true;
  });
  await condition(() => stopped);
  return counter;
}
