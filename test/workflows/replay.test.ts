/**
 * Replays the recorded histories in test/histories/ against the current workflow code: a change
 * that would break a running mission (non-determinism) fails here before it ships. Record new
 * ones with `RECORD_HISTORIES=1 ./scripts/test.sh test/workflows`.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { workflowSpanSinks } from '../../tracing/temporal.ts';
import { HISTORIES_DIR } from '../support/histories.ts';
import { workflowBundle } from '../support/workflow-bundle.ts';

const files = (await readdir(HISTORIES_DIR)).filter((file) => file.endsWith('.json')).sort();

describe('recorded histories replay on the current code', () => {
  it('has histories for every workflow type', async () => {
    const types = new Set<string>();
    for (const file of files) {
      const history = JSON.parse(await readFile(path.join(HISTORIES_DIR, file), 'utf8'));
      types.add(history.events[0].workflowExecutionStartedEventAttributes.workflowType.name);
    }
    expect([...types].sort()).toEqual([
      'fundingWorkflow',
      'managerApprovalWorkflow',
      'missionWorkflow',
      'providerPayoutWorkflow',
      'sessionWorkflow',
    ]);
  });

  // Histories were recorded by workers with and without tracing; either kind of worker may replay them.
  it.each(
    files.flatMap(
      (file) =>
        [
          [file, 'without tracing', false],
          [file, 'with tracing', true],
        ] as const,
    ),
  )('replays %s %s without non-determinism', async (file, _kind, traced) => {
    const history = JSON.parse(await readFile(path.join(HISTORIES_DIR, file), 'utf8'));
    await Worker.runReplayHistory(
      { workflowBundle: await workflowBundle(traced), sinks: workflowSpanSinks(undefined) },
      history,
      path.basename(file, '.json'),
    );
  });
});
