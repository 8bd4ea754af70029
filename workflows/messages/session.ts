/**
 * The session child workflow's contract: what the mission workflow starts it with, the state it
 * answers with, and every update that answers with that state. The feature modules (staffing,
 * participants, funding, signing) hold the commands and the parts of the state; the updates live
 * here because they return the whole of it.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { SessionPolicy } from '../policy.ts';
import type { AuditHoldFinding } from '../rules/audit-consistency.ts';
import type { Actor } from './actor.ts';
import type { OfferRef, Session, SessionStatus } from './domain.ts';
import type { EmailRequest } from './email.ts';
import type { FundingState, SetFundingCommand } from './funding.ts';
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
  SurveyState,
} from './participants.ts';
import type { SessionFacts } from './payouts.ts';
import type { CountersignCommand, SignHalfDayCommand } from './signing.ts';
import type {
  ChangeFacilitatorStatusCommand,
  ComplianceRecheck,
  Invitation,
  InviteFacilitatorCommand,
  RespondToInvitationCommand,
  SessionMissionContext,
  Slots,
  WithdrawCommand,
} from './staffing.ts';

export const SESSION_WORKFLOW_TYPE = 'sessionWorkflow';

export const sessionWorkflowId = (sessionId: string): string => `session-${sessionId}`;

export interface SessionWorkflowInput {
  mission: SessionMissionContext;
  session: Session;
  policy?: Partial<SessionPolicy>;
}

/** `offer`: the session now delivers this catalogue version (only the mission sends one). */
export const sessionRescheduledSignal =
  defineSignal<[{ startsAt: string; endsAt: string; offer?: OfferRef }]>('sessionRescheduled');
export const sessionCancelledSignal = defineSignal<[{ reason: string }]>('sessionCancelled');
export const sessionStateQuery = defineQuery<SessionStateAnswer>('sessionState');

export interface SessionView extends Session {
  missionId: string;
  slots: Slots;
  invitations: Invitation[];
  participants: Participant[];
  attendance: Attendance;
  certificates: CertificateState[];
  surveys: SurveyState[];
  /** End-of-training assessments and attestations (training actions; absent before them). */
  assessments?: AssessmentState[];
  /** The latest attendance sheet generated for the current participants. */
  attendanceSheetDocumentId: string | null;
  funding: FundingState;
  complianceRecheck: ComplianceRecheck;
}

/**
 * What the session owes others, queued by its state as it applies a message and carried out by
 * the workflow's loop: e-mails, documents, children to start or signal, reports to the mission.
 */
export type SessionEffect =
  | { kind: 'email'; email: EmailRequest }
  | { kind: 'reportStatus'; status: SessionStatus }
  | { kind: 'startApproval'; invitationId: string }
  | { kind: 'moveChildren' }
  | { kind: 'withdrawApproval'; invitationId: string }
  | { kind: 'sendProposal' }
  | { kind: 'withdrawFunding' }
  | { kind: 'reportFunding'; awaiting: boolean }
  | { kind: 'buildAttendanceSheet' };

/** Behaviours a session has or lacks by when it started (each follows a patch in workflows/patches.ts). */
export interface SessionFeatures {
  /**
   * Started since SESSION_BASELINE: every feature here, and every patch checked later in the
   * session's life (on cancellation, a sheet's verdict, an approval, a move, a proposal) in force.
   */
  baseline: boolean;
  reportsFacts: boolean;
  rechecksCompliance: boolean;
  sendsSigningLink: boolean;
  certificatesAwaitProof: boolean;
  endOfTrainingAssessment: boolean;
  auditsBeforeCertificates: boolean;
  waitsForLastWindow: boolean;
  leanCommands: boolean;
  keepsWakeTimer: boolean;
}

/** Documents that disagree hold the certificates until they agree or staff release them (issue #19). */
export interface AuditHold {
  findings: AuditHoldFinding[];
  checkedAt: number;
  /** The findings staff were last told of, so a change tells them again and a repeat does not. */
  told: string;
}

/** What the session workflow keeps besides the view: its queued effects and its bookkeeping. */
export interface SessionWorkings {
  effects: SessionEffect[];
  /** Something changed the timers: the loop looks again before sleeping. */
  woken: boolean;
  features: SessionFeatures;
  /** The funding decision workflow was started (once per session). */
  fundingStarted: boolean;
  auditHold: AuditHold | null;
  auditReleased: boolean;
  /** The facts last reported to the mission, so only a change is reported. */
  reportedFacts: SessionFacts | null;
  /** The state's version, the version the read model holds, and audit events not yet written. */
  projection: { version: number; projected: number; auditPending: number };
}

/** The session's query: the view its updates answer with, and what the workflow keeps besides. */
export interface SessionStateAnswer extends SessionView {
  workings: SessionWorkings;
}

export const inviteFacilitatorUpdate = defineUpdate<SessionView, [InviteFacilitatorCommand]>(
  'inviteFacilitator',
);
export const respondToInvitationUpdate = defineUpdate<SessionView, [RespondToInvitationCommand]>(
  'respondToInvitation',
);
export const changeFacilitatorStatusUpdate = defineUpdate<SessionView, [ChangeFacilitatorStatusCommand]>(
  'changeFacilitatorStatus',
);
export const withdrawFromSessionUpdate = defineUpdate<SessionView, [WithdrawCommand]>('withdrawFromSession');

export const registerParticipantsUpdate = defineUpdate<SessionView, [RegisterParticipantsCommand]>(
  'registerParticipants',
);
export const removeParticipantUpdate = defineUpdate<SessionView, [RemoveParticipantCommand]>(
  'removeParticipant',
);
export const recordAttendanceUpdate = defineUpdate<SessionView, [RecordAttendanceCommand]>(
  'recordAttendance',
);
export const signedSheetUploadedUpdate = defineUpdate<SessionView, [SignedSheetCommand]>(
  'signedSheetUploaded',
);
export const sheetVerdictUpdate = defineUpdate<SessionView, [SheetVerdictCommand]>('sheetVerdict');

export const setFundingUpdate = defineUpdate<SessionView, [SetFundingCommand]>('setFunding');
export const sendProposalUpdate = defineUpdate<SessionView, [{ actor: Actor }]>('sendProposal');
export const keepAfterRefusalUpdate = defineUpdate<SessionView, [{ actor: Actor }]>('keepAfterRefusal');

export const signHalfDayUpdate = defineUpdate<SessionView, [SignHalfDayCommand]>('signHalfDay');
export const countersignHalfDayUpdate = defineUpdate<SessionView, [CountersignCommand]>('countersignHalfDay');

/** Staff release certificates the consistency check held back, with why (issue #19). */
export interface ReleaseAuditHoldCommand {
  actor: Actor;
  reason: string;
}
export const releaseAuditHoldUpdate = defineUpdate<SessionView, [ReleaseAuditHoldCommand]>(
  'releaseAuditHold',
);
