/**
 * `npm run read-model:rebuild` rewrites the read tables from the workflows; `npm run read-model:check`
 * prints every difference between them and exits 1 if there is any (docs/operations.md).
 * Needs DATABASE_URL, the TEMPORAL_* settings of the worker, and a worker polling: it answers the queries.
 *
 *   node scripts/read-model.ts rebuild|check [--fresh] [--closed-since=2026-01-01] [--filter="<visibility query>"] [--lanes=4]
 */
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { describeDifference } from '../activities/read-model/rebuild/differences.ts';
import { type RunReport, runReadModel } from '../activities/read-model/rebuild/run.ts';
import { databaseUrl, temporalSettings } from '../config/environment.ts';
import { connectionOptions } from '../config/temporal-connection.ts';
import { createDatabasePool } from '../db/pool.ts';
import { progressBar } from './lib/progress-bar.ts';

const USAGE =
  'usage: read-model rebuild|check [--fresh] [--closed-since=YYYY-MM-DD] [--filter="<visibility query>"] [--lanes=N]\n';

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}`);
  process.exit(2);
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    fresh: { type: 'boolean', default: false },
    'closed-since': { type: 'string' },
    filter: { type: 'string' },
    lanes: { type: 'string', default: '4' },
  },
});
const mode = positionals[0];
if (mode !== 'rebuild' && mode !== 'check') fail('say rebuild or check');
const lanes = Number(values.lanes);
if (!Number.isInteger(lanes) || lanes < 1) fail('--lanes must be a positive integer');
const closedSince = values['closed-since'] ? new Date(values['closed-since']) : undefined;
if (closedSince && Number.isNaN(closedSince.getTime())) fail('--closed-since must be a date');
const url = databaseUrl();
if (!url) fail('DATABASE_URL is required');

const pool = await createDatabasePool(url, { maximumPoolSize: lanes + 1 });
const connection = await Connection.connect(await connectionOptions(temporalSettings()));
const client = new Client({ connection, namespace: temporalSettings().namespace });
const stop = new AbortController();
process.once('SIGINT', () => {
  process.stderr.write('\nstopping after the missions under way (Ctrl-C again to quit now)\n');
  stop.abort();
});
const bar = progressBar(process.stderr, mode === 'rebuild' ? 'rebuilding' : 'checking');

let report: RunReport;
try {
  report = await runReadModel({
    pool,
    client,
    mode,
    fresh: values.fresh,
    closedSince,
    filter: values.filter,
    lanes,
    signal: stop.signal,
    onProgress: ({ done, total, counts }) =>
      bar.update(
        done,
        total,
        `unchanged ${counts.unchanged}, ${mode === 'rebuild' ? `repaired ${counts.repaired}` : `different ${counts.different}`}, skipped ${counts.skipped}, failed ${counts.failed}`,
      ),
  });
} finally {
  bar.finish();
  await pool.end();
  await connection.close();
}

for (const difference of report.differences) process.stdout.write(`${describeDifference(difference)}\n`);
for (const failure of report.failures)
  process.stderr.write(`mission ${failure.missionId} failed: ${failure.error}\n`);
const { counts } = report;
const rate = report.elapsedMs > 0 ? (report.done * 1000) / report.elapsedMs : 0;
process.stderr.write(
  [
    `${mode}: ${report.done} missions in ${(report.elapsedMs / 1000).toFixed(1)} s (${rate.toFixed(1)}/s)`,
    report.runId
      ? `, run ${report.runId}${report.resumed ? ` resumed (${report.alreadyDone} already done)` : ''}`
      : '',
    `: ${counts.unchanged} unchanged, ${mode === 'rebuild' ? `${counts.repaired} repaired` : `${counts.different} different (${report.differences.length} differences)`}`,
    `, ${counts.skipped} skipped (workflow gone), ${counts.failed} failed\n`,
  ].join(''),
);
if (report.interrupted) {
  process.stderr.write(mode === 'rebuild' ? 'interrupted: run it again to resume\n' : 'interrupted\n');
  process.exit(130);
}
if (report.failures.length > 0) {
  process.stderr.write(mode === 'rebuild' ? 'run it again: it resumes with the missions left\n' : '');
  process.exit(3);
}
process.exit(mode === 'check' && counts.different > 0 ? 1 : 0);
