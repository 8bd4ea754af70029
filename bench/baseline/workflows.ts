/**
 * Trivial workflows the benchmarks compare the project against, bundled by their own Worker
 * (bench/lib/baseline-worker.ts): no activities, no child workflows, no read model.
 */
import { condition, defineSignal, defineUpdate, setHandler, sleep } from '@temporalio/workflow';

export const incrementUpdate = defineUpdate<number>('increment');
export const stopSignal = defineSignal('stop');

/** One update handler that returns a counter; runs until told to stop. */
export async function counterWorkflow(): Promise<number> {
  let counter = 0;
  let stopped = false;
  setHandler(incrementUpdate, () => {
    counter += 1;
    return counter;
  });
  setHandler(stopSignal, () => {
    stopped = true;
  });
  await condition(() => stopped);
  return counter;
}

/** Sleeps until `instantMs` (epoch ms) and returns how late the timer fired: Date.now() − instant. */
export async function sleepUntilWorkflow(instantMs: number): Promise<number> {
  const wait = instantMs - Date.now();
  if (wait > 0) await sleep(wait);
  return Date.now() - instantMs;
}
