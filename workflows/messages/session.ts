/**
 * The session child workflow's contract: what the mission workflow starts it with, the state it
 * answers with, and every update that answers with that state. The feature modules (staffing,
 * participants, funding, signing) hold the commands and the parts of the state; the updates live
 * here because they return the whole of it.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { SessionPolicy } from '../policy.ts';
import type { Actor } from './actor.ts';
import type { OfferRef, Session } from './domain.ts';
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
export const sessionStateQuery = defineQuery<SessionView>('sessionState');

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
