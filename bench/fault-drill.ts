/**
 * Fault drill: drives missions through their whole life (planning, invitation, participant,
 * attendance and signed sheet, payouts, closure) on the real Temporal dev server, through the
 * API, while it kills the worker and the API with SIGKILL, runs two workers at once, restarts the
 * Temporal server (persistent SQLite) or, on a cluster, SIGKILLs one of its nodes, and stops
 * Postgres. Then it checks that nothing was lost, sent twice or left behind, prints the figures,
 * and exits non-zero if a check fails.
 *
 *   ./scripts/drill.sh           short form (CI): 8 missions, 5 s Postgres outage
 *   ./scripts/drill.sh --long    long form: 200 missions, 30 s Postgres outage
 *   TEMPORAL_TARGET=cluster ./scripts/drill.sh [--long]   on a fresh two-node cluster on Postgres
 *
 * Env: DRILL_MISSIONS, DRILL_POSTGRES_OUTAGE_S, DRILL_CONCURRENCY override the form's figures.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { type DatabasePool, sql } from 'slonik';
import { z } from 'zod';
import { mintToken } from '../api/auth/tokens.ts';
import { migrate } from '../db/migrate.ts';
import { createDatabasePool } from '../db/pool.ts';
import { ensureDatabase, type RunningPostgres, startPostgres } from '../scripts/provision/postgres.ts';
import { freePort } from '../test/support/free-port.ts';
import { type ResendContractServer, startResendContractServer } from '../test/support/resend-server.ts';
import { addDays, businessDate } from '../workflows/rules/calendar.ts';
import { clusterTarget, type DrillTemporal, startDrillTemporal } from './lib/drill-temporal.ts';
import {
  BENCH_JWT_SECRET,
  type ChildService,
  envInt,
  log,
  onCleanup,
  runBenchmark,
  startChild,
} from './lib/harness.ts';

const LONG = process.argv.includes('--long');
const MISSIONS = envInt('DRILL_MISSIONS', LONG ? 200 : 8);
const OUTAGE_S = envInt('DRILL_POSTGRES_OUTAGE_S', LONG ? 30 : 5);
/** Lifecycles mostly wait for their session: the long form runs them all at once. */
const CONCURRENCY = envInt('DRILL_CONCURRENCY', LONG ? 200 : 4);
/** Sessions start this long after they are planned (everything before must fit), and last this long. */
const LEAD_S = LONG ? 300 : 75;
/**
 * Certificates show hours attended to the quarter hour: a 20-second session rounds to none and
 * sends no certificate, so only the long form (8-minute sessions) exercises them.
 */
const DURATION_S = LONG ? 480 : 20;
const CERTIFICATES_PER_MISSION = Math.round((DURATION_S / 3600) * 4) / 4 > 0 ? 1 : 0;
const here = path.dirname(new URL(import.meta.url).pathname);

const faults = {
  workerKills: 0,
  apiKills: 0,
  restarts: 0,
  twoWorkersSeconds: 0,
  temporalFaults: [] as string[],
  postgresOutageSeconds: 0,
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Stack {
  scratch: string;
  postgres: RunningPostgres;
  postgresPort: number;
  databaseUrl: string;
  temporal: DrillTemporal;
  resend: ResendContractServer;
  apiUrl: string;
  taskQueue: string;
}

/** A process (worker or API) that a supervisor restarts when it dies, as a container platform would. */
class Supervised {
  private child: ChildService | null = null;
  private stopped = false;
  private readonly name: string;
  private readonly script: string;
  private readonly env: Record<string, string>;

  constructor(name: string, script: string, env: Record<string, string>) {
    this.name = name;
    this.script = script;
    this.env = env;
  }

  get ready(): Record<string, unknown> {
    return this.child?.ready ?? {};
  }

  async start(): Promise<void> {
    this.stopped = false;
    this.child = await startChild(this.name, path.join(here, this.script), this.env);
    const child = this.child;
    child.process.once('exit', (code, signal) => {
      if (this.stopped || this.child !== child) return;
      log(`${this.name} exited (${signal ?? code}); restarting it`);
      faults.restarts += 1;
      void sleep(1000)
        .then(() => (this.stopped ? undefined : this.start()))
        .catch((error: unknown) => log(`${this.name} could not restart: ${String(error)}`));
    });
  }

  /** The drill is over: no more restarts (cleanup stops the process). */
  release(): void {
    this.stopped = true;
  }

  kill(): void {
    this.child?.process.kill('SIGKILL');
    log(`${this.name}: SIGKILL`);
  }

  retire(): void {
    this.stopped = true;
    this.child?.process.kill('SIGKILL');
    log(`${this.name}: SIGKILL, not restarted`);
  }
}

async function startStack(): Promise<{ stack: Stack; workers: Supervised[]; api: Supervised }> {
  const { mkdtemp, chmod, rm } = await import('node:fs/promises');
  const os = await import('node:os');
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'missions-drill-'));
  onCleanup('scratch directory', () => rm(scratch, { recursive: true, force: true }));
  await chmod(scratch, 0o755);
  const postgresPort = await freePort();
  // Persistent (fsync on): the drill stops and starts it, and nothing may be lost.
  const postgres = await startPostgres({ dataDir: path.join(scratch, 'postgres'), port: postgresPort });
  const databaseUrl = await ensureDatabase(postgres.serverUrl, 'missions_drill');
  await migrate(databaseUrl);
  const temporal = await startDrillTemporal(scratch);
  const resend = await startResendContractServer();
  const taskQueue = `drill-${randomUUID().slice(0, 8)}`;
  const stack: Stack = {
    scratch,
    postgres,
    postgresPort,
    databaseUrl,
    temporal,
    resend,
    apiUrl: '',
    taskQueue,
  };
  onCleanup('resend contract server', () => resend.close());
  onCleanup('postgres', () => stack.postgres.stop());
  const common = { TEMPORAL_ADDRESS: temporal.address, DATABASE_URL: databaseUrl, TASK_QUEUE: taskQueue };
  const api = new Supervised('api', 'lib/api-process.ts', {
    ...common,
    JWT_SECRET: BENCH_JWT_SECRET,
    PORT: String(await freePort()),
    // The short form's 20-second sessions are below the quarter hour a session usually lasts.
    MINIMUM_SESSION_MINUTES: '0',
  });
  await api.start();
  stack.apiUrl = String(api.ready.url);
  const workerEnv = { ...common, RESEND_BASE_URL: resend.url, RESEND_API_KEY: resend.apiKey };
  const workers = [
    new Supervised('worker-1', 'lib/mission-worker.ts', workerEnv),
    new Supervised('worker-2', 'lib/mission-worker.ts', workerEnv),
  ];
  await workers[0]?.start();
  log(
    `stack up: Temporal ${temporal.address} (${temporal.description}), Postgres :${postgresPort}, API ${stack.apiUrl}`,
  );
  return { stack, workers, api };
}

// --- The API, as a front end would call it through faults ------------------------------------

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/**
 * Sends a request until it gets an answer that is not an outage (network error, 5xx, 429).
 * Commands carry an Idempotency-Key where the API takes one, so a retry is applied once.
 */
async function call(
  stack: Stack,
  token: string | null,
  method: string,
  url: string,
  body?: object | Buffer,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const deadline = Date.now() + 300_000;
  for (let attempt = 1; ; attempt += 1) {
    try {
      const response = await fetch(`${stack.apiUrl}${url}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body ? { 'content-type': Buffer.isBuffer(body) ? 'application/pdf' : 'application/json' } : {}),
          ...headers,
        },
        ...(body ? { body: Buffer.isBuffer(body) ? new Uint8Array(body) : JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await response.text();
      if (response.status < 500 && response.status !== 429)
        return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
    } catch {
      // The API, Temporal or Postgres is down: try again.
    }
    if (Date.now() > deadline) throw new Error(`${method} ${url}: no answer through the faults in 300 s`);
    await sleep(Math.min(500 * attempt, 5000));
  }
}

function expectStatus(answer: Answer, what: string, ...accepted: number[]): Answer {
  if (!accepted.includes(answer.status))
    throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
  return answer;
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined>,
  timeoutMs = 300_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(1000);
  }
}

interface Tokens {
  staff: string;
}

async function directory(stack: Stack, tokens: Tokens, id: string): Promise<void> {
  const today = businessDate(new Date());
  const created = await call(stack, tokens.staff, 'POST', '/facilitators', {
    id,
    firstName: 'Léa',
    lastName: `Drill ${id}`,
    email: `${id}@example.org`,
    country: 'FR',
    trainingProviderNumber: '11755555575',
    complianceCheckedOn: today,
    compliantUntil: addDays(today, 365),
  });
  expectStatus(created, `directory ${id}`, 201, 409);
  expectStatus(
    await call(stack, tokens.staff, 'PUT', `/facilitators/${id}/billing`, {
      billingName: null,
      billingAddress: '8 rue des Carmes, 31000 Toulouse',
      siret: '12345678900012',
      vatNumber: null,
      vatRatePercent: null,
      selfBillingMandateSignedOn: today,
    }),
    `billing ${id}`,
    200,
  );
}

/** One mission from the order to its closure, as its coordinator, facilitator and staff would. */
async function lifecycle(stack: Stack, tokens: Tokens, run: string, index: number): Promise<string> {
  const coordinatorId = `drill-coord-${run}-${index}`;
  const facilitatorId = `drill-fac-${run}-${index}`;
  await directory(stack, tokens, coordinatorId);
  await directory(stack, tokens, facilitatorId);
  const coordinator = await mintToken(BENCH_JWT_SECRET, { subject: coordinatorId, role: 'coordinator' });
  const key = (step: string) => ({ 'idempotency-key': `drill-${run}-${index}-${step}` });

  const created = expectStatus(
    await call(
      stack,
      tokens.staff,
      'POST',
      '/missions',
      {
        title: `Drill ${index}`,
        client: { name: `Drill client ${run}` },
        sector: 'education',
        dealType: 'subcontracting',
        coordinator: {
          id: coordinatorId,
          name: `Coordination ${index}`,
          email: `${coordinatorId}@example.org`,
        },
        endDate: addDays(businessDate(new Date()), 30),
        orderLines: [{ kind: 'workshop', quantity: 1, participantsPerSession: 20, unitPriceCents: 90_000 }],
      },
      key('create'),
    ),
    'create mission',
    200,
    201,
  );
  const missionId = String(created.body.id);
  const startsAt = Date.now() + LEAD_S * 1000;
  const planned = expectStatus(
    await call(
      stack,
      coordinator,
      'POST',
      `/missions/${missionId}/sessions`,
      {
        kind: 'workshop',
        title: 'Atelier',
        startsAt: new Date(startsAt).toISOString(),
        endsAt: new Date(startsAt + DURATION_S * 1000).toISOString(),
        location: { mode: 'online', url: 'https://visio.example.org/drill' },
        capacity: 20,
        otherFacilitators: 0,
      },
      key('plan'),
    ),
    'plan session',
    200,
    201,
  );
  const sessionId = String((planned.body.sessions as { id: string }[])[0]?.id);
  const base = `/missions/${missionId}/sessions/${sessionId}`;
  const invited = expectStatus(
    await call(
      stack,
      coordinator,
      'POST',
      `${base}/invitations`,
      { facilitatorId, facilitatorStatus: 'paid' },
      key('invite'),
    ),
    'invite',
    200,
    201,
  );
  const invitationId = String((invited.body.invitations as { id: string }[])[0]?.id);
  const invitation = await waitFor('invitation e-mail', async () =>
    stack.resend.received.find((email) => email.idempotencyKey?.startsWith(`${invitationId}:`)),
  );
  const link = /\/links\/invitations\/[A-Za-z0-9._-]+/.exec(invitation.text ?? '')?.[0];
  if (!link) throw new Error('no invitation link');
  expectStatus(await call(stack, null, 'POST', `${link}/accept`, {}), 'accept', 200, 409);
  const registered = expectStatus(
    await call(
      stack,
      coordinator,
      'POST',
      `${base}/participants`,
      {
        participants: [
          { email: `p-${run}-${index}@example.org`, firstName: 'Inès', lastName: 'Participante' },
        ],
      },
      key('register'),
    ),
    'register',
    200,
  );
  const participantId = String((registered.body.participants as { id: string }[])[0]?.id);

  await sleep(Math.max(0, startsAt + DURATION_S * 1000 + 2000 - Date.now()));
  const recorded = await call(stack, coordinator, 'PUT', `${base}/attendance`, {
    presence: [{ participantId, halfDays: [true] }],
  });
  if (recorded.status === 409 && recorded.body.code === 'SESSION_NOT_ENDED')
    throw new Error('session not ended');
  expectStatus(recorded, 'attendance', 200, 409);
  const sheet = Buffer.from(`%PDF-1.4\n% feuille signée ${index}\n`);
  expectStatus(
    await call(stack, coordinator, 'PUT', `${base}/attendance-sheet/signed`, sheet),
    'sheet',
    200,
    409,
  );
  expectStatus(
    await call(stack, tokens.staff, 'POST', `${base}/attendance-sheet/confirm`),
    'confirm',
    200,
    409,
  );

  await waitFor('the payout to be eligible', async () => {
    const payouts = await call(stack, coordinator, 'GET', `/missions/${missionId}/payouts`);
    const items = payouts.body.items as { status: string }[];
    return items?.length === 1 && items[0]?.status === 'eligible' ? true : null;
  });
  const requested = await call(
    stack,
    coordinator,
    'POST',
    `/missions/${missionId}/payout-requests`,
    undefined,
    key('payouts'),
  );
  expectStatus(requested, 'payout request', 201, 409);
  await waitFor('closure', async () => {
    const closure = await call(stack, coordinator, 'GET', `/missions/${missionId}/closure`);
    return closure.body.status === 'closed' ? true : null;
  });
  return missionId;
}

async function inPool<T>(
  count: number,
  concurrency: number,
  work: (index: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const index = next;
        next += 1;
        results[index] = await work(index);
      }
    }),
  );
  return results;
}

// --- Faults ----------------------------------------------------------------------------------

/**
 * One cycle of faults, repeated until every mission is through: a second worker joins, the
 * first is killed (and restarted by its supervisor), the Temporal server restarts on its SQLite
 * file, the second worker is killed for good, Postgres stops, and the first worker is killed twice.
 */
async function injectFaults(
  stack: Stack,
  workers: Supervised[],
  api: Supervised,
  done: () => boolean,
): Promise<void> {
  const [first, second] = workers as [Supervised, Supervised];
  const killWorker = (worker: Supervised) => {
    worker.kill();
    faults.workerKills += 1;
  };
  const scale = LONG ? 2 : 1;
  const step = async (seconds: number) => {
    for (let waited = 0; waited < seconds * scale && !done(); waited += 1) await sleep(1000);
    return !done();
  };
  while (await step(10)) {
    await second.start();
    const twoSince = Date.now();
    log('two workers on the task queue');
    if (!(await step(15))) return;
    killWorker(first);
    if (!(await step(10))) return;
    api.kill();
    faults.apiKills += 1;
    if (!(await step(10))) return;
    faults.temporalFaults.push(await stack.temporal.fault(20 * scale, () => !done()));
    if (!(await step(20))) return;
    second.retire();
    faults.workerKills += 1;
    faults.twoWorkersSeconds += Math.round((Date.now() - twoSince) / 1000);
    if (!(await step(15))) return;
    log(`stopping Postgres for ${OUTAGE_S} s`);
    await stack.postgres.stop();
    await sleep(OUTAGE_S * 1000);
    stack.postgres = await startPostgres({
      dataDir: path.join(stack.scratch, 'postgres'),
      port: stack.postgresPort,
    });
    faults.postgresOutageSeconds += OUTAGE_S;
    log('Postgres is back');
    if (!(await step(15))) return;
    killWorker(first);
    if (!(await step(30))) return;
    killWorker(first);
  }
}

// --- Checks ----------------------------------------------------------------------------------

/**
 * What each mission owes: assigned, invitation, accepted, convocation, staff's notice that the
 * convocation went without internal rules (the drill uploads none), the signing link to the lead
 * facilitator when the session starts, two per self-billed payout (provider copy and billing
 * team) for the facilitator and for the coordinator, the billing notice, the closure notice, and
 * the certificate when the session lasted long enough.
 */
const EXPECTED_EMAILS_PER_MISSION = 12 + CERTIFICATES_PER_MISSION;

/**
 * A closed mission's last steps run on after the driver sees it closed (the coordinator's payout
 * is a workflow of its own): wait until every payout is invoiced and the e-mail log stops
 * growing, for at most two minutes, before judging.
 */
async function settled(pool: DatabasePool, missionIds: string[]): Promise<void> {
  const ids = sql.array(missionIds, 'uuid');
  const deadline = Date.now() + 120_000;
  let last = -1;
  for (;;) {
    const state = await pool.one(sql.type(z.object({ invoiced: z.number(), emails: z.number() }))`
      select (select count(*)::int from provider_payouts where mission_id = any(${ids}) and status = 'invoiced') as invoiced,
             (select count(*)::int from email_log where mission_id = any(${ids})) as emails`);
    const done =
      state.invoiced === 2 * missionIds.length &&
      state.emails === EXPECTED_EMAILS_PER_MISSION * missionIds.length;
    if (done || (state.emails === last && Date.now() > deadline)) return;
    last = state.emails;
    await sleep(2000);
  }
}

interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
}

async function check(stack: Stack, pool: DatabasePool, missionIds: string[]): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const record = (name: string, ok: boolean, detail: string) => results.push({ name, ok, detail });
  const ids = sql.array(missionIds, 'uuid');

  const closed = await pool.oneFirst(sql.type(z.object({ count: z.number() }))`
    select count(*)::int as count from missions where id = any(${ids}) and status = 'closed'`);
  record('every mission closed', closed === missionIds.length, `${closed}/${missionIds.length}`);

  const connection = await Connection.connect({ address: stack.temporal.address });
  const client = new Client({ connection });
  const count = async (query: string) => (await client.workflow.count(query)).count;
  const failed = await count(
    'ExecutionStatus="Failed" or ExecutionStatus="Terminated" or ExecutionStatus="TimedOut"',
  );
  record('zero failed workflows', failed === 0, `${failed} failed, terminated or timed out`);
  const missionsCompleted = await count('WorkflowType="missionWorkflow" and ExecutionStatus="Completed"');
  record('every mission workflow completed', missionsCompleted === missionIds.length, `${missionsCompleted}`);

  const EXPECTED_PER_MISSION = EXPECTED_EMAILS_PER_MISSION;
  const logged = await pool.any(sql.type(
    z.object({ missionId: z.string(), count: z.number(), sent: z.number() }),
  )`
    select mission_id::text as "missionId", count(*)::int as count, count(*) filter (where status = 'sent')::int as sent
    from email_log where mission_id = any(${ids}) group by mission_id`);
  const expected = missionIds.length * EXPECTED_PER_MISSION;
  const sent = logged.reduce((sum, row) => sum + row.sent, 0);
  const wrong = logged.filter((row) => row.count !== EXPECTED_PER_MISSION || row.sent !== row.count);
  const templates = await pool.any(sql.type(z.object({ template: z.string(), count: z.number() }))`
    select template, count(*)::int as count from email_log where mission_id = any(${ids}) group by template order by template`);
  log(`e-mails by template: ${templates.map((row) => `${row.template} ${row.count}`).join(', ')}`);
  record(
    'e-mails sent = e-mails expected',
    sent === expected && wrong.length === 0 && logged.length === missionIds.length,
    `${sent} sent of ${expected} expected${wrong.length ? `; off on ${wrong.length} missions` : ''}`,
  );
  const keys = stack.resend.received.map((email) => email.idempotencyKey ?? '');
  const duplicates = keys.length - new Set(keys).size;
  record(
    'no e-mail received twice (by idempotency key)',
    duplicates === 0 && keys.length === sent,
    `${keys.length} received, ${duplicates} duplicates`,
  );

  const versionGaps = await pool.oneFirst(sql.type(z.object({ count: z.number() }))`
    select count(*)::int as count from (
      select count(*) as versions, max(version) as highest, count(distinct version) as distinct_versions
      from documents where mission_id = any(${ids})
      group by mission_id, session_id, participant_id, kind
    ) per_key where versions <> highest or distinct_versions <> versions`);
  const documents = await pool.oneFirst(sql.type(z.object({ count: z.number() }))`
    select count(*)::int as count from documents where mission_id = any(${ids})`);
  record(
    'documents without gaps or duplicates',
    versionGaps === 0,
    `${documents} documents, ${versionGaps} keys with gaps`,
  );

  const series = await pool.any(sql.type(
    z.object({ series: z.string(), rows: z.number(), distinct: z.number(), highest: z.number() }),
  )`
    select series, count(*)::int as rows, count(distinct number)::int as distinct, max(number) as highest
    from self_billing_invoices group by series`);
  const invoices = series.reduce((sum, row) => sum + row.rows, 0);
  record(
    'invoice numbers without gaps or duplicates',
    series.every((row) => row.rows === row.highest && row.distinct === row.rows) &&
      invoices === missionIds.length * 2,
    series.map((row) => `${row.series}: ${row.rows} invoices, highest ${row.highest}`).join('; ') || 'none',
  );

  const orphans = await pool.one(sql.type(
    z.object({
      sessions: z.number(),
      staffing: z.number(),
      payouts: z.number(),
      undocumented: z.number(),
      payoutOrphans: z.number(),
    }),
  )`
    select
      (select count(*)::int from sessions where mission_id = any(${ids})) as sessions,
      (select count(*)::int from session_staffing where mission_id = any(${ids})) as staffing,
      (select count(*)::int from provider_payouts where mission_id = any(${ids})) as payouts,
      (select count(*)::int from self_billing_invoices i where i.mission_id = any(${ids})
         and (i.document_id is null or not exists (select 1 from documents d where d.id = i.document_id))) as undocumented,
      (select count(*)::int from provider_payouts p where not exists (select 1 from missions m where m.id = p.mission_id)) as "payoutOrphans"`);
  const n = missionIds.length;
  record(
    'no orphan or missing rows',
    orphans.sessions === n &&
      orphans.staffing === n &&
      orphans.payouts === 2 * n &&
      orphans.undocumented === 0 &&
      orphans.payoutOrphans === 0,
    `${orphans.sessions} sessions, ${orphans.staffing} staffing rows, ${orphans.payouts} payouts for ${n} missions; ${orphans.undocumented} invoices without document; ${orphans.payoutOrphans} orphan payouts`,
  );

  const invoicedVisible = await count('WorkflowType="providerPayoutWorkflow" and PayoutStatus="invoiced"');
  record(
    'payouts visible by PayoutStatus in Temporal',
    invoicedVisible === 2 * n,
    `${invoicedVisible} with PayoutStatus="invoiced"`,
  );
  await connection.close();
  return results;
}

await runBenchmark('fault drill', async () => {
  const started = Date.now();
  const run = randomUUID().slice(0, 6);
  const { stack, workers, api } = await startStack();
  const tokens: Tokens = {
    staff: await mintToken(BENCH_JWT_SECRET, { subject: 'drill-staff', role: 'staff' }),
  };
  log(`${MISSIONS} missions, ${CONCURRENCY} at a time; sessions start ${LEAD_S} s after planning`);

  let finished = false;
  const faultsDone = injectFaults(stack, workers, api, () => finished);
  const failures: string[] = [];
  const missionIds = (
    await inPool(MISSIONS, CONCURRENCY, async (index) => {
      try {
        return await lifecycle(stack, tokens, run, index);
      } catch (error) {
        failures.push(`mission ${index}: ${(error as Error).message}`);
        return null;
      }
    })
  ).filter((id): id is string => id !== null);
  finished = true;
  await faultsDone;
  const drove = (Date.now() - started) / 1000;
  for (const child of [...workers, api]) child.release();

  const pool = await createDatabasePool(stack.databaseUrl);
  await settled(pool, missionIds);
  const results = await check(stack, pool, missionIds);
  await pool.end();
  if (failures.length > 0)
    results.unshift({
      name: 'every lifecycle completed',
      ok: false,
      detail: failures.slice(0, 5).join(' | '),
    });

  const report = [
    '',
    `Fault drill (${LONG ? 'long' : 'short'} form, Temporal ${clusterTarget() ? 'cluster' : 'dev server'}) — ${new Date().toISOString()}`,
    `  missions driven to closure: ${missionIds.length}/${MISSIONS} in ${drove.toFixed(0)} s`,
    `  faults: ${faults.workerKills} worker and ${faults.apiKills} API SIGKILLs (${faults.restarts} restarts by the supervisor), two workers for ${faults.twoWorkersSeconds} s, ${faults.temporalFaults.length} Temporal fault(s), Postgres stopped ${faults.postgresOutageSeconds / OUTAGE_S} time(s) for ${OUTAGE_S} s`,
    ...faults.temporalFaults.map((fault) => `  Temporal: ${fault}`),
    ...results.map((result) => `  ${result.ok ? 'PASS' : 'FAIL'}  ${result.name}: ${result.detail}`),
    '',
  ];
  process.stdout.write(report.join('\n'));
  if (results.some((result) => !result.ok)) throw new Error('the fault drill found a problem');
});
