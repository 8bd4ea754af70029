/**
 * Worker process: runs the mission workflows and their activities. SIGINT/SIGTERM stop polling,
 * let in-flight activities finish within the grace time, then close the database pool.
 */
import { DefaultLogger, type LogLevel, NativeConnection, Runtime } from '@temporalio/worker';
import { pdfRendering } from '../activities/documents/pdf/rendering.ts';
import { chooseEmailSender } from '../activities/email/choose-sender.ts';
import {
  coordinatorPageTemplates,
  databaseUrl,
  documentSettings,
  emailSettings,
  linkSigningSecrets,
  logLevel,
  metricsAddress,
  publicBaseUrl,
  settingsOrExit,
  temporalSettings,
  workerSettings,
} from '../config/environment.ts';
import { connectionOptions } from '../config/temporal-connection.ts';
import { createDatabasePool } from '../db/pool.ts';
import { startTracing } from '../tracing/setup.ts';
import { createWorker } from './create-worker.ts';
import { sdkMetricsTelemetry } from './metrics.ts';
import { workflowBundleFile } from './workflow-bundle.ts';

const { linkSecrets, metrics, documents, tuning } = settingsOrExit('worker', () => ({
  linkSecrets: linkSigningSecrets(),
  metrics: metricsAddress('WORKER_METRICS_ADDRESS'),
  documents: documentSettings(),
  tuning: workerSettings(),
}));
const pdf = pdfRendering(documents);
// A wrong seal file or passphrase stops the worker now, not at the first certificate sent.
const seal = await pdf.seal().catch((error: unknown) => {
  process.stderr.write(`worker cannot start: cannot read the seal certificate: ${String(error)}\n`);
  process.exit(2);
});
// Without Gotenberg, LibreOffice must run here: a worker that cannot convert says so at start.
const converter = await pdf.converter.describe().catch((error: unknown) => {
  process.stderr.write(`worker cannot start: cannot run the PDF converter: ${String(error)}\n`);
  process.exit(2);
});
const temporal = temporalSettings();
const email = emailSettings();
const url = databaseUrl();
if (!url) {
  process.stderr.write('DATABASE_URL is required\n');
  process.exit(2);
}

// The SDK logs every bundle and state change at INFO; operators want warnings unless they ask.
const level = logLevel().toUpperCase();
const sdkLevel: LogLevel = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'].includes(level)
  ? (level as LogLevel)
  : 'WARN';
Runtime.install({
  shutdownSignals: ['SIGINT', 'SIGTERM'],
  logger: new DefaultLogger(process.env.LOG_LEVEL ? sdkLevel : 'WARN'),
  telemetryOptions: sdkMetricsTelemetry(metrics),
});
const tracing = startTracing('missions-worker');
const bundle = await workflowBundleFile(
  tuning.workflowBundlePath,
  tuning.workflowBundleCache,
  tracing !== undefined,
).catch((error: unknown) => {
  process.stderr.write(`worker cannot start: cannot bundle the workflows: ${String(error)}\n`);
  process.exit(2);
});
const pool = await createDatabasePool(url);
const connection = await NativeConnection.connect(await connectionOptions(temporal));
try {
  const worker = await createWorker({
    connection,
    namespace: temporal.namespace,
    taskQueue: temporal.taskQueue,
    dependencies: {
      pool,
      email: {
        sender: chooseEmailSender(email),
        from: email.from,
        staffEmail: email.staffEmail,
        billingEmail: email.billingEmail,
      },
      publicBaseUrl: publicBaseUrl(),
      coordinatorPages: coordinatorPageTemplates(),
      linkSecrets,
      pdf,
    },
    workflowBundle: { codePath: bundle.codePath },
    maxCachedWorkflows: tuning.maxCachedWorkflows,
    tracing,
  });
  const target = email.resendApiKey ? 'Resend' : `the outbox in ${email.outboxDir}`;
  process.stderr.write(
    `worker polling task queue "${temporal.taskQueue}" on ${temporal.address}; e-mails go to ${target}` +
      `; PDFs by ${converter}, sealed by "${seal.signerName}"` +
      `; workflows from ${bundle.built ? 'a bundle built now from the sources' : 'a fresh prebuilt bundle'} (${bundle.codePath})` +
      `, up to ${tuning.maxCachedWorkflows} cached` +
      `${metrics ? `; SDK metrics at http://${metrics.address}/metrics` : ''}\n`,
  );
  await worker.run();
} finally {
  await connection.close();
  await pool.end();
  await pdf.converter.close();
  await tracing?.shutdown();
}
