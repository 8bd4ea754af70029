import { clone } from '../clone.ts';
import type { Actor } from '../messages/actor.ts';
import { SYSTEM_ACTOR } from '../messages/actor.ts';
import type { AuditActor, AuditEvent } from '../messages/audit.ts';
import type { AttendanceStatus, OfferRef, Session } from '../messages/domain.ts';
import type { FundingDecision, FundingState, SetFundingCommand } from '../messages/funding.ts';
import type {
  AssessmentState,
  Attendance,
  CertificateState,
  Participant,
  RecordAttendanceCommand,
  RegisterParticipantsCommand,
  RemoveParticipantCommand,
  SheetVerdictCommand,
  SignedSheetCommand,
  SurveyKind,
  SurveyState,
} from '../messages/participants.ts';
import type { SessionView } from '../messages/session.ts';
import type { SendSessionMessageCommand } from '../messages/session-message.ts';
import type { CountersignCommand, SignHalfDayCommand } from '../messages/signing.ts';
import type {
  ChangeFacilitatorStatusCommand,
  ComplianceRecheck,
  Invitation,
  InviteFacilitatorCommand,
  RespondToInvitationCommand,
  SessionMissionContext,
} from '../messages/staffing.ts';
import type { Duration } from '../policy.ts';
import { halfDaysOf } from '../rules/attendance.ts';
import { certificatesBackedBySheet } from '../rules/certificates.ts';
import { billingOf, statusOf } from '../rules/funding.ts';
import type { SilenceRule } from '../rules/manager-silence.ts';
import { newRegistrations, normaliseEmail } from '../rules/registration.ts';
import { presenceFromSignatures } from '../rules/signing.ts';
import { holdsSlot, needsManagerApproval, slotsOf } from '../rules/staffing.ts';

/**
 * A session's own state: its times and status, and who facilitates it. Like MissionState, each
 * accepted command is one synchronous method; the workflow validates first with workflows/rules.
 */
export class SessionState {
  readonly mission: SessionMissionContext;
  private session: Session;
  private invitations: Invitation[] = [];
  private participants: Participant[] = [];
  private attendance: Attendance;
  private certificates: CertificateState[] = [];
  private surveys: SurveyState[] = [];
  private assessments: AssessmentState[] = [];
  private attendanceSheetDocumentId: string | null = null;
  private complianceRecheck: ComplianceRecheck = { checkedFor: null, issues: [] };
  private funding: FundingState = {
    request: null,
    status: null,
    proposal: null,
    decision: null,
    billing: null,
    keptAfterRefusal: false,
  };
  private version = 0;
  private projectedVersion = 0;
  private pendingAudit: AuditEvent[] = [];

  constructor(
    mission: SessionMissionContext,
    session: Session,
    signingGraceAfterHalfDay: Duration = '30 minutes',
  ) {
    this.mission = clone(mission);
    this.session = clone(session);
    this.attendance = {
      status: 'pending',
      halfDays: halfDaysOf(session),
      presence: [],
      recordedAt: null,
      signedSheetDocumentId: null,
      nonComplianceReason: null,
      reminderSent: false,
      escalationSent: false,
      signing: { graceAfterHalfDay: signingGraceAfterHalfDay, signatures: [], countersignatures: [] },
    };
  }

  view(): SessionView {
    return {
      ...clone(this.session),
      missionId: this.mission.missionId,
      slots: slotsOf(this.session, this.invitations),
      invitations: clone(this.invitations),
      participants: clone(this.participants),
      attendance: clone(this.attendance),
      certificates: clone(this.certificates),
      surveys: clone(this.surveys),
      ...(this.assessments.length > 0 ? { assessments: clone(this.assessments) } : {}),
      attendanceSheetDocumentId: this.attendanceSheetDocumentId,
      funding: clone(this.funding),
      complianceRecheck: clone(this.complianceRecheck),
    };
  }

  /** When facilitators' compliance is due to be checked again, if it still is. */
  complianceRecheckDueAt(before: number): number | null {
    if (this.session.status !== 'planned' || this.complianceRecheck.checkedFor === this.session.startsAt)
      return null;
    return Date.parse(this.session.startsAt) - before;
  }

  /** Facilitators counting on the session, whose compliance must hold on its day. */
  acceptedInvitations(): Invitation[] {
    return this.invitations.filter((invitation) => invitation.status === 'accepted');
  }

  complianceRechecked(issues: ComplianceRecheck['issues'], now: Date): void {
    this.complianceRecheck = { checkedFor: this.session.startsAt, issues: clone(issues) };
    this.change(SYSTEM_ACTOR, 'compliance.rechecked', now, {
      notCompliant: issues.map((issue) => issue.facilitatorId),
    });
  }

  get status() {
    return this.session.status;
  }

  get startsAt() {
    return this.session.startsAt;
  }

  get endsAt() {
    return this.session.endsAt;
  }

  invitation(invitationId: string): Invitation {
    const invitation = this.invitations.find((candidate) => candidate.invitationId === invitationId);
    if (!invitation) throw new Error(`unknown invitation ${invitationId}: validators must run first`);
    return invitation;
  }

  pendingInvitations(): Invitation[] {
    return this.invitations.filter((invitation) => invitation.status === 'pending');
  }

  /** Facilitators still counting on the session, or still able to say yes to it. */
  openInvitations(): Invitation[] {
    return this.invitations.filter(
      (invitation) => invitation.status === 'pending' || invitation.status === 'accepted',
    );
  }

  awaitingApproval(): Invitation[] {
    return this.invitations.filter(
      (invitation) => invitation.status === 'accepted' && invitation.approval === 'pending',
    );
  }

  needsProjection(): boolean {
    return this.projectedVersion < this.version;
  }

  isProjected(version: number): boolean {
    return this.projectedVersion >= version;
  }

  takeProjection(): { view: SessionView; version: number; audit: AuditEvent[] } {
    const audit = this.pendingAudit;
    this.pendingAudit = [];
    return { view: this.view(), version: this.version, audit };
  }

  markProjected(version: number): void {
    this.projectedVersion = Math.max(this.projectedVersion, version);
  }

  /** How far the read model is behind, for the session's query. */
  projection(): { version: number; projected: number; auditPending: number } {
    return {
      version: this.version,
      projected: this.projectedVersion,
      auditPending: this.pendingAudit.length,
    };
  }

  /** Moves and lifecycle steps are audited by the mission; here they only refresh the projection. */
  reschedule(startsAt: string, endsAt: string, offer?: OfferRef): void {
    this.session.startsAt = startsAt;
    this.session.endsAt = endsAt;
    // Documents built from now on describe the new version; those already sent keep theirs.
    if (offer) this.session.offer = clone(offer);
    this.attendance.halfDays = halfDaysOf(this.session);
    // Participants convoked for the old date get a new convocation for the new one.
    for (const participant of this.participants) participant.convocationSent = false;
    this.version += 1;
  }

  get fundingState(): FundingState {
    return this.funding;
  }

  /** The proposal's total: the order's price for the session plus its expenses. */
  fundingTotalCents(): number {
    const expenses =
      this.funding.request?.expenses.reduce((sum, expense) => sum + expense.amountCents, 0) ?? 0;
    return this.mission.unitPriceCents + expenses;
  }

  setFunding(command: SetFundingCommand, now: Date): number {
    this.funding.request = clone(command.request);
    this.funding.status = 'proposal_pending';
    return this.change(command.actor, 'funding.set', now, { kind: command.request.kind });
  }

  proposalSent(documentIds: string[], number: string, now: Date): void {
    const version = (this.funding.proposal?.version ?? 0) + 1;
    this.funding.proposal = { number, version, documentIds, sentAt: now.toISOString() };
    this.funding.status = this.funding.request?.kind === 'client' ? 'self_funded' : 'awaiting_decision';
    if (this.funding.request?.kind === 'client')
      this.funding.billing = billingOf(null, this.fundingTotalCents());
    this.change(SYSTEM_ACTOR, 'funding.proposalSent', now, { number, version, documentIds });
  }

  fundingDecided(decision: FundingDecision | null, automatic: boolean, now: Date): void {
    this.funding.decision = decision ? { ...decision, automatic, decidedAt: now.toISOString() } : null;
    this.funding.status = statusOf(decision);
    this.funding.billing = billingOf(decision, this.fundingTotalCents());
    this.change(SYSTEM_ACTOR, 'funding.decided', now, { decision, automatic, billing: this.funding.billing });
  }

  /** A command whose effect happened elsewhere (e-mails, documents) still leaves its audit event. */
  markCommand(actor: Actor, action: string, now: Date): number {
    return this.change(actor, action, now, {});
  }

  keepAfterRefusal(actor: Actor, now: Date): number {
    this.funding.keptAfterRefusal = true;
    return this.change(actor, 'funding.keptAfterRefusal', now, {});
  }

  get attendanceState(): Attendance {
    return this.attendance;
  }

  participantList(): Participant[] {
    return this.participants;
  }

  surveyList(): SurveyState[] {
    return this.surveys;
  }

  certificateList(): CertificateState[] {
    return this.certificates;
  }

  register(command: RegisterParticipantsCommand, now: Date): number {
    const added = newRegistrations(this.view(), command);
    for (const participant of added) {
      this.participants.push({
        ...participant,
        email: normaliseEmail(participant.email),
        registeredAt: now.toISOString(),
        convocationSent: false,
      });
    }
    return this.change(command.actor, 'participants.registered', now, {
      participantIds: added.map((participant) => participant.participantId),
    });
  }

  remove(command: RemoveParticipantCommand, now: Date): number {
    this.participants = this.participants.filter(
      (participant) => participant.participantId !== command.participantId,
    );
    return this.change(command.actor, 'participant.removed', now, { participantId: command.participantId });
  }

  convocationSent(participantId: string, now: Date): void {
    const participant = this.participants.find((candidate) => candidate.participantId === participantId);
    if (!participant) return;
    participant.convocationSent = true;
    this.change(SYSTEM_ACTOR, 'convocation.sent', now, { participantId });
  }

  attendanceSheetGenerated(documentId: string): void {
    this.attendanceSheetDocumentId = documentId;
    this.version += 1;
  }

  recordAttendance(command: RecordAttendanceCommand, now: Date): number {
    this.attendance.presence = clone(command.presence);
    this.attendance.recordedAt = now.toISOString();
    if (this.attendance.status === 'pending') this.attendance.status = 'recorded';
    return this.change(command.actor, 'attendance.recorded', now, { presence: command.presence });
  }

  /** The image is stored by the API under `signatureId`; the workflow keeps who signed what, when. */
  signHalfDay(command: SignHalfDayCommand, now: Date): number {
    this.attendance.signing.signatures.push({
      halfDayIndex: command.halfDayIndex,
      participantId: command.participantId,
      signatureId: command.signatureId,
      signedAt: command.signedAt,
      device: command.device,
    });
    return this.change(
      { subject: command.participantId, role: 'participant' },
      'attendance.halfDaySigned',
      now,
      {
        halfDayIndex: command.halfDayIndex,
        participantId: command.participantId,
        signatureId: command.signatureId,
        device: command.device,
      },
    );
  }

  countersign(command: CountersignCommand, now: Date): number {
    this.attendance.signing.countersignatures.push(clone(command));
    return this.change(
      { subject: command.facilitatorId, role: 'facilitator' },
      'attendance.halfDayCountersigned',
      now,
      { halfDayIndex: command.halfDayIndex, signatureId: command.signatureId },
    );
  }

  /** Every signed half-day is countersigned after the end: presence now follows from the signatures. */
  completeSigning(now: Date): void {
    this.attendance.presence = presenceFromSignatures(
      this.attendance.halfDays,
      this.participants.map((participant) => participant.participantId),
      this.attendance.signing,
    );
    this.attendance.recordedAt = now.toISOString();
    this.attendance.status = 'signed';
    this.change(SYSTEM_ACTOR, 'attendance.signed', now, { presence: this.attendance.presence });
  }

  attendanceFollowUp(step: 'reminder' | 'escalation', now: Date): void {
    if (step === 'reminder') this.attendance.reminderSent = true;
    else this.attendance.escalationSent = true;
    this.change(SYSTEM_ACTOR, `attendance.${step}Sent`, now, {});
  }

  signedSheetUploaded(command: SignedSheetCommand, now: Date): number {
    this.attendance.signedSheetDocumentId = command.documentId;
    this.attendance.status = 'sheet_uploaded';
    this.attendance.nonComplianceReason = null;
    return this.change(command.actor, 'attendance.sheetUploaded', now, { documentId: command.documentId });
  }

  sheetVerdict(command: SheetVerdictCommand, now: Date): number {
    this.attendance.status = command.compliant ? 'compliant' : 'non_compliant';
    this.attendance.nonComplianceReason = command.compliant ? null : (command.reason ?? null);
    // A sheet judged compliant again backs the certificates it had backed.
    if (command.compliant) for (const certificate of this.certificates) delete certificate.flag;
    return this.change(
      command.actor,
      command.compliant ? 'attendance.compliant' : 'attendance.nonCompliant',
      now,
      {
        reason: command.reason ?? null,
      },
    );
  }

  /** Flags the sent certificates a sheet just judged non-compliant had backed; returns them. */
  flagCertificatesOfNonCompliantSheet(statusBefore: AttendanceStatus, now: Date): CertificateState[] {
    const flagged = certificatesBackedBySheet(statusBefore, this.certificates);
    if (flagged.length === 0) return [];
    for (const certificate of flagged) certificate.flag = 'non_compliant_sheet';
    this.change(SYSTEM_ACTOR, 'certificate.flagged', now, {
      flag: 'non_compliant_sheet',
      participantIds: flagged.map((certificate) => certificate.participantId),
    });
    return flagged;
  }

  certificateIssued(participantId: string, hours: number, documentId: string, now: Date): void {
    this.certificates.push({ participantId, hoursAttended: hours, documentId, sentAt: now.toISOString() });
    this.change(SYSTEM_ACTOR, 'certificate.sent', now, { participantId, hours, documentId });
  }

  certificateFailed(participantId: string, hours: number, now: Date): void {
    this.certificates.push({ participantId, hoursAttended: hours, documentId: null, sentAt: null });
    this.change(SYSTEM_ACTOR, 'certificate.failed', now, { participantId, hours });
  }

  surveySent(participantId: string, kind: SurveyKind, now: Date): void {
    this.surveys.push({
      participantId,
      kind,
      sentAt: now.toISOString(),
      reminderSent: false,
      answeredAt: null,
    });
    this.change(SYSTEM_ACTOR, `survey.${kind}Sent`, now, { participantId });
  }

  surveyReminderSent(participantId: string, kind: SurveyKind, now: Date): void {
    const found = this.surveys.find(
      (candidate) => candidate.participantId === participantId && candidate.kind === kind,
    );
    if (!found) return;
    found.reminderSent = true;
    this.change(SYSTEM_ACTOR, `survey.${kind}ReminderSent`, now, { participantId });
  }

  /** Signals may arrive twice: answering twice changes nothing. */
  surveyAnswered(participantId: string, kind: SurveyKind, now: Date): void {
    const found = this.surveys.find(
      (candidate) => candidate.participantId === participantId && candidate.kind === kind,
    );
    if (!found || found.answeredAt) return;
    found.answeredAt = now.toISOString();
    this.version += 1;
  }

  assessmentSent(participantId: string, answerBy: Date, now: Date): void {
    this.assessments.push({
      participantId,
      sentAt: now.toISOString(),
      answerBy: answerBy.toISOString(),
      answeredAt: null,
      attestationDocumentId: null,
      attestationIssuedAt: null,
    });
    this.change(SYSTEM_ACTOR, 'assessment.sent', now, { participantId });
  }

  /** Signals may arrive twice, or after the deadline's attestation: only the first answer in time counts. */
  assessmentAnswered(participantId: string, now: Date): void {
    const found = this.assessments.find((candidate) => candidate.participantId === participantId);
    if (!found || found.answeredAt || found.attestationIssuedAt) return;
    found.answeredAt = now.toISOString();
    this.version += 1;
  }

  /** `documentId` null: the attestation could not be built; recorded so it is not retried in a loop. */
  attestationIssued(participantId: string, documentId: string | null, now: Date): void {
    const found = this.assessments.find((candidate) => candidate.participantId === participantId);
    if (!found) return;
    found.attestationDocumentId = documentId;
    found.attestationIssuedAt = now.toISOString();
    this.change(SYSTEM_ACTOR, documentId ? 'attestation.sent' : 'attestation.failed', now, {
      participantId,
      ...(documentId ? { documentId } : {}),
    });
  }

  transition(status: Session['status'], reason: string | null = null): void {
    this.session.status = status;
    if (reason) this.session.cancellationReason = reason;
    if (status === 'cancelled') {
      for (const invitation of this.invitations) if (holdsSlot(invitation)) invitation.status = 'withdrawn';
    }
    this.version += 1;
  }

  invite(command: InviteFacilitatorCommand, now: Date, validityMs: number): number {
    this.invitations.push({
      invitationId: command.invitationId,
      facilitator: clone(command.facilitator),
      status: 'pending',
      facilitatorStatus: command.facilitatorStatus,
      sentAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + validityMs).toISOString(),
      reminderSent: false,
      respondedAt: null,
      approval: 'not_needed',
      duringWorkingTime: null,
    });
    return this.change(command.actor, 'facilitator.invited', now, {
      invitationId: command.invitationId,
      facilitatorId: command.facilitator.id,
      facilitatorStatus: command.facilitatorStatus,
    });
  }

  respond(command: RespondToInvitationCommand, now: Date): number {
    const invitation = this.invitation(command.invitationId);
    const actor: Actor = { subject: invitation.facilitator.id, role: 'facilitator' };
    invitation.respondedAt = now.toISOString();
    if (command.response === 'decline') {
      invitation.status = 'declined';
      return this.change(actor, 'invitation.declined', now, { invitationId: invitation.invitationId });
    }
    invitation.status = 'accepted';
    invitation.duringWorkingTime = command.duringWorkingTime ?? null;
    invitation.approval = needsManagerApproval(invitation) ? 'pending' : 'not_needed';
    return this.change(actor, 'invitation.accepted', now, {
      invitationId: invitation.invitationId,
      duringWorkingTime: invitation.duringWorkingTime,
      approval: invitation.approval,
    });
  }

  reminderSent(invitationId: string, now: Date): void {
    this.invitation(invitationId).reminderSent = true;
    this.change(SYSTEM_ACTOR, 'invitation.reminderSent', now, { invitationId });
  }

  expire(invitationId: string, now: Date): void {
    this.invitation(invitationId).status = 'expired';
    this.change(SYSTEM_ACTOR, 'invitation.expired', now, { invitationId });
  }

  withdraw(invitationId: string, now: Date): number {
    const invitation = this.invitation(invitationId);
    invitation.status = 'withdrawn';
    if (invitation.approval === 'pending') invitation.approval = 'not_needed';
    return this.change(
      { subject: invitation.facilitator.id, role: 'facilitator' },
      'invitation.withdrawn',
      now,
      { invitationId },
    );
  }

  managerDecided(
    invitationId: string,
    approved: boolean,
    automatic: boolean,
    now: Date,
    note?: string,
    silenceRule?: SilenceRule,
  ): boolean {
    const invitation = this.invitation(invitationId);
    if (invitation.approval !== 'pending') return false;
    invitation.approval = approved ? 'approved' : 'refused';
    if (note) invitation.approvalNote = note;
    if (silenceRule) invitation.approvalRule = clone(silenceRule);
    if (!approved) invitation.status = 'refused_by_manager';
    this.change(SYSTEM_ACTOR, approved ? 'approval.granted' : 'approval.refused', now, {
      invitationId,
      automatic,
      ...(silenceRule ? { silenceRule } : {}),
    });
    return true;
  }

  /** The message's words stay in the e-mail log and the workflow's history; the audit names who and how many. */
  messageSent(command: SendSessionMessageCommand, recipients: number, now: Date): number {
    return this.change(command.actor, 'message.sent', now, {
      messageId: command.messageId,
      audience: command.audience,
      recipients,
    });
  }

  changeStatus(command: ChangeFacilitatorStatusCommand, now: Date): number {
    for (const invitation of this.invitations) {
      if (holdsSlot(invitation) && invitation.facilitator.id === command.facilitatorId)
        invitation.facilitatorStatus = command.status;
    }
    return this.change(command.actor, 'facilitator.statusChanged', now, {
      facilitatorId: command.facilitatorId,
      status: command.status,
    });
  }

  private change(actor: AuditActor, action: string, now: Date, details: Record<string, unknown>): number {
    this.version += 1;
    this.pendingAudit.push({
      sequence: this.version,
      action,
      actor,
      occurredAt: now.toISOString(),
      details: { sessionId: this.session.sessionId, ...clone(details) },
    });
    return this.version;
  }
}
