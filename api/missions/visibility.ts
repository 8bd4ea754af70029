import { findMission, type MissionRecord } from '../../db/queries/missions.ts';
import type { Actor } from '../../workflows/messages/actor.ts';
import type { ApiDependencies } from '../dependencies.ts';
import { notFound, ProblemError } from '../problems.ts';

/** Staff see every mission, a coordinator only their own; anything else is answered as missing. */
export function canSee(actor: Actor, mission: Pick<MissionRecord, 'coordinatorId'>): boolean {
  return actor.role === 'staff' || (actor.role === 'coordinator' && mission.coordinatorId === actor.subject);
}

/** Where the API reads missions from: pg directly when the process set it up, else slonik. */
export function missionReader(deps: Pick<ApiDependencies, 'pool' | 'reads'>) {
  return deps.reads ?? deps.pool;
}

export async function loadVisibleMission(
  deps: Pick<ApiDependencies, 'pool' | 'reads'>,
  actor: Actor,
  missionId: string,
): Promise<MissionRecord> {
  const record = await findMission(missionReader(deps), missionId);
  // Another coordinator's mission is answered exactly like a missing one: ids do not leak.
  if (!record || !canSee(actor, record)) throw notFound('mission', missionId, 'MISSION_NOT_FOUND');
  return record;
}

/** A session of a mission the actor may see: another mission's session is answered as missing. */
export async function loadVisibleSession(
  deps: Pick<ApiDependencies, 'pool' | 'reads'>,
  actor: Actor,
  missionId: string,
  sessionId: string,
) {
  const mission = await loadVisibleMission(deps, actor, missionId);
  const session = mission.sessions.find((candidate) => candidate.sessionId === sessionId);
  if (!session) throw new ProblemError(404, 'SESSION_NOT_FOUND', `This mission has no session ${sessionId}.`);
  return { mission, session };
}
