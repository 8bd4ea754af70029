import { randomUUID } from 'node:crypto';
import { sql } from 'slonik';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { DatabasePool } from '../../db/pool.ts';
import { upsertMission } from '../../db/queries/missions.ts';
import type { Actor } from '../../workflows/messages/actor.ts';
import type { MissionSnapshot } from '../../workflows/messages/mission.ts';
import { MissionState } from '../../workflows/mission/mission-state.ts';
import { testPool } from '../support/database.ts';

const DAY = 24 * 3600_000;
const actor: Actor = { subject: `coord-${randomUUID()}`, role: 'coordinator' };

function missionWithSessions(count: number): MissionSnapshot {
  const createdAt = new Date('2026-12-01T08:00:00Z');
  const state = new MissionState(
    {
      missionId: randomUUID(),
      order: {
        title: 'Ateliers projetés',
        client: { name: 'Acme' },
        sector: 'company',
        dealType: 'subcontracting',
        coordinator: { id: actor.subject, name: 'Alex Durand', email: 'alex@example.org' },
        endDate: '2027-12-31',
        orderLines: [
          { kind: 'workshop', quantity: count, participantsPerSession: 12, unitPriceCents: 90_000 },
        ],
      },
      createdBy: actor,
    },
    createdAt,
  );
  for (let index = 0; index < count; index++) {
    const startsAt = new Date(createdAt.getTime() + (10 + index) * DAY);
    state.planSession(
      {
        actor,
        sessionId: randomUUID(),
        plan: {
          kind: 'workshop',
          title: `Atelier ${index + 1}`,
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 3 * 3600_000).toISOString(),
          location: { mode: 'onsite', address: '12 rue de la Paix, 75002 Paris' },
          language: 'fr',
          timeZone: 'Europe/Paris',
          capacity: 12,
          otherFacilitators: 1,
        },
      },
      createdAt,
    );
  }
  return state.snapshot();
}

describe("the mission's projection of its sessions (upsertMission)", () => {
  let pool: DatabasePool;
  beforeAll(async () => {
    pool = await testPool();
  });
  afterAll(async () => {
    await pool?.end();
  });

  const rows = (missionId: string) =>
    pool.any(sql.type(
      z.object({
        id: z.string(),
        startsAt: z.string(),
        status: z.string(),
        location: z.unknown(),
        rowVersion: z.string(),
      }),
    )`
      select id::text, starts_at as "startsAt", status, location, xmin::text as "rowVersion"
      from sessions where mission_id = ${missionId} order by title`);

  it('writes every session in one go and rewrites only the sessions that changed', async () => {
    const mission = missionWithSessions(3);
    expect(await upsertMission(pool, mission, `mission-${mission.missionId}`)).toBe(true);
    const before = await rows(mission.missionId);
    expect(before.map((row) => row.status)).toEqual(['planned', 'planned', 'planned']);
    expect(before[0]?.location).toEqual({ mode: 'onsite', address: '12 rue de la Paix, 75002 Paris' });

    const movedTo = '2027-02-01T09:00:00.000Z';
    const next: MissionSnapshot = {
      ...mission,
      version: mission.version + 1,
      sessions: mission.sessions.map((session, index) =>
        index === 1
          ? { ...session, startsAt: movedTo, endsAt: '2027-02-01T12:00:00.000Z' }
          : index === 2
            ? { ...session, status: 'cancelled', cancellationReason: 'Salle indisponible' }
            : session,
      ),
    };
    expect(await upsertMission(pool, next, `mission-${mission.missionId}`)).toBe(true);
    const after = await rows(mission.missionId);
    expect(after.map((row) => [row.startsAt, row.status])).toEqual([
      [before[0]?.startsAt, 'planned'],
      [movedTo, 'planned'],
      [before[2]?.startsAt, 'cancelled'],
    ]);
    // The untouched session's row is the same tuple; the two changed ones are new.
    expect(after[0]?.rowVersion).toBe(before[0]?.rowVersion);
    expect(after[1]?.rowVersion).not.toBe(before[1]?.rowVersion);
    expect(after[2]?.rowVersion).not.toBe(before[2]?.rowVersion);

    // A late projection of the older version changes nothing.
    expect(await upsertMission(pool, mission, `mission-${mission.missionId}`)).toBe(false);
    expect(await rows(mission.missionId)).toEqual(after);
  });
});
