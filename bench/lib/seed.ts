/**
 * Fills the read model without Temporal: each mission is built by the workflow's own state
 * class (workflows/mission/mission-state.ts) and written by the worker's own projection query
 * (db/queries/missions.ts upsertMission), so the rows are exactly what the worker writes.
 */
import { randomUUID } from 'node:crypto';
import { createDatabasePool } from '../../db/pool.ts';
import { upsertMission } from '../../db/queries/missions.ts';
import type { Actor } from '../../workflows/messages/actor.ts';
import type { MissionOrder } from '../../workflows/messages/mission.ts';
import { MissionState } from '../../workflows/mission/mission-state.ts';

const DAY = 24 * 3600_000;

export interface SeedOptions {
  missions: number;
  sessionsPerMission: number;
  coordinators: number;
  /** Coordinator ids are `<prefix>-<n>` (`coord` by default): a test sharing a database picks its own. */
  coordinatorPrefix?: string;
  /** Every n-th mission is cancelled, so `status=open` filters something out. */
  cancelEvery: number;
}

export async function seedReadModel(databaseUrl: string, options: SeedOptions): Promise<string[]> {
  const pool = await createDatabasePool(databaseUrl);
  const ids: string[] = [];
  const start = Date.now() - options.missions * 60_000;
  try {
    const batch: Promise<unknown>[] = [];
    for (let index = 0; index < options.missions; index += 1) {
      const coordinatorId = `${options.coordinatorPrefix ?? 'coord'}-${index % options.coordinators}`;
      const actor: Actor = { subject: coordinatorId, role: 'coordinator' };
      const createdAt = new Date(start + index * 60_000);
      const order: MissionOrder = {
        title: `Ateliers ${index}`,
        client: { name: `Client ${index % 97}` },
        sector: 'company',
        dealType: 'subcontracting',
        coordinator: {
          id: coordinatorId,
          name: `Coordinator ${coordinatorId}`,
          email: `${coordinatorId}@example.org`,
        },
        endDate: new Date(createdAt.getTime() + 300 * DAY).toISOString().slice(0, 10),
        orderLines: [
          {
            kind: 'workshop',
            quantity: options.sessionsPerMission + 2,
            participantsPerSession: 15,
            unitPriceCents: 90_000,
          },
          { kind: 'training', quantity: 1, participantsPerSession: 12, unitPriceCents: 250_000 },
        ],
      };
      const missionId = randomUUID();
      const state = new MissionState({ missionId, order, createdBy: actor }, createdAt);
      for (let session = 0; session < options.sessionsPerMission; session += 1) {
        const startsAt = new Date(createdAt.getTime() + (10 + session * 20) * DAY);
        state.planSession(
          {
            actor,
            sessionId: randomUUID(),
            plan: {
              kind: 'workshop',
              title: `Atelier ${session + 1}`,
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
      if (options.cancelEvery > 0 && index % options.cancelEvery === 0) {
        state.cancelMission(
          { actor: { subject: 'staff-1', role: 'staff' }, reason: 'Budget supprimé' },
          createdAt,
        );
      }
      ids.push(missionId);
      batch.push(upsertMission(pool, state.snapshot(), `mission-${missionId}`));
      if (batch.length >= 20) await Promise.all(batch.splice(0));
    }
    await Promise.all(batch);
  } finally {
    await pool.end();
  }
  return ids;
}
