import type { UpdateDefinition } from '@temporalio/common';
import type { FacilitatorRecord } from '../../db/queries/facilitators.ts';
import { listSessions } from '../../db/queries/missions.ts';
import type { Actor } from '../../workflows/messages/actor.ts';
import type { SessionView } from '../../workflows/messages/session.ts';
import { sessionWorkflowId } from '../../workflows/messages/session.ts';
import type { InvitedFacilitator } from '../../workflows/messages/staffing.ts';
import { checkMissionAcceptsCommands } from '../../workflows/rules/mission-lifecycle.ts';
import { type ApiDependencies, commandDeadline } from '../dependencies.ts';
import { ProblemError, problemFromViolations } from '../problems.ts';
import { sendUpdate } from '../send-update.ts';
import { loadVisibleMission } from './visibility.ts';

/** Checks that the session belongs to a mission the actor may act on, open for commands. */
export async function loadSessionForCommand(
  deps: ApiDependencies,
  actor: Actor,
  missionId: string,
  sessionId: string,
) {
  const mission = await loadVisibleMission(deps, actor, missionId);
  const closed = checkMissionAcceptsCommands(mission);
  if (closed) throw problemFromViolations([closed]);
  const session = (await listSessions(deps.pool, missionId)).find(
    (candidate) => candidate.sessionId === sessionId,
  );
  if (!session) throw new ProblemError(404, 'SESSION_NOT_FOUND', `This mission has no session ${sessionId}.`);
  return { mission, session };
}

/**
 * A plan is answered once the mission has commanded the session's start, which the server carries
 * out a moment later; a command sent in that moment waits for the session instead of being told
 * it has ended.
 */
const SESSION_START_GRACE_MS = 5_000;

/** Sends an Update to a session's own workflow and answers with its staffing as it now stands. */
export async function sendSessionUpdate<Arg, Answer = SessionView>(
  deps: ApiDependencies,
  sessionId: string,
  update: UpdateDefinition<Answer, [Arg]>,
  arg: Arg,
  updateId?: string,
  deadline = commandDeadline(deps),
): Promise<Answer> {
  return sendUpdate(deps, sessionWorkflowId(sessionId), update, arg, {
    deadline,
    ...(updateId ? { updateId } : {}),
    startingGraceMs: SESSION_START_GRACE_MS,
    whenGone: () =>
      new ProblemError(409, 'SESSION_CLOSED', 'This session has already ended or was cancelled.'),
  });
}

/** The directory's record as the invitation carries it (compliance is re-checked by the workflow). */
export function invitedFacilitator(record: FacilitatorRecord): InvitedFacilitator {
  return {
    id: record.facilitatorId,
    name: `${record.firstName} ${record.lastName}`,
    email: record.email,
    compliance: {
      trainingProviderNumber: record.trainingProviderNumber,
      complianceCheckedOn: record.complianceCheckedOn,
      compliantUntil: record.compliantUntil,
    },
    managerEmail: record.managerEmail,
  };
}

export function presentStaffing(view: SessionView) {
  return {
    sessionId: view.sessionId,
    slots: view.slots,
    invitations: view.invitations.map((invitation) => ({
      id: invitation.invitationId,
      facilitator: { id: invitation.facilitator.id, name: invitation.facilitator.name },
      status: invitation.status,
      facilitatorStatus: invitation.facilitatorStatus,
      approval: invitation.approval,
      duringWorkingTime: invitation.duringWorkingTime,
      ...(invitation.approvalNote ? { approvalNote: invitation.approvalNote } : {}),
      ...(invitation.approvalRule ? { approvalRule: invitation.approvalRule } : {}),
      sentAt: invitation.sentAt,
      expiresAt: invitation.expiresAt,
      respondedAt: invitation.respondedAt,
    })),
  };
}
