/**
 * The metrics endpoints after a short scenario: the API (built in this process, its metrics on
 * their own listener) sends its commands to a worker run as its own process, `node worker/main.ts`
 * with WORKER_METRICS_ADDRESS, because the Temporal runtime serving the SDK's metrics is
 * installed once per process and this test process already has one (quiet-runtime.ts). The
 * database is this file's own, so the business gauges can be compared with exact figures.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { sql } from 'slonik';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../api/app.ts';
import { mintToken } from '../../api/auth/tokens.ts';
import { type ApiMetrics, serveApiMetrics } from '../../api/metrics/api-metrics.ts';
import { migrate } from '../../db/migrate.ts';
import type { DatabasePool } from '../../db/pool.ts';
import { dropDatabase, ensureDatabase } from '../../scripts/provision/postgres.ts';
import { TEST_JWT_SECRET } from '../support/api-harness.ts';
import { testPool } from '../support/database.ts';
import { freePort } from '../support/free-port.ts';
import { type MissionBody, readJson } from '../support/http.ts';
import { parseSamples, type Sample, sampleValue } from '../support/prometheus-text.ts';
import { promtool } from '../support/promtool.ts';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process.ts';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const database = `missions_metrics_${process.pid}`;
const coordinator = { subject: 'coord-metrics', role: 'coordinator' } as const;

let pool: DatabasePool;
let worker: WorkerProcess;
let workerMetricsUrl: string;
let connection: Connection;
let metrics: ApiMetrics;
let app: Awaited<ReturnType<typeof buildApp>>;
let baseUrl: string;
let outbox: string;
let missionId: string;

const scrape = async (url: string): Promise<{ text: string; samples: Sample[] }> => {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  const text = await response.text();
  return { text, samples: parseSamples(text) };
};

async function scenario(token: string): Promise<void> {
  const json = (method: string, url: string, body?: unknown, bearer: string | null = token) =>
    fetch(`${baseUrl}${url}`, {
      method,
      headers: {
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        ...(body ? { 'content-type': 'application/json', 'idempotency-key': randomUUID() } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
  const created = await json('POST', '/missions', {
    title: 'Ateliers climat',
    client: { name: 'Acme SA' },
    sector: 'company',
    dealType: 'subcontracting',
    coordinator: { id: coordinator.subject, name: 'Alex Durand', email: 'alex@example.org' },
    endDate: '2030-12-31',
    orderLines: [{ kind: 'workshop', quantity: 2, participantsPerSession: 15, unitPriceCents: 90_000 }],
  });
  expect(created.status).toBe(201);
  missionId = (await readJson<MissionBody>(created)).id;
  const startsAt = new Date(Date.now() + 10 * DAY);
  const planned = await json('POST', `/missions/${missionId}/sessions`, {
    kind: 'workshop',
    title: 'Atelier',
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 3 * HOUR).toISOString(),
    location: { mode: 'online', url: 'https://visio.example.org/atelier' },
    capacity: 15,
    otherFacilitators: 0,
  });
  expect(planned.status).toBe(201);
  expect((await json('GET', `/missions/${missionId}`)).status).toBe(200);
  expect((await json('GET', `/missions/${randomUUID()}`)).status).toBe(404);
  expect((await json('POST', '/missions', { title: 'no order' })).status).toBe(422);
  expect((await json('GET', '/missions', undefined, null)).status).toBe(401);
  expect((await json('GET', `/no-such-route/${randomUUID()}`)).status).toBe(404);
}

beforeAll(async () => {
  const databaseUrl = await ensureDatabase(inject('databaseUrl'), database);
  await migrate(databaseUrl);
  pool = await testPool(databaseUrl);
  outbox = await mkdtemp(path.join(os.tmpdir(), 'missions-metrics-outbox-'));
  const linkSecret = randomBytes(32).toString('base64');
  const taskQueue = `metrics-${randomUUID()}`;
  const workerMetricsAddress = `127.0.0.1:${await freePort()}`;
  workerMetricsUrl = `http://${workerMetricsAddress}/metrics`;
  worker = await startWorkerProcess({
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    TEMPORAL_TASK_QUEUE: taskQueue,
    LINK_SIGNING_SECRET: linkSecret,
    OUTBOX_DIR: outbox,
    PUBLIC_BASE_URL: 'http://missions.test',
    WORKER_METRICS_ADDRESS: workerMetricsAddress,
  });
  connection = await Connection.connect({ address: inject('temporalAddress') });
  // A short cache, so that the test can see it serve a read again and then read anew.
  metrics = await serveApiMetrics(pool, { host: '127.0.0.1', port: 0 }, { cacheMs: 1_000 });
  app = await buildApp(
    {
      pool,
      temporal: { client: new Client({ connection }), taskQueue },
      jwtSecret: TEST_JWT_SECRET,
      linkSecrets: [linkSecret],
      publicBaseUrl: 'http://missions.test',
    },
    { metrics: metrics.registry },
  );
  baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  await scenario(await mintToken(TEST_JWT_SECRET, coordinator));
});

afterAll(async () => {
  await app?.close();
  await metrics?.close();
  await worker?.stop();
  await connection?.close();
  await pool?.end();
  await dropDatabase(inject('databaseUrl'), database);
  await rm(outbox, { recursive: true, force: true });
});

describe('API metrics (their own listener)', () => {
  it('count requests per route pattern, method and status, never per URL', async () => {
    const { samples, text } = await scrape(metrics.url);
    const count = (method: string, route: string, status: number) =>
      sampleValue(samples, 'http_request_duration_seconds_count', {
        method,
        route,
        status_code: String(status),
      });
    expect({
      created: count('POST', '/missions', 201),
      refused: count('POST', '/missions', 422),
      unauthenticated: count('GET', '/missions', 401),
      planned: count('POST', '/missions/:missionId/sessions', 201),
      read: count('GET', '/missions/:missionId', 200),
      unknownMission: count('GET', '/missions/:missionId', 404),
      unknownRoute: count('GET', 'unmatched', 404),
    }).toEqual({
      created: 1,
      refused: 1,
      unauthenticated: 1,
      planned: 1,
      read: 1,
      unknownMission: 1,
      unknownRoute: 1,
    });
    const planned = { method: 'POST', route: '/missions/:missionId/sessions', status_code: '201' };
    expect(sampleValue(samples, 'http_request_duration_seconds_bucket', { ...planned, le: '+Inf' })).toBe(1);
    // Planning waits for the workflow's answer: its duration is real, not zero.
    expect(sampleValue(samples, 'http_request_duration_seconds_sum', planned)).toBeGreaterThan(0.001);
    expect(text).not.toContain(missionId);
    expect(sampleValue(samples, 'process_cpu_seconds_total')).toBeGreaterThan(0);
  });

  it('are not a route of the public API', async () => {
    expect((await fetch(`${baseUrl}/metrics`)).status).toBe(404);
    expect(
      Object.keys(((await (await fetch(`${baseUrl}/openapi.json`)).json()) as { paths: object }).paths),
    ).not.toContain('/metrics');
  });

  it('pass promtool check metrics (exposition format and naming conventions)', async () => {
    const { text } = await scrape(metrics.url);
    // prom-client names three of its Node.js gauges `_total`; ours must draw no remark.
    const remarks = promtool(['check', 'metrics'], text)
      .output.split('\n')
      .filter((line) => line && !/^nodejs_active_(handles|requests|resources)_total /.test(line));
    expect(remarks).toEqual([]);
  });
});

describe('business gauges read from the read model', () => {
  const seedMission = (status: string) =>
    pool.oneFirst(sql.unsafe`
      insert into missions (id, title, client_name, sector, deal_type, coordinator_id, coordinator_name,
        coordinator_email, status, end_date, workflow_id, version, created_at, updated_at)
      values (gen_random_uuid(), 'Seeded', 'Seed SA', 'company', 'subcontracting', 'coord-seed', 'Seed',
        'seed@example.org', ${status}, '2030-12-31', 'mission-' || gen_random_uuid(), 1, now(), now())
      returning id`);
  const seedSession = async (
    mission: unknown,
    session: { kind?: string; status?: string; startsAt: number; endsAt: number },
    staffing?: { attendance?: string; funding?: string },
  ) => {
    const id = randomUUID();
    await pool.query(sql.unsafe`
      insert into sessions (id, mission_id, kind, title, starts_at, ends_at, location, language, time_zone,
        capacity, other_facilitators, status)
      values (${id}, ${mission as string}, ${session.kind ?? 'workshop'}, 'Seeded',
        ${new Date(session.startsAt).toISOString()}, ${new Date(session.endsAt).toISOString()},
        '{"mode":"online","url":"https://visio.example.org"}', 'fr', 'Europe/Paris', 12, 0,
        ${session.status ?? 'ended'})`);
    if (staffing)
      await pool.query(sql.unsafe`
        insert into session_staffing (session_id, mission_id, version, slots_total, slots_taken, attendance, funding)
        values (${id}, ${mission as string}, 1, 1, 1,
          ${staffing.attendance ? sql.jsonb({ status: staffing.attendance }) : null},
          ${staffing.funding ? sql.jsonb({ status: staffing.funding }) : null})`);
  };
  const seedPayout = (status: string, invoiceRequestedAgo: number) =>
    pool.query(sql.unsafe`
      insert into provider_payouts (payout_id, mission_id, request_id, provider_id, provider_name, status, lines,
        requested_at, invoice_requested_at, version)
      values (gen_random_uuid(), gen_random_uuid(), 'r', 'p', 'Provider', ${status}, '[]',
        ${new Date(Date.now() - invoiceRequestedAgo).toISOString()},
        ${new Date(Date.now() - invoiceRequestedAgo).toISOString()}, 1)`);
  const seedStuck = (failingFor: number) =>
    pool.query(sql.unsafe`
      insert into stuck_activities (workflow_id, activity_id, activity_type, attempt, error_message, first_failed_at)
      values (${`mission-${randomUUID()}`}, '1', 'sendEmail', 3, 'refused',
        ${new Date(Date.now() - failingFor).toISOString()})`);
  const now = Date.now();
  const ended = (hoursAgo: number) => ({
    startsAt: now - (hoursAgo + 3) * HOUR,
    endsAt: now - hoursAgo * HOUR,
  });
  const training = (inDays: number) => ({
    kind: 'training',
    status: 'planned',
    startsAt: now + inDays * DAY,
    endsAt: now + inDays * DAY + 7 * HOUR,
  });

  beforeAll(async () => {
    const closed = await seedMission('closed');
    await seedMission('cancelled');
    await seedSession(closed, ended(30));
    await seedSession(closed, ended(80), { attendance: 'pending' });
    await seedSession(closed, ended(80), { attendance: 'recorded' });
    await seedSession(closed, { ...ended(80), status: 'cancelled' });
    await seedSession(closed, ended(2), { attendance: 'pending' });
    await seedSession(closed, training(3), { funding: 'awaiting_decision' });
    await seedSession(closed, training(20), { funding: 'awaiting_decision' });
    await seedSession(closed, training(20), { funding: 'funded' });
    await seedSession(closed, { ...training(3), status: 'cancelled' }, { funding: 'awaiting_decision' });
    await seedPayout('awaiting_invoice', 40 * DAY);
    await seedPayout('awaiting_invoice', 5 * DAY);
    await seedPayout('paid', 60 * DAY);
    await seedStuck(2 * HOUR);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
  });

  it('match what the read model holds', async () => {
    const { samples } = await scrape(metrics.url);
    const value = (name: string, labels: Record<string, string> = {}) => sampleValue(samples, name, labels);
    expect({
      up: value('missions_read_model_up'),
      open: value('missions_by_status', { status: 'open' }),
      closed: value('missions_by_status', { status: 'closed' }),
      cancelled: value('missions_by_status', { status: 'cancelled' }),
      attendance24h: value('missions_sessions_awaiting_attendance', { since_end: '24h' }),
      attendance72h: value('missions_sessions_awaiting_attendance', { since_end: '72h' }),
      fundingSoon: value('missions_trainings_awaiting_funding_decision', { starts_within_7_days: 'true' }),
      fundingLater: value('missions_trainings_awaiting_funding_decision', { starts_within_7_days: 'false' }),
      payouts: value('missions_payouts_awaiting_invoice'),
      stuck: value('missions_stuck_activities'),
    }).toEqual({
      up: 1,
      open: 1,
      closed: 1,
      cancelled: 1,
      attendance24h: 2,
      attendance72h: 1,
      fundingSoon: 1,
      fundingLater: 1,
      payouts: 2,
      stuck: 1,
    });
    expect(value('missions_payouts_awaiting_invoice_oldest_seconds')).toBeCloseTo(40 * 86_400, -2);
    expect(value('missions_stuck_activities_oldest_seconds')).toBeCloseTo(2 * 3_600, -2);
  });

  it('serve one read to the scrapes within the cache time, then read again', async () => {
    const stuck = async () => sampleValue((await scrape(metrics.url)).samples, 'missions_stuck_activities');
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const before = (await stuck()) ?? 0;
    await seedStuck(HOUR);
    expect(await stuck()).toBe(before);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await stuck()).toBe(before + 1);
  });

  it('go empty and say the read model is down when Postgres cannot answer, the rest still served', async () => {
    const closedPool = await testPool(inject('databaseUrl'));
    await closedPool.end();
    const errors: Error[] = [];
    const down = await serveApiMetrics(
      closedPool,
      { host: '127.0.0.1', port: 0 },
      { onReadError: (error) => errors.push(error) },
    );
    try {
      const { samples } = await scrape(down.url);
      expect(sampleValue(samples, 'missions_read_model_up')).toBe(0);
      expect(errors).toHaveLength(1);
      expect(samples.filter((sample) => sample.name === 'missions_by_status')).toEqual([]);
      expect(sampleValue(samples, 'process_cpu_seconds_total')).toBeGreaterThan(0);
    } finally {
      await down.close();
    }
  });

  it('read the read model once per scrape, all gauges together, even uncached', async () => {
    let reads = 0;
    const counting = new Proxy(pool, {
      get: (target, property, receiver) =>
        property === 'transaction'
          ? (...args: Parameters<DatabasePool['transaction']>) => {
              reads += 1;
              return target.transaction(...args);
            }
          : Reflect.get(target, property, receiver),
    });
    const uncached = await serveApiMetrics(counting, { host: '127.0.0.1', port: 0 }, { cacheMs: 0 });
    try {
      await scrape(uncached.url);
      await scrape(uncached.url);
      expect(reads).toBe(2);
    } finally {
      await uncached.close();
    }
  });

  it('give up after their statement timeout when the read blocks, so a scrape never hangs', async () => {
    const slow = await serveApiMetrics(pool, { host: '127.0.0.1', port: 0 }, { timeoutMs: 300, cacheMs: 0 });
    let release = () => {};
    let locked = () => {};
    const isLocked = new Promise<void>((resolve) => {
      locked = resolve;
    });
    // A migration or a long maintenance holds the table: without the timeout the read would wait.
    const holder = pool.transaction(async (transaction) => {
      await transaction.query(sql.unsafe`lock table stuck_activities in access exclusive mode`);
      locked();
      await new Promise<void>((resolve) => {
        release = resolve;
      });
    });
    try {
      await isLocked;
      const started = Date.now();
      const { samples } = await scrape(slow.url);
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(sampleValue(samples, 'missions_read_model_up')).toBe(0);
      expect(sampleValue(samples, 'process_cpu_seconds_total')).toBeGreaterThan(0);
    } finally {
      release();
      await holder;
      await slow.close();
    }
  });
});

describe("the worker's SDK metrics (WORKER_METRICS_ADDRESS)", () => {
  it('serve the Temporal SDK worker metrics: task latencies, slots, pollers, sticky cache', async () => {
    const { samples, text } = await scrape(workerMetricsUrl);
    const names = new Set(samples.map((sample) => sample.name));
    for (const name of [
      'temporal_workflow_task_schedule_to_start_latency_seconds_bucket',
      'temporal_workflow_task_execution_latency_seconds_bucket',
      'temporal_activity_schedule_to_start_latency_seconds_bucket',
      'temporal_activity_execution_latency_seconds_bucket',
      'temporal_worker_task_slots_available',
      'temporal_num_pollers',
      'temporal_sticky_cache_size',
    ])
      expect(names, `${name} in\n${text}`).toContain(name);
    const completed = samples.filter(
      (sample) => sample.name === 'temporal_workflow_task_execution_latency_seconds_count',
    );
    expect(completed.reduce((sum, sample) => sum + sample.value, 0)).toBeGreaterThan(0);
    expect(promtool(['check', 'metrics'], text).status).toBe(0);
  });
});
