import type { DatabasePool } from '../../db/pool.ts';
import { findMission, type MissionRecord } from '../../db/queries/missions.ts';
import type { Actor } from '../../workflows/messages/actor.ts';
import { notFound, ProblemError } from '../problems.ts';

/** Staff see every mission, a coordinator only their own; anything else is answered as missing. */
export function canSee(actor: Actor, mission: Pick<MissionRecord, 'coordinatorId'>): boolean {
  return actor.role === 'staff' || (actor.role === 'coordinator' && mission.coordinatorId === actor.subject);
}

export async function loadVisibleMission(
  pool: DatabasePool,
  actor: Actor,
  missionId: string,
): Promise<MissionRecord> {
  const record = await findMission(pool, missionId);
  // Another coordinator's mission is answered exactly like a missing one: ids do not leak.
  if (!record || !canSee(actor, record)) throw notFound('mission', missionId, 'MISSION_NOT_FOUND');
  return record;
}

/** A session of a mission the actor may see: another mission's session is answered as missing. */
export async function loadVisibleSession(
  pool: DatabasePool,
  actor: Actor,
  missionId: string,
  sessionId: string,
) {
  const mission = await loadVisibleMission(pool, actor, missionId);
  const session = mission.sessions.find((candidate) => candidate.sessionId === sessionId);
  if (!session) throw new ProblemError(404, 'SESSION_NOT_FOUND', `This mission has no session ${sessionId}.`);
  return { mission, session };
}
