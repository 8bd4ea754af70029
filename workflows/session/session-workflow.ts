import {
  allHandlersFinished,
  condition,
  patched,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { Actor } from '../messages/actor.ts';
import { fundingDecidedSignal } from '../messages/funding.ts';
import {
  assessmentAnsweredSignal,
  type SignedSheetCommand,
  surveyAnsweredSignal,
} from '../messages/participants.ts';
import { sessionSearchAttributeUpdates } from '../messages/search-attributes.ts';
import {
  changeFacilitatorStatusUpdate,
  countersignHalfDayUpdate,
  inviteFacilitatorUpdate,
  keepAfterRefusalUpdate,
  recordAttendanceUpdate,
  registerParticipantsUpdate,
  releaseAuditHoldUpdate,
  removeParticipantUpdate,
  respondToInvitationUpdate,
  type SessionView,
  type SessionWorkflowInput,
  sendProposalUpdate,
  sessionCancelledSignal,
  sessionRescheduledSignal,
  sessionStateQuery,
  setFundingUpdate,
  sheetVerdictUpdate,
  signedSheetUploadedUpdate,
  signHalfDayUpdate,
  withdrawFromSessionUpdate,
} from '../messages/session.ts';
import { sendSessionMessageUpdate } from '../messages/session-message.ts';
import { managerDecidedSignal } from '../messages/staffing.ts';
import { rejectIf } from '../mission/reject.ts';
import { FLAG_CERTIFICATES_OF_NON_COMPLIANT_SHEET, NOTIFY_FACILITATORS_ON_CANCEL } from '../patches.ts';
import { DEFAULT_SESSION_POLICY } from '../policy.ts';
import { checkAttendance, checkSheetVerdict, checkSignedSheet } from '../rules/attendance.ts';
import { checkReleaseAuditHold } from '../rules/audit-consistency.ts';
import {
  checkFundingRequest,
  checkKeepAfterRefusal,
  checkSendProposal,
  checkSetFunding,
} from '../rules/funding.ts';
import { checkRegister, checkRemove } from '../rules/registration.ts';
import { checkSessionMessage } from '../rules/session-message.ts';
import { checkCountersign, checkPaperAttendanceAllowed, checkSignHalfDay } from '../rules/signing.ts';
import { checkChangeStatus, checkInvite, checkRespond, checkWithdraw } from '../rules/staffing.ts';
import { WakeTimer } from '../wake-timer.ts';
import { carryOutEffects } from './carry-out.ts';
import { sessionFeatures } from './features.ts';
import { LiveSession } from './live-session.ts';

const now = () => new Date();

/**
 * One planned session, as its message API and one loop: each handler validates with
 * workflows/rules and applies the message to the LiveSession, which queues what is owed; the loop
 * advances the session to now, carries its effects out (carry-out.ts) and sleeps until the next
 * due instant or new work. Moves and cancellation arrive as signals from the mission, which has
 * validated them.
 */
export async function sessionWorkflow(input: SessionWorkflowInput): Promise<SessionView> {
  const policy = { ...DEFAULT_SESSION_POLICY, ...input.policy };
  const live = new LiveSession(input.mission, input.session, policy, sessionFeatures());
  const state = live.state;
  const sector = input.mission.sector;
  const owner = {
    missionId: input.mission.missionId,
    coordinator: input.mission.coordinator,
    client: { name: input.mission.clientName },
  };
  const projected = async (version: number) => {
    await condition(() => state.isProjected(version));
    return state.view();
  };

  setHandler(sessionStateQuery, () => live.answer());

  setHandler(sessionRescheduledSignal, (move) => {
    if (live.rescheduled(move)) upsertSearchAttributes(sessionSearchAttributeUpdates(owner, move.startsAt));
  });
  setHandler(sessionCancelledSignal, ({ reason }) => {
    if (state.status !== 'planned') return;
    // Added after sessions were already cancelled in production: their histories have no such
    // e-mails, so only executions that pass this point with the new code send them.
    live.cancelled(reason, live.features.baseline || patched(NOTIFY_FACILITATORS_ON_CANCEL));
    upsertSearchAttributes(sessionSearchAttributeUpdates(owner, null));
  });

  setHandler(inviteFacilitatorUpdate, async (command) => projected(live.staffing.invite(command, now())), {
    validator: (command) => rejectIf(checkInvite(state.view(), sector, command, now())),
  });
  setHandler(respondToInvitationUpdate, async (command) => projected(live.staffing.respond(command, now())), {
    validator: (command) => rejectIf(checkRespond(state.view(), command, now())),
  });
  setHandler(
    withdrawFromSessionUpdate,
    async (command) => projected(live.staffing.withdraw(command.invitationId, now())),
    { validator: (command) => rejectIf(checkWithdraw(state.view(), command, now())) },
  );
  setHandler(
    changeFacilitatorStatusUpdate,
    async (command) => projected(state.changeStatus(command, now())),
    {
      validator: (command) => rejectIf(checkChangeStatus(state.view(), sector, command)),
    },
  );
  setHandler(managerDecidedSignal, (decision) => live.staffing.managerDecided(decision, now()));

  setHandler(
    registerParticipantsUpdate,
    async (command) => projected(live.attendance.participantsChanged(state.register(command, now()))),
    { validator: (command) => rejectIf(checkRegister(state.view(), command, now())) },
  );
  setHandler(
    removeParticipantUpdate,
    async (command) => projected(live.attendance.participantsChanged(state.remove(command, now()))),
    { validator: (command) => rejectIf(checkRemove(state.view(), command.participantId, now())) },
  );
  setHandler(recordAttendanceUpdate, async (command) => projected(state.recordAttendance(command, now())), {
    validator: (command) => {
      const view = state.view();
      rejectIf(checkPaperAttendanceAllowed(view.attendance.signing));
      rejectIf(
        checkAttendance(
          view,
          sector,
          view.participants.map((participant) => participant.participantId),
          view.attendance.halfDays,
          command.presence,
          now(),
          view.attendance.status,
        ),
      );
    },
  });
  setHandler(
    signedSheetUploadedUpdate,
    async (command) => projected(state.signedSheetUploaded(command, now())),
    {
      validator: (_command: SignedSheetCommand) => rejectIf(checkSignedSheet(state.attendanceState.status)),
    },
  );
  setHandler(
    sheetVerdictUpdate,
    // Sessions started before flagging certificates of a non-compliant sheet did not.
    async (command) =>
      projected(
        live.attendance.sheetVerdict(
          command,
          now(),
          !command.compliant && (live.features.baseline || patched(FLAG_CERTIFICATES_OF_NON_COMPLIANT_SHEET)),
        ),
      ),
    {
      validator: (command) =>
        rejectIf(checkSheetVerdict(state.attendanceState.status, command, command.actor.role)),
    },
  );
  setHandler(signHalfDayUpdate, async (command) => projected(state.signHalfDay(command, now())), {
    validator: (command) => rejectIf(checkSignHalfDay(state.view(), command, now())),
  });
  setHandler(
    countersignHalfDayUpdate,
    async (command) => projected(live.attendance.countersign(command, now())),
    {
      validator: (command) => rejectIf(checkCountersign(state.view(), command, now())),
    },
  );
  setHandler(surveyAnsweredSignal, ({ participantId, kind }) =>
    state.surveyAnswered(participantId, kind, now()),
  );
  setHandler(assessmentAnsweredSignal, ({ participantId }) => state.assessmentAnswered(participantId, now()));
  setHandler(
    releaseAuditHoldUpdate,
    async (command) => projected(live.releaseAuditHold(command.actor, now())),
    {
      validator: (command) =>
        rejectIf(checkReleaseAuditHold(live.reporting.holdActive(), command.actor, command.reason)),
    },
  );

  setHandler(setFundingUpdate, async (command) => projected(state.setFunding(command, now())), {
    validator: (command) =>
      rejectIf(
        checkFundingRequest(command.request) ?? checkSetFunding(state.view(), state.fundingState, now()),
      ),
  });
  setHandler(
    sendProposalUpdate,
    async (command) => {
      live.funding.requestProposal();
      await condition(() => !live.funding.proposalPending());
      return projected(state.markCommand(command.actor, 'funding.proposalRequested', now()));
    },
    {
      validator: (_command: { actor: Actor }) =>
        rejectIf(checkSendProposal(state.view(), state.fundingState, now())),
    },
  );
  setHandler(
    keepAfterRefusalUpdate,
    async (command) => projected(state.keepAfterRefusal(command.actor, now())),
    {
      validator: (_command: { actor: Actor }) => rejectIf(checkKeepAfterRefusal(state.fundingState)),
    },
  );
  setHandler(fundingDecidedSignal, (decision) => live.funding.decided(decision, now()));

  // A coordinator's message is answered once its e-mails are sent, so the e-mail log shows them.
  setHandler(
    sendSessionMessageUpdate,
    async (command) => {
      const sent = live.sendMessage(command, now());
      await projected(sent.version);
      await condition(() => !live.effects.sending(sent.emailKeys));
      return { messageId: command.messageId, audience: command.audience, recipients: sent.recipients };
    },
    { validator: (command) => rejectIf(checkSessionMessage(state.view(), command.audience)) },
  );

  const wake = live.features.keepsWakeTimer ? new WakeTimer('until the next session step') : null;
  for (;;) {
    for (const deadline of live.advance(now()))
      upsertSearchAttributes(sessionSearchAttributeUpdates(owner, deadline));
    await carryOutEffects(live);
    if (live.finished() && !live.hasWork()) {
      // A handler may be waiting for this loop to project its change: wake for that work too.
      await condition(() => allHandlersFinished() || live.hasWork());
      if (allHandlersFinished() && !live.hasWork()) return state.view();
      continue;
    }
    live.settled();
    const due = live.nextDue(Date.now());
    if (wake) {
      wake.aim(due);
      await condition(() => live.hasWork() || wake.due);
    } else if (due === null) await condition(() => live.hasWork());
    else
      await condition(() => live.hasWork() || Date.now() >= due, Math.max(1, due - Date.now()), {
        summary: 'until the next session step',
      });
  }
}
