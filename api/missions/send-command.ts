import { createHash } from 'node:crypto';
import type { UpdateDefinition } from '@temporalio/common';
import { findMission, type MissionRecord } from '../../db/queries/missions.ts';
import type { Actor } from '../../workflows/messages/actor.ts';
import { type MissionCommandAnswer, missionWorkflowId } from '../../workflows/messages/mission.ts';
import { checkMissionAcceptsCommands } from '../../workflows/rules/mission-lifecycle.ts';
import type { ApiDependencies } from '../dependencies.ts';
import { ProblemError, problemFromViolations } from '../problems.ts';
import { sendUpdate } from '../send-update.ts';
import { loadVisibleMission } from './visibility.ts';

/** A stable uuid-shaped id derived from a client's idempotency key, so retries name the same thing. */
export function idFromKey(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Sends a command to a visible, open mission as a Workflow Update and returns the workflow's
 * answer (given once the change is projected). The workflow's validator has the last word; the
 * read-model check here only spares a round trip for a closed mission.
 */
export async function runMissionUpdate<Result, Arg>(
  deps: ApiDependencies,
  actor: Actor,
  missionId: string,
  update: UpdateDefinition<Result, [Arg]>,
  arg: Arg,
  idempotencyKey?: string,
  visible?: MissionRecord,
): Promise<Result> {
  const mission = visible ?? (await loadVisibleMission(deps, actor, missionId));
  const closed = checkMissionAcceptsCommands(mission);
  if (closed) throw problemFromViolations([closed]);

  return sendUpdate(deps, missionWorkflowId(missionId), update, arg, {
    ...(idempotencyKey ? { updateId: `${update.name}:${actor.subject}:${idempotencyKey}` } : {}),
  });
}

/** Sends a command to a mission and returns the mission as the read model now shows it. */
export async function sendMissionCommand<Arg>(
  deps: ApiDependencies,
  actor: Actor,
  missionId: string,
  update: UpdateDefinition<MissionCommandAnswer, [Arg]>,
  arg: Arg,
  idempotencyKey?: string,
): Promise<MissionRecord> {
  await runMissionUpdate(deps, actor, missionId, update, arg, idempotencyKey);
  const record = await findMission(deps.pool, missionId);
  if (!record)
    throw new ProblemError(
      503,
      'READ_MODEL_LAGGING',
      'The command was applied but the mission cannot be read yet.',
    );
  return record;
}
