/**
 * What a session does by itself for its participants, and when: convocations 7 days before (at
 * once for late registrations), attendance reminder 24 h and escalation 72 h after the end (for
 * digitally signed sessions, while half-days await their countersignature), certificates and hot
 * surveys once attendance is proven after the end, the cold survey 90 days after a training, one
 * reminder per survey; after a training's certificate, its end-of-training assessment, and the
 * attestation de fin de formation once answered or at the assessment's deadline.
 */
import type { SurveyKind } from '../messages/participants.ts';
import type { SessionView } from '../messages/session.ts';
import type { SessionPolicy } from '../policy.ts';
import { hoursAttended } from './attendance.ts';
import { msOf } from './durations.ts';
import { attendanceProven } from './signing.ts';

export type FollowUpStep =
  | { step: 'convocation'; participantId: string }
  | { step: 'attendanceReminder' }
  | { step: 'attendanceEscalation' }
  | { step: 'certificate'; participantId: string; hours: number }
  | { step: 'coldSurvey'; participantId: string }
  | { step: 'surveyReminder'; participantId: string; kind: SurveyKind }
  | { step: 'assessment'; participantId: string }
  | { step: 'attestation'; participantId: string; hours: number };

interface Scheduled {
  at: number;
  step: FollowUpStep;
}

/** Participants present for at least one half-day, with their hours. */
export function presentParticipants(view: SessionView): { participantId: string; hours: number }[] {
  return view.attendance.presence
    .map((entry) => ({
      participantId: entry.participantId,
      hours: hoursAttended(view.attendance.halfDays, entry.halfDays),
    }))
    .filter(
      (entry) =>
        entry.hours > 0 &&
        view.participants.some((participant) => participant.participantId === entry.participantId),
    );
}

/**
 * `certificatesAwaitProof`: certificates, hot and cold surveys wait for a proven attendance (a
 * compliant paper sheet, or countersigned signatures) instead of any recorded presence. Sessions
 * started before that rule keep sending them as soon as presence is recorded.
 */
export interface FollowUpOptions {
  certificatesAwaitProof: boolean;
  /** The consistency check found documents that disagree: certificates wait (issue #19). */
  certificatesHeld?: boolean;
  /**
   * Training actions' end-of-training assessment and attestation (Code du travail L6353-1);
   * sessions started before them send neither.
   */
  endOfTrainingAssessment?: boolean;
}

const LEGACY: FollowUpOptions = { certificatesAwaitProof: false };

function schedule(view: SessionView, policy: SessionPolicy, options: FollowUpOptions): Scheduled[] {
  const steps: Scheduled[] = [];
  const start = Date.parse(view.startsAt);
  const end = Date.parse(view.endsAt);
  if (view.status === 'cancelled') return steps;
  if (view.status === 'planned') {
    for (const participant of view.participants) {
      if (participant.convocationSent) continue;
      const at = Math.max(Date.parse(participant.registeredAt), start - msOf(policy.convocationBefore));
      steps.push({ at, step: { step: 'convocation', participantId: participant.participantId } });
    }
  }
  if (view.attendance.status === 'pending') {
    if (!view.attendance.reminderSent)
      steps.push({ at: end + msOf(policy.attendanceReminderAfterEnd), step: { step: 'attendanceReminder' } });
    if (!view.attendance.escalationSent) {
      steps.push({
        at: end + msOf(policy.attendanceEscalationAfterEnd),
        step: { step: 'attendanceEscalation' },
      });
    }
  } else if (!options.certificatesAwaitProof || attendanceProven(view.attendance.status)) {
    const recordedAt = Date.parse(view.attendance.recordedAt ?? view.endsAt);
    for (const { participantId, hours } of presentParticipants(view)) {
      if (
        !options.certificatesHeld &&
        !view.certificates.some((certificate) => certificate.participantId === participantId)
      ) {
        steps.push({ at: Math.max(end, recordedAt), step: { step: 'certificate', participantId, hours } });
      }
      const coldSent = view.surveys.some(
        (survey) => survey.participantId === participantId && survey.kind === 'cold',
      );
      if (view.kind === 'training' && !coldSent) {
        steps.push({
          at: end + msOf(policy.coldSurveyAfterEnd),
          step: { step: 'coldSurvey', participantId },
        });
      }
    }
  }
  if (options.endOfTrainingAssessment && view.kind === 'training') steps.push(...assessmentSteps(view));
  for (const survey of view.surveys) {
    if (!survey.answeredAt && !survey.reminderSent) {
      steps.push({
        at: Date.parse(survey.sentAt) + msOf(policy.surveyReminderAfter),
        step: { step: 'surveyReminder', participantId: survey.participantId, kind: survey.kind },
      });
    }
  }
  return steps;
}

/**
 * A trainee whose certificate went out is asked for the assessment at once; their attestation is
 * due when they answer, or at the deadline. A certificate no proof backs any more (flagged) asks
 * for nothing new: staff decide first.
 */
function assessmentSteps(view: SessionView): Scheduled[] {
  const steps: Scheduled[] = [];
  const assessments = view.assessments ?? [];
  for (const certificate of view.certificates) {
    if (!certificate.documentId || !certificate.sentAt || certificate.flag) continue;
    const { participantId } = certificate;
    if (!view.participants.some((participant) => participant.participantId === participantId)) continue;
    const assessment = assessments.find((candidate) => candidate.participantId === participantId);
    if (!assessment)
      steps.push({ at: Date.parse(certificate.sentAt), step: { step: 'assessment', participantId } });
    else if (!assessment.attestationIssuedAt)
      steps.push({
        at: Date.parse(assessment.answeredAt ?? assessment.answerBy),
        step: { step: 'attestation', participantId, hours: certificate.hoursAttended },
      });
  }
  return steps;
}

export function dueFollowUps(
  view: SessionView,
  policy: SessionPolicy,
  now: Date,
  options: FollowUpOptions = LEGACY,
): FollowUpStep[] {
  return schedule(view, policy, options)
    .filter((scheduled) => scheduled.at <= now.getTime())
    .map((scheduled) => scheduled.step);
}

export function nextFollowUpAt(
  view: SessionView,
  policy: SessionPolicy,
  options: FollowUpOptions = LEGACY,
): number | null {
  const times = schedule(view, policy, options).map((scheduled) => scheduled.at);
  return times.length > 0 ? Math.min(...times) : null;
}

/** A session is done once it ended with a final attendance verdict and nothing is left to send. */
export function sessionIsDone(
  view: SessionView,
  policy: SessionPolicy,
  options: FollowUpOptions = LEGACY,
): boolean {
  if (view.status === 'cancelled') return true;
  // Once certificates wait for proof, a non-compliant sheet is not final: a new signed sheet,
  // once confirmed, still lets them go out.
  const final =
    attendanceProven(view.attendance.status) ||
    (!options.certificatesAwaitProof && view.attendance.status === 'non_compliant');
  return view.status === 'ended' && final && nextFollowUpAt(view, policy, options) === null;
}
