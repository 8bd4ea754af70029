/** API process: connects to Temporal and Postgres, serves HTTP, and drains on SIGINT/SIGTERM. */
import { Client, Connection } from '@temporalio/client';
import { pdfRendering } from '../activities/documents/pdf/rendering.ts';
import {
  apiSettings,
  databaseUrl,
  documentSettings,
  isDevelopment,
  linkSigningSecrets,
  settingsOrExit,
  temporalSettings,
} from '../config/environment.ts';
import { connectionOptions } from '../config/temporal-connection.ts';
import { createDirectReads } from '../db/direct-reads.ts';
import { createDatabasePool } from '../db/pool.ts';
import { withTraceIds } from '../tracing/log-fields.ts';
import { startTracing } from '../tracing/setup.ts';
import { clientTracing } from '../tracing/temporal.ts';
import { buildApp } from './app.ts';
import { apiLoggerOptions } from './log-redaction.ts';
import { serveApiMetrics } from './metrics/api-metrics.ts';

const { settings, linkSecrets, documents } = settingsOrExit('api', () => ({
  settings: apiSettings(),
  linkSecrets: linkSigningSecrets(),
  // The audit bundle seals the documents no one was sent yet, as the worker would.
  documents: documentSettings(),
}));
const temporal = temporalSettings();
const tracing = startTracing('missions-api');
const url = databaseUrl();
if (!url) {
  process.stderr.write('DATABASE_URL is required\n');
  process.exit(2);
}

// The API leaves nothing in a session: no DISCARD ALL after each query (db/pool.ts).
const pool = await createDatabasePool(url, { resetSessions: false });
const reads = createDirectReads(url);
const connection = await Connection.connect(await connectionOptions(temporal));
const client = new Client({
  connection,
  namespace: temporal.namespace,
  interceptors: clientTracing(tracing),
});
const metrics = settings.metrics
  ? await serveApiMetrics(pool, settings.metrics, {
      onReadError: (error) =>
        app.log.warn({ err: error }, 'business gauges: the read model could not be read'),
    })
  : undefined;
const app = await buildApp(
  {
    pool,
    reads,
    temporal: { client, taskQueue: temporal.taskQueue },
    jwtSecret: settings.authJwtSecret,
    oidc: settings.oidc,
    linkSecrets,
    publicBaseUrl: settings.publicBaseUrl,
    tokenMaxAgeSeconds: settings.tokenMaxAgeSeconds,
    pdf: pdfRendering(documents),
  },
  {
    logger: withTraceIds(apiLoggerOptions(settings.logLevel), tracing),
    docs: isDevelopment(),
    trustProxy: settings.trustProxy,
    metrics: metrics?.registry,
    tracing: tracing !== undefined,
  },
);
if (metrics) app.log.info({ url: metrics.url }, 'metrics served');

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'draining');
    void app
      .close()
      .then(() => metrics?.close())
      .then(() => tracing?.shutdown())
      .then(() => connection.close())
      .then(() => Promise.all([pool.end(), reads.end()]))
      .then(() => process.exit(0));
  });
}

await app.listen({ host: settings.host, port: settings.port });
