/**
 * Opt-in experiments for bench/commands.ts (BENCH_COMMANDS=…,activity,local-activity,tell-child):
 * the counter of workflows.ts, but each update waits for one activity before it answers, as the
 * mission's commands wait for their read-model projection. Compares a regular activity with a
 * local activity (what the mission uses), nothing else changing; `tell-child` prices the shape of
 * a move with nothing of the domain: the update projects by local activity and signals a second
 * workflow, which projects by local activity too (the session child). Bundled and run by its own
 * Worker (bench/lib/baseline-worker.ts with EXPERIMENTS=1), on its own task queue.
 */
import {
  condition,
  defineSignal,
  defineUpdate,
  getExternalWorkflowHandle,
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
export const incrementAndTellUpdate = defineUpdate<number>('incrementAndTell');
export const stopExperimentSignal = defineSignal('stop');
export const followSignal = defineSignal<[number]>('follow');

export async function projectingCounterWorkflow(input: { follower?: string } = {}): Promise<number> {
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
  setHandler(incrementAndTellUpdate, async () => {
    counter += 1;
    // As a move: the signal is commanded in the update's workflow task, its delivery not awaited.
    getExternalWorkflowHandle(input.follower ?? 'no-follower')
      .signal(followSignal, counter)
      .catch(() => undefined);
    await local.project(counter);
    return counter;
  });
  setHandler(stopExperimentSignal, () => {
    stopped = true;
  });
  await condition(() => stopped);
  return counter;
}

/** The second workflow of `tell-child`: projects each value it is told, as a session does a move. */
export async function followerWorkflow(): Promise<number> {
  let told = 0;
  let projected = 0;
  let stopped = false;
  setHandler(followSignal, (value) => {
    told = value;
  });
  setHandler(stopExperimentSignal, () => {
    stopped = true;
  });
  for (;;) {
    await condition(() => stopped || told !== projected);
    if (stopped) return projected;
    projected = told;
    await local.project(projected);
  }
}
