/**
 * A duration as the SDK writes and reads it ('7 days', '30 minutes'): a part of the SDK's own
 * `Duration` grammar, so every value here is one `sleep()` or a timeout takes. Not that type
 * itself: it comes from the `ms` package, whose types TypeScript cannot find under its `exports`,
 * so in this project the SDK's `Duration` is `any` and would check nothing.
 */
export type Duration = `${number} ${DurationUnit}`;
type DurationUnit =
  | 'ms'
  | 'millisecond'
  | 'milliseconds'
  | 'second'
  | 'seconds'
  | 'minute'
  | 'minutes'
  | 'hour'
  | 'hours'
  | 'day'
  | 'days'
  | 'week'
  | 'weeks';

/**
 * Every duration the mission process waits for, and every limit it enforces, in one place with
 * the defaults users expect (DESIGN.md §5). Tests and drills pass shorter ones; durations are
 * configuration, not code.
 *
 * Durations are `Duration` strings ('7 days', '30 minutes'), read with `msOf`. The mission's
 * `…Days…` fields are not durations but counts of calendar days in Europe/Paris: a reminder due
 * "30 days before the end date" goes out at `reminderTimeOfDay` on that date, which a duration
 * counted back from an instant would miss by an hour across a change of summer time. The
 * session's funding `…Days…` fields are counts of days too, for the reasons given there.
 *
 * Workflows receive their policy in their input, so the recorded histories hold these shapes:
 * a field renamed here must still be read under its old name (see `missionPolicyOf`).
 */
export interface MissionPolicy {
  /** Planning reminder to the coordinator, this many calendar days before the mission's end date. */
  planningReminderDaysBeforeEnd: number;
  /** Escalation to staff when sessions remain unplanned, this many calendar days before the end date. */
  planningEscalationDaysBeforeEnd: number;
  /** Wall-clock time (Europe/Paris) at which day-based reminders go out. */
  reminderTimeOfDay: string;
  /**
   * History length at which the mission continues as new even before the server suggests it,
   * keeping replays fast for missions that live a year.
   */
  continueAsNewAfterEvents: number;
  /** Reminder to the coordinator this many calendar days after the last session, if payouts remain unrequested. */
  closureReminderDaysAfterLastSession: number;
  /**
   * The shortest session that can be planned: certificates show hours to the quarter hour, so a
   * shorter one would give its participants 0 hours and no certificate.
   */
  minimumSessionLength: Duration;
  /** The longest session that can be planned: a longer event is planned as several sessions. */
  maximumSessionLength: Duration;
}

export const DEFAULT_MISSION_POLICY: MissionPolicy = {
  planningReminderDaysBeforeEnd: 30,
  planningEscalationDaysBeforeEnd: 14,
  reminderTimeOfDay: '09:00',
  continueAsNewAfterEvents: 4000,
  closureReminderDaysAfterLastSession: 14,
  minimumSessionLength: '15 minutes',
  maximumSessionLength: '14 days',
};

/** A mission's policy as its input recorded it: before durations, the minimum was a number of minutes. */
export type RecordedMissionPolicy = Partial<MissionPolicy> & { minimumSessionMinutes?: number };

/** The mission's policy from its input, whichever shape the input was recorded in. */
export function missionPolicyOf(recorded: RecordedMissionPolicy | undefined): MissionPolicy {
  const { minimumSessionMinutes, ...policy } = recorded ?? {};
  return {
    ...DEFAULT_MISSION_POLICY,
    ...(minimumSessionMinutes === undefined
      ? {}
      : { minimumSessionLength: `${minimumSessionMinutes} minutes` }),
    ...policy,
  };
}

/** How long a provider's payout waits for what it needs (their own invoice, when not self-billed). */
export interface PayoutPolicy {
  supplierInvoiceReminderEvery: Duration;
  supplierInvoiceStaffAlertAfter: Duration;
  /** How long the upload link in an invoice request stays valid; each reminder carries a new one. */
  uploadLinkValidity: Duration;
}

export const DEFAULT_PAYOUT_POLICY: PayoutPolicy = {
  supplierInvoiceReminderEvery: '7 days',
  supplierInvoiceStaffAlertAfter: '30 days',
  uploadLinkValidity: '30 days',
};

/**
 * What silence means when a manager has not answered by the escalation deadline: each client
 * chooses (client settings); `managerSilence` below is the default for clients who have not.
 */
export const MANAGER_SILENCE_OUTCOMES = ['wait', 'approve', 'refuse'] as const;
export type ManagerSilenceOutcome = (typeof MANAGER_SILENCE_OUTCOMES)[number];

export interface SessionPolicy {
  invitationValidity: Duration;
  invitationReminderAfter: Duration;
  approvalReminderAfter: Duration;
  approvalEscalationAfter: Duration;
  /** Escalate earlier when the session is this close. */
  approvalEscalationBeforeSession: Duration;
  managerSilence: ManagerSilenceOutcome;
  /** Convocations go out this long before the start (at once when registering later). */
  convocationBefore: Duration;
  attendanceReminderAfterEnd: Duration;
  attendanceEscalationAfterEnd: Duration;
  surveyReminderAfter: Duration;
  /** Survey links stay valid this long: long enough for a late answer, short enough to expire. */
  surveyLinkValidity: Duration;
  /** Trainings only: the cold survey, to participants who were present. */
  coldSurveyAfterEnd: Duration;
  /** How often held-back certificates' documents are checked again (issue #19). */
  auditRecheckEvery: Duration;
  /**
   * Training actions only: how long a trainee has to answer the end-of-training assessment; at
   * its end their attestation de fin de formation goes out with its results "non évalué". Long
   * enough for someone back at work, short enough that the attestation follows the training.
   */
  assessmentAnswerWithin: Duration;
  /**
   * Reminders to the client this many days before a training's start. Counts of days rather than
   * durations: the e-mails say "D-21", each reminder's idempotency key is its count, and the
   * funding workflow's recorded inputs carry them so.
   */
  fundingReminderDaysBefore: number[];
  /** Escalation to staff this many days before the start (a count of days, as above). */
  fundingEscalationDaysBefore: number;
  /** With still no decision this many days before, staff are told the client is billed in full. */
  fundingNoticeDaysBefore: number;
  /** Facilitators' compliance is checked again against the directory this long before the start. */
  complianceRecheckBefore: Duration;
  /** Participants may still sign a half-day this long after it ends (late arrivals, a slow phone). */
  signingGraceAfterHalfDay: Duration;
  /**
   * The facilitator's signing link stays valid this long after the session ends: countersigning
   * late must still work past the 24 h reminder and the 72 h escalation to staff.
   */
  signingLinkValidityAfterEnd: Duration;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = {
  invitationValidity: '7 days',
  invitationReminderAfter: '3 days',
  approvalReminderAfter: '2 days',
  approvalEscalationAfter: '5 days',
  approvalEscalationBeforeSession: '3 days',
  managerSilence: 'wait',
  convocationBefore: '7 days',
  attendanceReminderAfterEnd: '24 hours',
  attendanceEscalationAfterEnd: '72 hours',
  surveyReminderAfter: '3 days',
  surveyLinkValidity: '30 days',
  coldSurveyAfterEnd: '90 days',
  auditRecheckEvery: '1 day',
  assessmentAnswerWithin: '14 days',
  fundingReminderDaysBefore: [21, 14],
  fundingEscalationDaysBefore: 7,
  fundingNoticeDaysBefore: 1,
  complianceRecheckBefore: '3 days',
  signingGraceAfterHalfDay: '30 minutes',
  signingLinkValidityAfterEnd: '14 days',
};
