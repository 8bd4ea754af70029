import {
  ActivityFailure,
  allHandlersFinished,
  condition,
  getExternalWorkflowHandle,
  log,
  ParentClosePolicy,
  patched,
  proxyActivities,
  setHandler,
  startChild,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { MissionActivities } from '../../activities/index.ts';
import { DURABLE_ACTIVITY } from '../activity-options.ts';
import { fundingWorkflow } from '../approvals/funding-workflow.ts';
import { managerApprovalWorkflow } from '../approvals/manager-approval-workflow.ts';
import type { Actor } from '../messages/actor.ts';
import { approvalWithdrawnSignal, approvalWorkflowId } from '../messages/approval.ts';
import type { DocumentRequest, StoredDocument } from '../messages/documents.ts';
import type { SessionStatus } from '../messages/domain.ts';
import type { EmailRequest } from '../messages/email.ts';
import {
  fundingDecidedSignal,
  fundingWithdrawnSignal,
  fundingWorkflowId,
  sessionFundingChangedSignal,
} from '../messages/funding.ts';
import { missionWorkflowId, sessionTransitionedSignal } from '../messages/mission.ts';
import {
  assessmentAnsweredSignal,
  type SignedSheetCommand,
  surveyAnsweredSignal,
} from '../messages/participants.ts';
import { sessionFactsSignal } from '../messages/payouts.ts';
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
import {
  ATTENDANCE_SIGNING,
  AUDIT_BEFORE_CERTIFICATES,
  CERTIFICATES_AWAIT_PROOF,
  CLIENT_SILENCE_RULE,
  END_OF_TRAINING_ASSESSMENT,
  FLAG_CERTIFICATES_OF_NON_COMPLIANT_SHEET,
  MOVE_CHILDREN_WITH_SESSION,
  NOTIFY_FACILITATORS_ON_CANCEL,
  PROPOSAL_PER_BUYER,
  RECHECK_COMPLIANCE,
  REPORT_FACTS_TO_MISSION,
  SIGNING_WAITS_FOR_LAST_WINDOW,
} from '../patches.ts';
import { DEFAULT_SESSION_POLICY } from '../policy.ts';
import { checkAttendance, checkSheetVerdict, checkSignedSheet } from '../rules/attendance.ts';
import { type AuditHoldFinding, checkReleaseAuditHold } from '../rules/audit-consistency.ts';
import { businessDate } from '../rules/calendar.ts';
import { complianceIssues } from '../rules/compliance.ts';
import { proposalPlan } from '../rules/contract.ts';
import { msOf } from '../rules/durations.ts';
import { dueFollowUps, type FollowUpOptions, nextFollowUpAt, sessionIsDone } from '../rules/follow-up.ts';
import {
  checkFundingRequest,
  checkKeepAfterRefusal,
  checkSendProposal,
  checkSetFunding,
  clientContact,
} from '../rules/funding.ts';
import { silenceRuleFor } from '../rules/manager-silence.ts';
import { checkRegister, checkRemove } from '../rules/registration.ts';
import { checkSessionMessage, messageRecipients } from '../rules/session-message.ts';
import {
  checkCountersign,
  checkPaperAttendanceAllowed,
  checkSignHalfDay,
  lastHalfDayClosesAt,
  signingComplete,
} from '../rules/signing.ts';
import { checkChangeStatus, checkInvite, checkRespond, checkWithdraw } from '../rules/staffing.ts';
import { assessmentEmail, attestationEmail } from './assessment-emails.ts';
import { auditMismatchEmail } from './audit-emails.ts';
import {
  attendanceSheetData,
  certificateData,
  endOfTrainingAttestationData,
  proposalData,
} from './documents.ts';
import {
  complianceLapsedEmails,
  facilitatorCancellationEmail,
  invitationEmail,
  messageEmails,
  outcomeEmail,
  sessionEmailData,
} from './emails.ts';
import { sessionFactsOf } from './facts.ts';
import {
  attendanceEscalationEmail,
  attendanceReminderEmails,
  cancellationEmail,
  certificateEmail,
  certificatesUnbackedEmail,
  convocationEmail,
  surveyEmail,
} from './follow-up-emails.ts';
import { SessionState } from './session-state.ts';
import { countersignatureReminderEmails, signingLinkEmail } from './signing-emails.ts';

const { projectSession, sendEmail, generateDocument, loadCompliance, loadClientSettings, checkSessionAudit } =
  proxyActivities<MissionActivities>(DURABLE_ACTIVITY);

const now = () => new Date();

/**
 * One planned session: its timers (start, end), its facilitators (invitations with their own
 * reminders and expiry, manager approvals as child workflows), and its reports to the mission.
 * Moves and cancellation arrive as signals from the mission, which has validated them.
 */
export async function sessionWorkflow(input: SessionWorkflowInput): Promise<SessionView> {
  const policy = { ...DEFAULT_SESSION_POLICY, ...input.policy };
  const surveyLinkExpiry = (at: Date) =>
    new Date(at.getTime() + msOf(policy.surveyLinkValidity)).toISOString();
  const state = new SessionState(input.mission, input.session, policy.signingGraceAfterHalfDay);
  // Sessions started before their mission handled payouts do not report what payouts need.
  const reportsFacts = patched(REPORT_FACTS_TO_MISSION);
  const rechecksCompliance = patched(RECHECK_COMPLIANCE);
  // Sessions started before digital signing get no signing link at their start.
  const sendsSigningLink = patched(ATTENDANCE_SIGNING);
  // A certificate never claims hours no signature backs: on the paper path it now waits for the
  // signed sheet to be confirmed compliant. Sessions started before keep certifying on record.
  // Training actions end with the trainee's assessment and their attestation de fin de formation
  // (L6353-1); sessions started before send neither.
  const followUpOptions: FollowUpOptions = {
    certificatesAwaitProof: patched(CERTIFICATES_AWAIT_PROOF),
    endOfTrainingAssessment: patched(END_OF_TRAINING_ASSESSMENT),
  };
  // Certificates and the session's payouts wait while its documents disagree (issue #19, DESIGN.md
  // §5): staff are told, the check runs again daily, staff may release them. Earlier sessions do not check.
  const auditsBeforeCertificates = patched(AUDIT_BEFORE_CERTIFICATES);
  let auditHold: { findings: AuditHoldFinding[]; checkedAt: number; told: string } | null = null;
  let auditReleased = false;
  // People may sign the last half-day within its grace after the end: signing completes only
  // once that window closes (or the half-day is countersigned). Earlier sessions completed at the end.
  const waitsForLastWindow = patched(SIGNING_WAITS_FOR_LAST_WINDOW);
  const signingClosesAt = (): number | null => {
    const view = state.view();
    if (!waitsForLastWindow || view.status !== 'ended' || view.attendance.status !== 'pending') return null;
    if (view.attendance.signing.signatures.length === 0) return null;
    const closesAt = lastHalfDayClosesAt(view.attendance);
    return closesAt !== null && Number.isFinite(closesAt) ? closesAt : null;
  };
  const complianceRecheckAt = () =>
    rechecksCompliance ? state.complianceRecheckDueAt(msOf(policy.complianceRecheckBefore)) : null;
  let reportedFacts = '';
  const sector = input.mission.sector;
  const outbox: EmailRequest[] = [];
  // A coordinator's message is answered once its e-mails are sent, so the e-mail log shows them.
  const messageEmailsUnsent = new Set<string>();
  async function drainOutbox(): Promise<void> {
    while (outbox.length > 0) {
      const email = outbox.shift() as EmailRequest;
      await sendEmail(email);
      messageEmailsUnsent.delete(email.idempotencyKey);
    }
  }
  const approvalsToStart: string[] = [];
  const approvalsToWithdraw: string[] = [];
  const reports: SessionStatus[] = [];
  let woken = false;
  let childrenToMove = false;
  let sheetOutdated = false;
  let proposalRequested = false;
  let fundingStarted = false;
  let fundingWithdrawn = false;
  const missionReports: boolean[] = [];

  const owner = {
    missionId: input.mission.missionId,
    coordinator: input.mission.coordinator,
    client: { name: input.mission.clientName },
  };
  const projected = async (version: number) => {
    await condition(() => state.isProjected(version));
    return state.view();
  };

  setHandler(sessionStateQuery, () => state.view());

  setHandler(sessionRescheduledSignal, ({ startsAt, endsAt, offer }) => {
    if (state.status !== 'planned') return;
    state.reschedule(startsAt, endsAt, offer);
    upsertSearchAttributes(sessionSearchAttributeUpdates(owner, startsAt));
    childrenToMove = true;
    woken = true;
  });
  setHandler(sessionCancelledSignal, ({ reason }) => {
    if (state.status !== 'planned') return;
    for (const invitation of state.awaitingApproval()) approvalsToWithdraw.push(invitation.invitationId);
    for (const participant of state.participantList())
      outbox.push(cancellationEmail(input.mission, state.view(), participant, reason));
    // Added after sessions were already cancelled in production: their histories have no such
    // e-mails, so only executions that pass this point with the new code send them.
    if (patched(NOTIFY_FACILITATORS_ON_CANCEL))
      for (const invitation of state.openInvitations())
        outbox.push(facilitatorCancellationEmail(input.mission, state.view(), invitation, reason));
    if (state.fundingState.status === 'awaiting_decision') {
      fundingWithdrawn = true;
      missionReports.push(false);
    }
    state.transition('cancelled', reason);
    upsertSearchAttributes(sessionSearchAttributeUpdates(owner, null));
  });

  setHandler(
    inviteFacilitatorUpdate,
    async (command) => {
      const version = state.invite(command, now(), msOf(policy.invitationValidity));
      outbox.push(
        invitationEmail(
          input.mission,
          state.view(),
          state.invitation(command.invitationId),
          'facilitatorInvitation',
        ),
      );
      return projected(version);
    },
    { validator: (command) => rejectIf(checkInvite(state.view(), sector, command, now())) },
  );

  setHandler(
    respondToInvitationUpdate,
    async (command) => {
      const version = state.respond(command, now());
      const invitation = state.invitation(command.invitationId);
      outbox.push(
        outcomeEmail(
          input.mission,
          state.view(),
          invitation,
          invitation.status === 'accepted' ? 'accepted' : 'declined',
        ),
      );
      if (invitation.approval === 'pending') approvalsToStart.push(invitation.invitationId);
      return projected(version);
    },
    { validator: (command) => rejectIf(checkRespond(state.view(), command, now())) },
  );

  setHandler(
    withdrawFromSessionUpdate,
    async (command) => {
      const awaitingManager = state.invitation(command.invitationId).approval === 'pending';
      const version = state.withdraw(command.invitationId, now());
      if (awaitingManager) approvalsToWithdraw.push(command.invitationId);
      outbox.push(
        outcomeEmail(input.mission, state.view(), state.invitation(command.invitationId), 'withdrawn'),
      );
      return projected(version);
    },
    { validator: (command) => rejectIf(checkWithdraw(state.view(), command, now())) },
  );

  setHandler(
    changeFacilitatorStatusUpdate,
    async (command) => projected(state.changeStatus(command, now())),
    {
      validator: (command) => rejectIf(checkChangeStatus(state.view(), sector, command)),
    },
  );

  setHandler(
    registerParticipantsUpdate,
    async (command) => {
      const version = state.register(command, now());
      sheetOutdated = true;
      return projected(version);
    },
    { validator: (command) => rejectIf(checkRegister(state.view(), command, now())) },
  );

  setHandler(
    removeParticipantUpdate,
    async (command) => {
      const version = state.remove(command, now());
      sheetOutdated = true;
      return projected(version);
    },
    { validator: (command) => rejectIf(checkRemove(state.view(), command.participantId, now())) },
  );

  setHandler(recordAttendanceUpdate, async (command) => projected(state.recordAttendance(command, now())), {
    validator: (command) => {
      const view = state.view();
      const participantIds = view.participants.map((participant) => participant.participantId);
      rejectIf(checkPaperAttendanceAllowed(view.attendance.signing));
      rejectIf(
        checkAttendance(
          view,
          sector,
          participantIds,
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
    async (command) => {
      const before = state.attendanceState.status;
      const at = now();
      const version = state.sheetVerdict(command, at);
      // Certificates already sent claim hours this sheet no longer backs: staff must hear which,
      // not find them kept silently. Sessions started before did neither.
      if (!command.compliant && patched(FLAG_CERTIFICATES_OF_NON_COMPLIANT_SHEET)) {
        const flagged = state.flagCertificatesOfNonCompliantSheet(before, at);
        if (flagged.length > 0)
          outbox.push(certificatesUnbackedEmail(input.mission, state.view(), flagged, at));
      }
      return projected(version);
    },
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
    async (command) => {
      const version = state.countersign(command, now());
      // A countersignature after the end changes the proof funders read: the sheet follows it.
      if (state.status === 'ended') sheetOutdated = true;
      return projected(version);
    },
    { validator: (command) => rejectIf(checkCountersign(state.view(), command, now())) },
  );

  setHandler(
    releaseAuditHoldUpdate,
    async (command) => {
      auditReleased = true;
      followUpOptions.certificatesHeld = false;
      woken = true;
      return projected(state.markCommand(command.actor, 'audit.holdReleased', now()));
    },
    {
      validator: (command) =>
        rejectIf(checkReleaseAuditHold(auditHold !== null && !auditReleased, command.actor, command.reason)),
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
      proposalRequested = true;
      await condition(() => !proposalRequested);
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

  setHandler(fundingDecidedSignal, ({ decision, automatic }) => {
    if (state.fundingState.status !== 'awaiting_decision') return;
    state.fundingDecided(decision, automatic, now());
    missionReports.push(false);
    const billing = state.fundingState.billing;
    outbox.push({
      template: 'fundingDecided',
      to: { email: input.mission.coordinator.email, name: input.mission.coordinator.name },
      language: 'fr',
      idempotencyKey: `${input.session.sessionId}:funding-decided`,
      missionId: input.mission.missionId,
      sessionId: input.session.sessionId,
      data: {
        ...sessionEmailData(input.mission, state.view()),
        outcome: decision?.outcome ?? 'none',
        fundedCents: billing?.fundedCents ?? 0,
        clientCents: billing?.clientCents ?? 0,
      },
    });
  });

  setHandler(
    sendSessionMessageUpdate,
    async (command) => {
      const recipients = messageRecipients(state.view(), command.audience);
      const emails = messageEmails(input.mission, state.view(), command, recipients);
      for (const email of emails) {
        messageEmailsUnsent.add(email.idempotencyKey);
        outbox.push(email);
      }
      await projected(state.messageSent(command, recipients.length, now()));
      await condition(() => emails.every((email) => !messageEmailsUnsent.has(email.idempotencyKey)));
      return { messageId: command.messageId, audience: command.audience, recipients: recipients.length };
    },
    { validator: (command) => rejectIf(checkSessionMessage(state.view(), command.audience)) },
  );

  setHandler(surveyAnsweredSignal, ({ participantId, kind }) =>
    state.surveyAnswered(participantId, kind, now()),
  );

  setHandler(assessmentAnsweredSignal, ({ participantId }) => state.assessmentAnswered(participantId, now()));

  setHandler(managerDecidedSignal, ({ invitationId, approved, automatic, note, silenceRule }) => {
    if (!state.managerDecided(invitationId, approved, automatic, now(), note, silenceRule)) return;
    const invitation = state.invitation(invitationId);
    outbox.push(
      outcomeEmail(
        input.mission,
        state.view(),
        invitation,
        approved ? 'approved_by_manager' : 'refused_by_manager',
        automatic,
        note,
        silenceRule,
      ),
    );
  });

  /** The next instant something is due: an invitation reminder or expiry, the start, the end, a follow-up. */
  function nextDue(): number | null {
    const times: number[] = [];
    const followUp = nextFollowUpAt(state.view(), policy, followUpOptions);
    if (followUp !== null) times.push(followUp);
    for (const invitation of state.pendingInvitations()) {
      if (!invitation.reminderSent)
        times.push(Date.parse(invitation.sentAt) + msOf(policy.invitationReminderAfter));
      times.push(Date.parse(invitation.expiresAt));
    }
    if (state.status === 'planned') times.push(Date.parse(state.startsAt));
    if (state.status === 'running') times.push(Date.parse(state.endsAt));
    const recheck = complianceRecheckAt();
    if (recheck !== null) times.push(recheck);
    const closes = signingClosesAt();
    if (closes !== null && closes > Date.now()) times.push(closes);
    if (auditHold && !auditReleased) times.push(auditHold.checkedAt + msOf(policy.auditRecheckEvery));
    return times.length > 0 ? Math.min(...times) : null;
  }

  function takeDueSteps(at: Date): void {
    for (const invitation of state.pendingInvitations()) {
      if (Date.parse(invitation.expiresAt) <= at.getTime()) {
        state.expire(invitation.invitationId, at);
        outbox.push(
          outcomeEmail(
            input.mission,
            state.view(),
            state.invitation(invitation.invitationId),
            'expired',
            true,
          ),
        );
      } else if (
        !invitation.reminderSent &&
        Date.parse(invitation.sentAt) + msOf(policy.invitationReminderAfter) <= at.getTime()
      ) {
        state.reminderSent(invitation.invitationId, at);
        outbox.push(
          invitationEmail(
            input.mission,
            state.view(),
            state.invitation(invitation.invitationId),
            'invitationReminder',
          ),
        );
      }
    }
    if (state.status === 'planned' && Date.parse(state.startsAt) <= at.getTime()) {
      state.transition('running');
      upsertSearchAttributes(sessionSearchAttributeUpdates(owner, state.endsAt));
      reports.push('running');
      if (sendsSigningLink) outbox.push(signingLinkEmail(input.mission, state.view(), policy));
    }
    if (state.status === 'running' && Date.parse(state.endsAt) <= at.getTime()) {
      state.transition('ended');
      upsertSearchAttributes(sessionSearchAttributeUpdates(owner, null));
      reports.push('ended');
      // The sheet with every signature is the proof funders ask for: built once the session ends.
      if (state.attendanceState.signing.signatures.length > 0) sheetOutdated = true;
    }
    if (signingComplete(state.view(), waitsForLastWindow ? at : undefined)) state.completeSigning(at);
  }

  const mission = getExternalWorkflowHandle(missionWorkflowId(input.mission.missionId));
  async function report(status: SessionStatus): Promise<void> {
    try {
      await mission.signal(sessionTransitionedSignal, {
        sessionId: input.session.sessionId,
        status,
        at: new Date().toISOString(),
      });
    } catch (error) {
      // A mission that has already finished (cancelled while this session ran) has nothing left to learn.
      log.warn('mission no longer listening for session reports', {
        sessionId: input.session.sessionId,
        status,
        error,
      });
    }
  }

  async function moveChildren(): Promise<void> {
    const moved = { startsAt: state.startsAt, endsAt: state.endsAt };
    const children = [
      ...state.awaitingApproval().map((invitation) => approvalWorkflowId(invitation.invitationId)),
      ...(fundingStarted && state.fundingState.status === 'awaiting_decision'
        ? [fundingWorkflowId(input.session.sessionId)]
        : []),
    ];
    for (const workflowId of children)
      await getExternalWorkflowHandle(workflowId)
        .signal(sessionRescheduledSignal, moved)
        .catch((error: unknown) =>
          log.warn('child no longer waiting for the session date', { workflowId, error }),
        );
  }

  /**
   * Compliance lapses between invitation and session: shortly before the start each facilitator
   * counting on the session is checked again against the directory, and the coordinator and
   * staff hear of anyone who no longer qualifies.
   */
  async function recheckCompliance(at: Date): Promise<void> {
    const facilitators = state.acceptedInvitations().map((invitation) => invitation.facilitator);
    const current = facilitators.length > 0 ? await loadCompliance(facilitators.map((f) => f.id)) : {};
    const issues = complianceIssues(
      facilitators,
      current,
      businessDate(new Date(state.endsAt)),
      businessDate(at),
    );
    for (const issue of issues)
      for (const email of complianceLapsedEmails(input.mission, state.view(), issue)) outbox.push(email);
    state.complianceRechecked(issues, at);
  }

  /** Tells the mission what payouts and closure need, each time it changes. */
  async function reportFacts(): Promise<void> {
    if (!reportsFacts || state.status === 'cancelled') return;
    const facts = {
      ...sessionFactsOf(state.view()),
      ...(auditHold && !auditReleased ? { auditHold: true } : {}),
    };
    const serialised = JSON.stringify(facts);
    if (serialised === reportedFacts) return;
    reportedFacts = serialised;
    await mission
      .signal(sessionFactsSignal, facts)
      .catch((error: unknown) => log.warn('mission no longer listening for session facts', { error }));
  }

  /**
   * Before certificates go out, the documents must agree (an activity reads the facts, the rule
   * decides). A mismatch holds them, tells staff once per set of findings, and is checked again
   * daily, so a re-issued document releases them by itself.
   */
  async function auditBeforeCertificates(at: Date): Promise<void> {
    if (!auditsBeforeCertificates || auditReleased) return;
    const unheld = { ...followUpOptions, certificatesHeld: false };
    if (!dueFollowUps(state.view(), policy, at, unheld).some((due) => due.step === 'certificate')) return;
    if (auditHold && at.getTime() < auditHold.checkedAt + msOf(policy.auditRecheckEvery)) return;
    const { findings } = await checkSessionAudit({
      missionId: input.mission.missionId,
      sessionId: input.session.sessionId,
    });
    if (findings.length === 0) auditHold = null;
    else {
      const told = JSON.stringify(findings.map((finding) => [finding.code, finding.documentIds]));
      if (auditHold?.told !== told)
        await sendEmail(auditMismatchEmail(input.mission, state.view(), findings, at));
      auditHold = { findings, checkedAt: at.getTime(), told };
    }
    followUpOptions.certificatesHeld = auditHold !== null;
  }

  async function takeFollowUps(at: Date): Promise<void> {
    for (const due of dueFollowUps(state.view(), policy, at, followUpOptions)) {
      const view = state.view();
      const participant =
        'participantId' in due
          ? view.participants.find((p) => p.participantId === due.participantId)
          : undefined;
      switch (due.step) {
        case 'convocation':
          if (participant)
            await sendEmail(
              convocationEmail(input.mission, view, participant, { digitalSigning: sendsSigningLink }),
            );
          state.convocationSent(due.participantId, at);
          break;
        case 'attendanceReminder': {
          // Participants signed: what is missing is the facilitator's countersignature.
          const emails =
            view.attendance.signing.signatures.length > 0
              ? countersignatureReminderEmails(input.mission, view, policy)
              : attendanceReminderEmails(input.mission, view);
          for (const email of emails) await sendEmail(email);
          state.attendanceFollowUp('reminder', at);
          break;
        }
        case 'attendanceEscalation':
          await sendEmail(attendanceEscalationEmail(input.mission, view));
          state.attendanceFollowUp('escalation', at);
          break;
        case 'certificate': {
          if (!participant) break;
          const stored = await buildDocument({
            kind: 'certificate',
            data: certificateData(input.mission, view, participant, due.hours, at),
          });
          if (!stored) {
            // Recorded without a document so it is not retried in a loop; staff see it on the session.
            state.certificateFailed(due.participantId, due.hours, at);
            break;
          }
          await sendEmail(
            certificateEmail(
              input.mission,
              view,
              participant,
              due.hours,
              stored.documentId,
              surveyLinkExpiry(at),
            ),
          );
          state.certificateIssued(due.participantId, due.hours, stored.documentId, at);
          state.surveySent(due.participantId, 'hot', at);
          break;
        }
        case 'coldSurvey':
          if (participant)
            await sendEmail(
              surveyEmail(input.mission, view, participant, 'cold', 'surveyInvitation', surveyLinkExpiry(at)),
            );
          state.surveySent(due.participantId, 'cold', at);
          break;
        case 'surveyReminder':
          if (participant)
            await sendEmail(
              surveyEmail(input.mission, view, participant, due.kind, 'surveyReminder', surveyLinkExpiry(at)),
            );
          state.surveyReminderSent(due.participantId, due.kind, at);
          break;
        case 'assessment': {
          const answerBy = new Date(at.getTime() + msOf(policy.assessmentAnswerWithin));
          if (participant) await sendEmail(assessmentEmail(input.mission, view, participant, answerBy));
          state.assessmentSent(due.participantId, answerBy, at);
          break;
        }
        case 'attestation': {
          const assessment = view.assessments?.find((each) => each.participantId === due.participantId);
          const stored =
            participant && assessment
              ? await buildDocument({
                  kind: 'endOfTrainingAttestation',
                  data: endOfTrainingAttestationData(
                    input.mission,
                    view,
                    participant,
                    due.hours,
                    assessment.answerBy,
                    at,
                  ),
                })
              : null;
          if (participant && assessment && stored)
            await sendEmail(
              attestationEmail(
                input.mission,
                view,
                participant,
                due.hours,
                assessment.answeredAt !== null,
                stored.documentId,
              ),
            );
          // Recorded without a document when it could not be built, so it is not retried in a loop.
          state.attestationIssued(due.participantId, stored?.documentId ?? null, at);
          break;
        }
      }
    }
  }

  /**
   * The documents of the buyer's contract (quote, agreement or contract, programme), sent to the
   * client's contact; then the funder's decision is awaited.
   */
  async function sendProposal(): Promise<void> {
    const at = now();
    const view = state.view();
    const request = view.funding.request;
    if (!request) return;
    const version = (view.funding.proposal?.version ?? 0) + 1;
    const number = `${input.mission.missionId.slice(0, 8).toUpperCase()}-${input.session.sessionId.slice(0, 4).toUpperCase()}-${version}`;
    const data = proposalData(input.mission, view, number, at);
    const documents = [];
    const perBuyer = patched(PROPOSAL_PER_BUYER);
    const kinds = perBuyer
      ? proposalPlan({
          fundingKind: request.kind,
          clientType: request.client.type,
          // Funding is set for trainings only (rules/funding.ts); a workshop's quote goes without it.
          trainingAction: view.kind === 'training',
        }).documents
      : (['quote', 'agreement', 'programme'] as const);
    for (const kind of kinds) {
      const stored = await buildDocument({ kind, data });
      if (!stored) return;
      documents.push(stored);
    }
    const contact = clientContact(request.client);
    await sendEmail({
      template: 'fundingProposal',
      to: contact,
      // A company's contact reads French paperwork; a person reads the session's language.
      language: perBuyer && request.client.type !== 'company' ? view.language : 'fr',
      idempotencyKey: `${input.session.sessionId}:proposal-${version}`,
      missionId: input.mission.missionId,
      sessionId: input.session.sessionId,
      data: {
        ...sessionEmailData(input.mission, view),
        contactName: contact.name,
        funder: request.kind,
        totalCents: data.pricing.totalCents,
        proposalNumber: number,
        ...(perBuyer ? { buyer: request.client.type } : {}),
      },
      attachments: documents.map((document) => ({ documentId: document.documentId })),
      ...(request.kind === 'client'
        ? {}
        : {
            link: {
              purpose: 'fundingDecision' as const,
              subjectId: input.session.sessionId,
              sessionId: input.session.sessionId,
              expiresAt: view.startsAt,
            },
          }),
    });
    state.proposalSent(
      documents.map((document) => document.documentId),
      number,
      at,
    );
    if (request.kind === 'client' || fundingStarted) return;
    fundingStarted = true;
    await startChild(fundingWorkflow, {
      workflowId: fundingWorkflowId(input.session.sessionId),
      args: [
        {
          missionId: input.mission.missionId,
          sessionId: input.session.sessionId,
          startsAt: view.startsAt,
          totalCents: data.pricing.totalCents,
          clientContact: contact,
          session: sessionEmailData(input.mission, view),
          coordinator: { name: input.mission.coordinator.name, email: input.mission.coordinator.email },
          policy: {
            reminderDaysBefore: policy.fundingReminderDaysBefore,
            escalationDaysBefore: policy.fundingEscalationDaysBefore,
            noticeDaysBefore: policy.fundingNoticeDaysBefore,
          },
        },
      ],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      staticSummary: `Funding decision for ${view.title}`,
    });
    missionReports.push(true);
  }

  /**
   * A document that cannot be built fails the same way on every retry (the activity says so): the
   * session carries on without it, and the failure is logged for staff, instead of the whole
   * session workflow failing with its timers, certificates and surveys.
   */
  async function buildDocument(request: DocumentRequest): Promise<StoredDocument | null> {
    try {
      return await generateDocument(request);
    } catch (error) {
      if (!(error instanceof ActivityFailure)) throw error;
      log.error('document could not be built', {
        kind: request.kind,
        sessionId: input.session.sessionId,
        error,
      });
      return null;
    }
  }

  const finished = () => sessionIsDone(state.view(), policy, followUpOptions);
  const hasWork = () =>
    woken ||
    sheetOutdated ||
    proposalRequested ||
    missionReports.length > 0 ||
    fundingWithdrawn ||
    state.needsProjection() ||
    outbox.length > 0 ||
    reports.length > 0 ||
    approvalsToStart.length > 0 ||
    approvalsToWithdraw.length > 0;

  for (;;) {
    takeDueSteps(now());
    while (reports.length > 0) await report(reports.shift() as SessionStatus);
    while (approvalsToStart.length > 0) {
      const invitation = state.invitation(approvalsToStart.shift() as string);
      // The client's rule as it stands when the approval starts; approvals started before clients
      // had settings follow the worker's default, as they did.
      const silenceRule = patched(CLIENT_SILENCE_RULE)
        ? silenceRuleFor(
            (await loadClientSettings(input.mission.clientName)).managerSilence,
            policy.managerSilence,
          )
        : undefined;
      await startChild(managerApprovalWorkflow, {
        workflowId: approvalWorkflowId(invitation.invitationId),
        args: [
          {
            invitationId: invitation.invitationId,
            sessionId: input.session.sessionId,
            missionId: input.mission.missionId,
            managerEmail: invitation.facilitator.managerEmail ?? '',
            facilitatorName: invitation.facilitator.name,
            coordinator: input.mission.coordinator,
            session: sessionEmailData(input.mission, state.view()),
            policy,
            ...(silenceRule ? { silenceRule } : {}),
          },
        ],
        parentClosePolicy: ParentClosePolicy.ABANDON,
        staticSummary: `Manager approval for ${invitation.facilitator.name}`,
      });
    }
    // The funding and approval deadlines count from the session's date: they follow it when it moves.
    if (childrenToMove) {
      childrenToMove = false;
      if (patched(MOVE_CHILDREN_WITH_SESSION)) await moveChildren();
    }
    while (approvalsToWithdraw.length > 0) {
      const invitationId = approvalsToWithdraw.shift() as string;
      try {
        await getExternalWorkflowHandle(approvalWorkflowId(invitationId)).signal(approvalWithdrawnSignal);
      } catch (error) {
        log.warn('approval already closed', { invitationId, error });
      }
    }
    if (state.needsProjection()) {
      const change = state.takeProjection();
      await projectSession(change);
      state.markProjected(change.version);
    }
    await drainOutbox();
    if (proposalRequested) {
      await sendProposal();
      proposalRequested = false;
    }
    if (fundingWithdrawn) {
      fundingWithdrawn = false;
      await getExternalWorkflowHandle(fundingWorkflowId(input.session.sessionId))
        .signal(fundingWithdrawnSignal)
        .catch((error: unknown) => log.warn('funding workflow already closed', { error }));
    }
    while (missionReports.length > 0) {
      const awaiting = missionReports.shift() as boolean;
      await mission
        .signal(sessionFundingChangedSignal, { sessionId: input.session.sessionId, awaiting })
        .catch((error: unknown) => log.warn('mission no longer listening for funding changes', { error }));
    }
    if (sheetOutdated) {
      sheetOutdated = false;
      const stored = await buildDocument({
        kind: 'attendanceSheet',
        data: attendanceSheetData(input.mission, state.view()),
      });
      if (stored) state.attendanceSheetGenerated(stored.documentId);
    }
    await auditBeforeCertificates(now());
    await takeFollowUps(now());
    const recheck = complianceRecheckAt();
    if (recheck !== null && recheck <= Date.now()) {
      await recheckCompliance(now());
      await drainOutbox();
    }
    if (state.needsProjection()) {
      const change = state.takeProjection();
      await projectSession(change);
      state.markProjected(change.version);
    }
    await reportFacts();

    if (finished() && !hasWork()) {
      // A handler may be waiting for this loop to project its change: wake for that work too.
      await condition(() => allHandlersFinished() || hasWork());
      if (allHandlersFinished() && !hasWork()) return state.view();
      continue;
    }
    woken = false;
    const due = nextDue();
    if (due === null) await condition(hasWork);
    else
      await condition(() => hasWork() || Date.now() >= due, Math.max(1, due - Date.now()), {
        summary: 'until the next session step',
      });
  }
}
