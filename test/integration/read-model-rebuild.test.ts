/**
 * The read model rebuilt from the workflows gives back the same API answers: a few hundred
 * missions in various states are created through the API, every read route's answer is kept, the
 * derived tables are emptied, the rebuild runs, and every answer is asked again and compared as
 * bytes. On a database of its own (it empties tables) and missions listed by this test's task
 * queue, so other test files' missions are neither read nor written.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { sql } from 'slonik';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import { describeDifference } from '../../activities/read-model/rebuild/differences.ts';
import { type RunOptions, runReadModel } from '../../activities/read-model/rebuild/run.ts';
import { DERIVED_TABLES, KEPT_TABLES } from '../../activities/read-model/rebuild/tables.ts';
import { migrate } from '../../db/migrate.ts';
import { createDatabasePool, type DatabasePool } from '../../db/pool.ts';
import { databaseUrlFor, dropDatabase, ensureDatabase } from '../../scripts/provision/postgres.ts';
import { addDays, businessDate } from '../../workflows/rules/calendar.ts';
import { type RunningApi, startApi } from '../support/api-harness.ts';
import { type MissionBody, readJson } from '../support/http.ts';

const MISSIONS = Number(process.env.READ_MODEL_TEST_MISSIONS ?? 200);
const run = randomUUID().slice(0, 8);
const coordinators = ['coord-a', 'coord-b', 'coord-c'].map((id) => `${id}-${run}`);
const clients = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli'].map((name) => `${name} ${run}`);
const facilitatorId = `fac-${run}`;

/** At most `width` at a time, in order of the items; the results in the same order. */
async function inBatches<T, R>(
  items: readonly T[],
  width: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index] as T);
      }
    }),
  );
  return results;
}

describe('read model rebuild from the workflows (dev server)', () => {
  const serverUrl = databaseUrlFor(inject('databaseUrl'), 'postgres');
  const database = `${new URL(inject('databaseUrl')).pathname.slice(1)}_rebuild`;
  let databaseUrl = '';
  let api: RunningApi;
  let pool: DatabasePool;
  let staff = '';
  let coordinatorToken = '';
  const missionIds: string[] = [];

  /** A 504 (the loaded dev server) is retried with the same Idempotency-Key, as the API asks. */
  const send = async (method: string, path: string, body?: object) => {
    const key = randomUUID();
    for (let attempt = 1; ; attempt += 1) {
      const response = await fetch(`${api.baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${staff}`,
          'idempotency-key': key,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      if (response.status === 504 && attempt < 3) continue;
      if (response.status >= 300)
        throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
      return response;
    }
  };
  const at = (days: number, hour: number) =>
    `${addDays(businessDate(new Date()), days)}T${String(hour).padStart(2, '0')}:00:00.000Z`;
  const session = (days: number) => ({
    kind: 'workshop',
    title: `Atelier J+${days}`,
    startsAt: at(days, 8),
    endsAt: at(days, 11),
    location: { mode: 'onsite', address: '12 rue des Lilas, Lyon' },
    capacity: 12,
    otherFacilitators: days % 3,
  });

  /** Five shapes in turn: bare; planned and moved; one cancelled of two; staffed with participants; cancelled. */
  async function createMission(index: number): Promise<string> {
    const mission = await readJson<MissionBody>(
      await send('POST', '/missions', {
        title: `Mission ${index}`,
        client: { name: clients[index % clients.length] },
        sector: index % 2 === 0 ? 'company' : 'education',
        dealType: 'subcontracting',
        coordinator: {
          id: coordinators[index % coordinators.length],
          name: `Coordinatrice ${index % 3}`,
          email: `coordination-${index % 3}@example.org`,
        },
        endDate: addDays(businessDate(new Date()), 200),
        orderLines: [
          { kind: 'workshop', quantity: 4, participantsPerSession: 12, unitPriceCents: 90_000 + index },
        ],
      }),
    );
    const plan = async (days: number) =>
      (
        await readJson<MissionBody>(await send('POST', `/missions/${mission.id}/sessions`, session(days)))
      ).sessions.at(-1)?.id as string;
    const shape = index % 5;
    if (shape === 1) {
      const sessionId = await plan(20 + (index % 30));
      await send('PATCH', `/missions/${mission.id}/sessions/${sessionId}`, {
        startsAt: at(60, 13),
        endsAt: at(60, 16),
      });
    }
    if (shape === 2) {
      await plan(30);
      const cancelled = await plan(40);
      await send('POST', `/missions/${mission.id}/sessions/${cancelled}/cancel`, {
        reason: 'salle indisponible',
      });
    }
    if (shape === 3) {
      const sessionId = await plan(25);
      await send('POST', `/missions/${mission.id}/sessions/${sessionId}/participants`, {
        participants: [1, 2].map((n) => ({
          email: `p${n}-${index}-${run}@example.org`,
          firstName: `Prénom${n}`,
          lastName: `Nom${index}`,
        })),
      });
      await send('POST', `/missions/${mission.id}/sessions/${sessionId}/invitations`, { facilitatorId });
    }
    if (shape === 4) {
      if (index % 2 === 0) await plan(35);
      await send('POST', `/missions/${mission.id}/cancel`, { reason: 'budget annulé' });
    }
    if (index % 7 === 0 && shape !== 4) {
      await send('PUT', `/missions/${mission.id}/order`, {
        orderLines: [{ kind: 'workshop', quantity: 6, participantsPerSession: 12, unitPriceCents: 80_000 }],
      });
    }
    return mission.id;
  }

  const get = async (path: string, token = staff) => {
    const response = await fetch(`${api.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return `${response.status} ${await response.text()}`;
  };

  /** Every read route's answer for every mission and its sessions, and every list page. */
  async function answers(): Promise<Map<string, string>> {
    const paths: [string, string?][] = [];
    for (const client of clients) paths.push([`/missions?client=${encodeURIComponent(client)}&limit=100`]);
    for (const status of ['open', 'cancelled']) {
      for (const client of clients)
        paths.push([`/missions?client=${encodeURIComponent(client)}&status=${status}&limit=100`]);
    }
    paths.push([`/missions?coordinatorId=${coordinators[0]}&limit=100`, coordinatorToken]);
    const perMission = await inBatches(missionIds, 8, async (missionId) => {
      const mission = JSON.parse((await get(`/missions/${missionId}`)).slice(4)) as MissionBody;
      const own: [string, string?][] = ['', '/sessions', '/payouts', '/closure'].map((tail) => [
        `/missions/${missionId}${tail}`,
      ]);
      for (const { id } of mission.sessions) {
        for (const tail of ['staffing', 'participants', 'funding'])
          own.push([`/missions/${missionId}/sessions/${id}/${tail}`]);
      }
      return own;
    });
    paths.push(...perMission.flat());
    const bodies = await inBatches(paths, 8, ([path, token]) => get(path, token));
    return new Map(
      paths.map(([path, token], index) => [`${token ? 'coordinator ' : ''}${path}`, bodies[index] as string]),
    );
  }

  const options = (mode: RunOptions['mode']): RunOptions => ({
    pool,
    client: api.client,
    mode,
    filter: `TaskQueue = '${api.worker.taskQueue}'`,
    recheckAfterMs: 500,
    lanes: 8,
  });
  /** Every derived row as text, to tell whether a run wrote anything. */
  const derivedRows = async () =>
    Promise.all(
      DERIVED_TABLES.map((table) =>
        pool.anyFirst(
          sql.type(
            z.object({ row: z.string() }),
          )`select t::text as row from ${sql.identifier([table.name])} t order by 1`,
        ),
      ),
    );
  const keptRows = () =>
    pool.oneFirst(sql.type(z.object({ n: z.number() }))`
      select (select count(*) from audit_events) + (select count(*) from email_log) as n`);

  beforeAll(async () => {
    databaseUrl = await ensureDatabase(serverUrl, database);
    await migrate(databaseUrl);
    pool = await createDatabasePool(databaseUrl, { maximumPoolSize: 10 });
    // Two hundred missions at once on a shared machine: commands may wait longer than in production.
    api = await startApi({ commandTimeoutMs: 60_000 }, { databaseUrl });
    staff = await api.token({ subject: `staff-${run}`, role: 'staff' });
    coordinatorToken = await api.token({ subject: coordinators[0] as string, role: 'coordinator' });
    await send('POST', '/facilitators', {
      id: facilitatorId,
      firstName: 'Nour',
      lastName: 'Petit',
      email: `${facilitatorId}@example.org`,
      country: 'FR',
      trainingProviderNumber: '11755555575',
      complianceCheckedOn: businessDate(new Date()),
      compliantUntil: addDays(businessDate(new Date()), 365),
    });
    const started = Date.now();
    missionIds.push(...(await inBatches([...Array(MISSIONS).keys()], 8, createMission)));
    console.info(
      `created ${MISSIONS} missions through the API in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }, 300_000);

  afterAll(async () => {
    await api?.stop();
    await pool?.end();
    await dropDatabase(serverUrl, database);
  });

  it('classifies every table as derived from the workflows or kept', async () => {
    const tables = await pool.anyFirst(sql.type(z.object({ name: z.string() }))`
      select table_name as name from information_schema.tables where table_schema = current_schema()`);
    const classified = new Set([...DERIVED_TABLES.map((table) => table.name), ...KEPT_TABLES]);
    expect(
      tables.filter((table) => !classified.has(table)),
      'a new table goes in DERIVED_TABLES or KEPT_TABLES (activities/read-model/rebuild/tables.ts)',
    ).toEqual([]);
    expect(DERIVED_TABLES.filter((table) => !tables.includes(table.name))).toEqual([]);
  });

  let before = new Map<string, string>();

  it('finds no difference once the projections have caught up', async () => {
    // The last commands' projections (the assignment e-mail's step) may still be on their way.
    await expect
      .poll(async () => (await runReadModel(options('check'))).differences.map(describeDifference), {
        timeout: 60_000,
        interval: 1000,
      })
      .toEqual([]);
    before = await answers();
    expect(before.size).toBeGreaterThan(MISSIONS * 4);
  }, 120_000);

  it('gives back every answer byte for byte after the derived tables are emptied', async () => {
    const kept = await keptRows();
    await truncateDerived();
    expect(await get(`/missions/${missionIds[0]}`)).toMatch(/^404 /);

    const started = Date.now();
    const report = await runReadModel({ ...options('rebuild'), fresh: true });
    const seconds = (Date.now() - started) / 1000;
    console.info(
      `rebuilt ${report.counts.repaired} missions in ${seconds.toFixed(1)} s (${(report.counts.repaired / seconds).toFixed(1)} missions/s)`,
    );
    expect(report.failures).toEqual([]);
    expect(report.counts).toMatchObject({ repaired: MISSIONS, unchanged: 0, skipped: 0 });

    const after = await answers();
    const changed = [...before].filter(([path, body]) => after.get(path) !== body);
    expect(changed.map(([path, body]) => ({ path, before: body, after: after.get(path) }))).toEqual([]);
    expect(after.size).toBe(before.size);
    expect(await keptRows()).toBe(kept);
  }, 240_000);

  const truncateDerived = () =>
    pool.query(
      sql.unsafe`truncate ${sql.join(
        DERIVED_TABLES.map((table) => sql.identifier([table.name])),
        sql.fragment`, `,
      )}`,
    );
  const runCli = (...args: string[]) =>
    promisify(execFile)(
      process.execPath,
      ['scripts/read-model.ts', ...args, `--filter=TaskQueue = '${api.worker.taskQueue}'`],
      {
        env: {
          ...process.env,
          DATABASE_URL: databaseUrl,
          TEMPORAL_ADDRESS: inject('temporalAddress'),
          TEMPORAL_NAMESPACE: 'default',
        },
      },
    ).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );

  it('prints every difference a corruption made and exits 1', async () => {
    const [titled, moved, ordered, staffed] = missionIds;
    await pool.query(sql.unsafe`update missions set title = 'Titre corrompu' where id = ${titled as string}`);
    const sessionId = await pool.oneFirst(sql.type(z.object({ id: z.string() }))`
      select id::text from sessions where mission_id = ${moved as string}`);
    await pool.query(sql.unsafe`delete from sessions where id = ${sessionId}`);
    await pool.query(sql.unsafe`
      insert into order_lines (mission_id, kind, position, quantity, participants_per_session, unit_price_cents)
      values (${ordered as string}, 'training', 1, 1, 1, 1)`);
    const invitationId = await pool.oneFirst(sql.type(z.object({ id: z.string() }))`
      update session_invitations set status = 'declined' where mission_id = ${staffed as string}
      returning invitation_id::text as id`);

    const check = await runCli('check');
    expect(check.code, check.stderr).toBe(1);
    const lines = check.stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines).toEqual(
      expect.arrayContaining([
        `mission ${titled}  missions[${titled}].title  read model: "Titre corrompu"  workflow: "Mission 0"`,
        expect.stringMatching(
          new RegExp(
            `^mission ${moved}  sessions\\[${sessionId}\\]  read model: \\(no row\\)  workflow: \\{.*"title":"Atelier J\\+`,
          ),
        ),
        expect.stringMatching(
          new RegExp(
            `^mission ${ordered}  order_lines\\[training\\]  read model: \\{.*"unit_price_cents":1,.*\\}  workflow: \\(no row\\)$`,
          ),
        ),
        `mission ${staffed}  session_invitations[${invitationId}].status  read model: "declined"  workflow: "pending"`,
      ]),
    );
    expect(check.stderr).toContain(`${MISSIONS - 4} unchanged, 4 different`);
  }, 120_000);

  it('repairs only the corrupted missions, then finds nothing left to write', async () => {
    const repair = await runReadModel({ ...options('rebuild'), fresh: true });
    expect(repair.counts).toMatchObject({ repaired: 4, unchanged: MISSIONS - 4, failed: 0 });
    expect(await answers()).toEqual(before);

    const rows = await derivedRows();
    const again = await runReadModel({ ...options('rebuild'), fresh: true });
    expect(again.counts).toMatchObject({ repaired: 0, unchanged: MISSIONS, failed: 0 });
    expect(await derivedRows()).toEqual(rows);
  }, 120_000);

  it('resumes an interrupted rebuild with the missions it had not reached', async () => {
    await truncateDerived();
    const stop = new AbortController();
    const first = await runReadModel({
      ...options('rebuild'),
      signal: stop.signal,
      onProgress: ({ done }) => {
        if (done >= MISSIONS / 5) stop.abort();
      },
    });
    expect(first.interrupted).toBe(true);
    expect(first.counts.repaired).toBeGreaterThanOrEqual(MISSIONS / 5);
    expect(first.counts.repaired).toBeLessThan(MISSIONS);

    const second = await runReadModel(options('rebuild'));
    expect(second).toMatchObject({ resumed: true, runId: first.runId, alreadyDone: first.counts.repaired });
    expect(second.counts).toMatchObject({
      repaired: MISSIONS - first.counts.repaired,
      unchanged: 0,
      failed: 0,
    });
    expect(await answers()).toEqual(before);
    expect(
      await pool.oneFirst(sql.type(z.object({ status: z.string() }))`
        select status from read_model_rebuild_runs where run_id = ${second.runId as string}`),
    ).toBe('finished');
  }, 180_000);
});
