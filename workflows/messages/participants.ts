/**
 * Participants of a session, their convocations, attendance per half-day, certificates and
 * satisfaction surveys. Commands go to the session's own workflow.
 */
import { defineSignal } from '@temporalio/workflow';
import type { PresenceEntry } from '../rules/attendance.ts';
import type { Actor } from './actor.ts';
import type { AttendanceStatus, HalfDay } from './domain.ts';
import type { Signing } from './signing.ts';

export interface NewParticipant {
  email: string;
  firstName: string;
  lastName: string;
}

export interface Participant extends NewParticipant {
  participantId: string;
  registeredAt: string;
  convocationSent: boolean;
}

export interface Attendance {
  status: AttendanceStatus;
  halfDays: HalfDay[];
  presence: PresenceEntry[];
  recordedAt: string | null;
  signedSheetDocumentId: string | null;
  nonComplianceReason: string | null;
  reminderSent: boolean;
  escalationSent: boolean;
  signing: Signing;
}

export type SurveyKind = 'hot' | 'cold';

export interface SurveyState {
  participantId: string;
  kind: SurveyKind;
  sentAt: string;
  reminderSent: boolean;
  answeredAt: string | null;
}

export interface CertificateState {
  participantId: string;
  hoursAttended: number;
  documentId: string | null;
  sentAt: string | null;
  /**
   * Set when staff judged the paper sheet behind it non-compliant after it was sent: the hours
   * it claims are no longer backed, and staff decide what to do with it (absent before).
   */
  flag?: 'non_compliant_sheet';
}

export interface RegisterParticipantsCommand {
  actor: Actor;
  participants: (NewParticipant & { participantId: string })[];
}

export interface RemoveParticipantCommand {
  actor: Actor;
  participantId: string;
}

export interface RecordAttendanceCommand {
  actor: Actor;
  presence: PresenceEntry[];
}

export interface SignedSheetCommand {
  actor: Actor;
  documentId: string;
}

export interface SheetVerdictCommand {
  actor: Actor;
  compliant: boolean;
  reason?: string;
}

/** A participant answered a survey (stored by the API); the reminder is then not sent. */
export const surveyAnsweredSignal =
  defineSignal<[{ participantId: string; kind: SurveyKind }]>('surveyAnswered');

/**
 * A trainee's end-of-training assessment and the attestation de fin de formation it leads to
 * (Code du travail L6353-1): asked once the training's attendance is proven, the attestation
 * issued when they answer or, without an answer, at `answerBy` with its results "non évalué".
 */
export interface AssessmentState {
  participantId: string;
  sentAt: string;
  answerBy: string;
  answeredAt: string | null;
  /** Null until issued, and when it could not be built (staff see the failure on the session). */
  attestationDocumentId: string | null;
  attestationIssuedAt: string | null;
}

/** A trainee answered their end-of-training assessment (stored by the API): the attestation is due. */
export const assessmentAnsweredSignal = defineSignal<[{ participantId: string }]>(
  'endOfTrainingAssessmentAnswered',
);
