import { randomUUID } from 'node:crypto';
import { sql } from 'slonik';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import { seedReadModel } from '../../bench/lib/seed.ts';
import type { DirectReads } from '../../db/direct-reads.ts';
import type { DatabasePool } from '../../db/pool.ts';
import { findMission, listMissions } from '../../db/queries/missions.ts';
import { testDirectReads, testPool } from '../support/database.ts';

describe("the API's direct reads through pg give what slonik gives", () => {
  let pool: DatabasePool;
  let reads: DirectReads;
  let missionIds: string[];
  const coordinatorPrefix = `direct-${randomUUID()}`;

  beforeAll(async () => {
    const databaseUrl = inject('databaseUrl');
    pool = await testPool(databaseUrl);
    reads = testDirectReads(databaseUrl);
    // Missions written by the worker's own projection query; every second one cancelled.
    missionIds = await seedReadModel(databaseUrl, {
      missions: 6,
      sessionsPerMission: 3,
      coordinators: 1,
      cancelEvery: 2,
      coordinatorPrefix,
    });
  });
  afterAll(async () => {
    await reads?.end();
    await pool?.end();
  });

  it('reads each mission, its sessions, order lines and timestamps alike', async () => {
    for (const missionId of missionIds) {
      const direct = await findMission(reads, missionId);
      expect(direct).not.toBeNull();
      expect(direct).toEqual(await findMission(pool, missionId));
      expect(direct?.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(direct?.sessions).toHaveLength(3);
    }
    expect(await findMission(reads, randomUUID())).toBeNull();
  });

  it('lists the same page, filtered and after a cursor', async () => {
    const coordinatorId = `${coordinatorPrefix}-0`;
    const open = await listMissions(reads, { coordinatorId, status: 'open', limit: 50 });
    expect(open.length).toBeGreaterThan(0);
    expect(open.length).toBeLessThan(missionIds.length);
    expect(open).toEqual(await listMissions(pool, { coordinatorId, status: 'open', limit: 50 }));

    const [first] = await listMissions(reads, { coordinatorId, limit: 1 });
    const after = { createdAt: first?.createdAt ?? '', missionId: first?.missionId ?? '' };
    const next = await listMissions(reads, { coordinatorId, limit: 50, after });
    expect(next).toHaveLength(missionIds.length - 1);
    expect(next).toEqual(await listMissions(pool, { coordinatorId, limit: 50, after }));
  });

  it('refuses a second row where at most one was expected, as slonik does', async () => {
    const twoRows = sql.type(z.object({ n: z.number() }))`select generate_series(1, 2) as n`;
    await expect(reads.maybeOne(twoRows)).rejects.toThrow(/at most one row/);
    await expect(pool.maybeOne(twoRows)).rejects.toThrow();
  });
});
