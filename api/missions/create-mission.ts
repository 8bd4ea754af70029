import { createHash, randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation } from '@temporalio/client';
import { claimIdempotencyKey } from '../../db/queries/idempotency-keys.ts';
import { findMission } from '../../db/queries/missions.ts';
import type { Actor } from '../../workflows/messages/actor.ts';
import {
  awaitMissionOpenedUpdate,
  MISSION_WORKFLOW_TYPE,
  type MissionOrder,
  type MissionWorkflowInput,
  missionWorkflowId,
} from '../../workflows/messages/mission.ts';
import { missionSearchAttributes } from '../../workflows/messages/search-attributes.ts';
import { checkMissionOrder } from '../../workflows/rules/order.ts';
import { type ApiDependencies, commandDeadline } from '../dependencies.ts';
import { forbidden, ProblemError, problemFromViolations } from '../problems.ts';
import { checkOrderLineOffers } from './session-offer.ts';

export interface CreatedMission {
  missionId: string;
  /** False when the idempotency key had already created this mission. */
  created: boolean;
}

function requestHash(actor: Actor, order: MissionOrder): string {
  return createHash('sha256')
    .update(JSON.stringify([actor.subject, order]))
    .digest('hex');
}

/**
 * Starts the mission's workflow, exactly once per idempotency key. The key is claimed in
 * Postgres before the start, and the start reuses a running workflow, so a retry after any
 * failure (network, timeout, crash between the two) converges on the same mission.
 */
export async function createMission(
  deps: ApiDependencies,
  actor: Actor,
  order: MissionOrder,
  idempotencyKey: string,
): Promise<CreatedMission> {
  if (actor.role === 'coordinator' && order.coordinator.id !== actor.subject) {
    throw forbidden('A coordinator creates missions for themself only; staff may create them for anyone.');
  }
  const violations = checkMissionOrder(order, new Date());
  if (violations.length > 0) throw problemFromViolations(violations);
  await checkOrderLineOffers(deps.pool, order.orderLines);

  const claim = await claimIdempotencyKey(
    deps.pool,
    'POST /missions',
    actor,
    idempotencyKey,
    requestHash(actor, order),
    randomUUID(),
  );
  if (!claim.sameRequest) {
    throw new ProblemError(
      409,
      'IDEMPOTENCY_KEY_REUSED',
      'This Idempotency-Key was already used with a different request; choose a new key for a new mission.',
    );
  }
  const missionId = claim.resourceId;
  // A replayed key whose mission is already in the read model is answered from there: starting
  // again could reopen a mission that has since been cancelled and closed.
  if (!claim.fresh && (await findMission(deps.pool, missionId))) return { missionId, created: false };
  const input: MissionWorkflowInput = {
    missionId,
    order,
    createdBy: actor,
    ...(deps.missionPolicy ? { policy: deps.missionPolicy } : {}),
  };
  const startWorkflowOperation = new WithStartWorkflowOperation(MISSION_WORKFLOW_TYPE, {
    workflowId: missionWorkflowId(missionId),
    taskQueue: deps.temporal.taskQueue,
    args: [input],
    workflowIdConflictPolicy: 'USE_EXISTING',
    staticSummary: `${order.client.name} — ${order.title}`,
    typedSearchAttributes: missionSearchAttributes({
      ...order,
      missionId,
      status: 'open',
      nextDeadline: null,
    }),
  });
  const client = deps.temporal.client;
  await client.withDeadline(commandDeadline(deps), () =>
    client.workflow.executeUpdateWithStart(awaitMissionOpenedUpdate, { startWorkflowOperation }),
  );
  return { missionId, created: claim.fresh };
}
