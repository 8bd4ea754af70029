/**
 * The whole service on one machine: Postgres (embedded, data kept in .data/), the Temporal dev
 * server with its Web UI and a persistent SQLite file, the worker, the API and the console.
 * Ctrl-C stops everything; data survives a restart.
 */
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { mintToken } from '../api/auth/tokens.ts';
import {
  apiSettings,
  dataDir,
  emailSettings,
  metricsAddress,
  temporalSettings,
} from '../config/environment.ts';
import { migrate } from '../db/migrate.ts';
import { busyPorts } from './provision/ports.ts';
import { ensureDatabase, startPostgres } from './provision/postgres.ts';
import { provisionTemporalCli } from './provision/temporal-binaries.ts';
import { startTemporalDevServer } from './provision/temporal-dev-server.ts';
import { type Supervised, supervise } from './supervise.ts';

const TEMPORAL_PORT = Number(process.env.TEMPORAL_PORT ?? 7233);
const TEMPORAL_UI_PORT = Number(process.env.TEMPORAL_UI_PORT ?? 8233);
const POSTGRES_PORT = Number(process.env.POSTGRES_PORT ?? 54320);
const CONSOLE_PORT = Number(process.env.CONSOLE_PORT ?? 3001);

// The dev stack is the one place the public development secrets may be used; the API and the
// worker inherit the mode and say so loudly at start.
process.env.MISSIONS_MODE ??= 'development';
// Fixed ports, so that curl or a local Prometheus finds the metrics; set either empty to turn it off.
process.env.API_METRICS_ADDRESS ??= '127.0.0.1:9464';
process.env.WORKER_METRICS_ADDRESS ??= '127.0.0.1:9465';
const workerMetrics = metricsAddress('WORKER_METRICS_ADDRESS');
const started = Date.now();
const data = dataDir();
await mkdir(data, { recursive: true });

const api = apiSettings();
const busy = await busyPorts({
  'Temporal gRPC': TEMPORAL_PORT,
  'Temporal Web UI': TEMPORAL_UI_PORT,
  Postgres: POSTGRES_PORT,
  API: api.port,
  Console: CONSOLE_PORT,
  ...(api.metrics ? { 'API metrics': api.metrics.port } : {}),
  ...(workerMetrics ? { 'Worker metrics': workerMetrics.port } : {}),
});
if (busy.length > 0) {
  process.stderr.write(
    `[dev] cannot start: ${busy.map(([name, port]) => `${name} port ${port}`).join(', ')} already in use ` +
      '(another dev stack still running or stopping?). Stop it, or choose other ports with TEMPORAL_PORT, TEMPORAL_UI_PORT, POSTGRES_PORT, PORT, CONSOLE_PORT, API_METRICS_ADDRESS, WORKER_METRICS_ADDRESS.\n',
  );
  process.exit(1);
}

const cli = await provisionTemporalCli();
const postgres = await startPostgres({ dataDir: path.join(data, 'postgres'), port: POSTGRES_PORT });
const databaseUrl = await ensureDatabase(postgres.serverUrl, 'missions');
const applied = await migrate(databaseUrl);
process.stderr.write(`[dev] migrations: ${applied.length ? applied.join(', ') : 'up to date'}\n`);

const temporal = await startTemporalDevServer(cli, {
  port: TEMPORAL_PORT,
  uiPort: TEMPORAL_UI_PORT,
  dbFilename: path.join(data, 'temporal.sqlite'),
});

const apiUrl = `http://${api.host === '0.0.0.0' ? 'localhost' : api.host}:${api.port}`;
const consoleUrl = `http://localhost:${CONSOLE_PORT}`;
const childEnv = {
  // Coordinators' e-mail buttons open the console's mission and session pages.
  COORDINATOR_MISSION_URL: `${consoleUrl}/missions/{missionId}`,
  COORDINATOR_SESSION_URL: `${consoleUrl}/missions/{missionId}/sessions/{sessionId}`,
  ...process.env,
  CONSOLE_PORT: String(CONSOLE_PORT),
  CONSOLE_API_URL: process.env.CONSOLE_API_URL ?? apiUrl,
  DATABASE_URL: databaseUrl,
  TEMPORAL_ADDRESS: temporal.address,
  TEMPORAL_NAMESPACE: temporalSettings().namespace,
};

const children: Supervised[] = [];
// A crashed process is restarted (the stack stays up while a developer fixes what it logged);
// one that keeps crashing stops everything.
function launch(name: string, script: string): void {
  const start = () =>
    spawn(process.execPath, [script], { env: childEnv, stdio: ['ignore', 'inherit', 'inherit'] });
  children.push(
    supervise(name, start, {
      log: (line) => process.stderr.write(`[dev] ${line}\n`),
      onGiveUp: () => void stop(1),
    }),
  );
}

let stopping = false;
async function stop(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  process.stderr.write('\n[dev] stopping…\n');
  await Promise.all(children.map((child) => child.stop()));
  await temporal.stop();
  await postgres.stop();
  process.stderr.write('[dev] stopped; data kept in .data/\n');
  process.exit(exitCode);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

launch('worker', 'worker/main.ts');
launch('api', 'api/server.ts');
launch('console', 'console/server.ts');

let ready = false;
for (let attempt = 0; attempt < 150 && !ready && !stopping; attempt += 1) {
  ready = await fetch(`${apiUrl}/health/ready`).then(
    (response) => response.ok,
    () => false,
  );
  if (!ready) await new Promise((resolve) => setTimeout(resolve, 200));
}
if (!ready) {
  const checks = await fetch(`${apiUrl}/health/ready`).then(
    (response) => response.text(),
    (error: Error) => error.message,
  );
  process.stderr.write(`[dev] the API is not ready after 30 s: ${checks}\n`);
  await stop(1);
}

// With OIDC_ISSUER set, the API accepts only the provider's tokens: nothing to mint.
const staffToken = api.authJwtSecret
  ? await mintToken(api.authJwtSecret, { subject: 'staff-dev', role: 'staff' })
  : undefined;
const email = emailSettings();
process.stdout.write(`
Mission orchestration is running (started in ${((Date.now() - started) / 1000).toFixed(1)} s)

  Console          ${consoleUrl}  (sign in as a dev person: staff or a coordinator)
  API              ${apiUrl}
  Swagger UI       ${apiUrl}/docs
  OpenAPI          ${apiUrl}/openapi.json
  Temporal Web UI  http://localhost:${TEMPORAL_UI_PORT}
  API metrics      ${api.metrics ? `http://${api.metrics.address}/metrics` : 'off'}
  Worker metrics   ${workerMetrics ? `http://${workerMetrics.address}/metrics  (the Temporal SDK's)` : 'off'}
  Temporal gRPC    ${temporal.address}
  Postgres         ${databaseUrl}
  E-mails          ${email.resendApiKey ? 'sent through Resend' : `outbox folder ${email.outboxDir}`}

${
  staffToken
    ? `  A staff token for curl (12 h):  export TOKEN=${staffToken}
  Another one:                    npm run token -- coordinator <id>`
    : '  Tokens:                         from the identity provider (OIDC_ISSUER)'
}

Ctrl-C stops everything; data stays in ${data}.
`);
