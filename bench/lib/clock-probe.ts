/**
 * Vitest setup file used only by `BENCH_PROBE_CLOCK=1 npm run bench:test-speed`: reads the
 * time-skipping test server's clock when each environment is created, after each test and when
 * the environment is torn down, so the benchmark reports the simulated time the test covered
 * as measured on the server, not estimated.
 */
import { appendFileSync } from 'node:fs';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterEach } from 'vitest';

const out = process.env.BENCH_CLOCK_PROBE_FILE;
const live = new Set<TestWorkflowEnvironment>();

function record(point: string, clockMs: number): void {
  if (out) appendFileSync(out, `${JSON.stringify({ point, clockMs, wallMs: Date.now() })}\n`);
}

if (out) {
  const original = TestWorkflowEnvironment.createTimeSkipping.bind(TestWorkflowEnvironment);
  TestWorkflowEnvironment.createTimeSkipping = async (...args: Parameters<typeof original>) => {
    const env = await original(...args);
    record('created', await env.currentTimeMs());
    live.add(env);
    // Where the clock moves: around each sleep and each awaited workflow result.
    const sleep = env.sleep;
    env.sleep = async (duration) => {
      await sleep(duration);
      record(
        `after env.sleep(${typeof duration === 'number' ? `${(duration / 86_400_000).toFixed(2)} days` : duration})`,
        await env.currentTimeMs(),
      );
    };
    const getHandle = env.client.workflow.getHandle.bind(env.client.workflow);
    env.client.workflow.getHandle = ((...handleArgs: Parameters<typeof getHandle>) => {
      const handle = getHandle(...handleArgs);
      const result = handle.result.bind(handle);
      handle.result = async () => {
        const value = await result();
        record(`after result() of ${handle.workflowId}`, await env.currentTimeMs());
        return value;
      };
      return handle;
    }) as typeof getHandle;
    const teardown = env.teardown.bind(env);
    env.teardown = async () => {
      live.delete(env);
      record('teardown', await env.currentTimeMs());
      return teardown();
    };
    return env;
  };
  afterEach(async (context) => {
    for (const env of live) record(`after: ${context.task.name}`, await env.currentTimeMs());
  });
}
