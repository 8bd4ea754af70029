/**
 * Every duration the mission process waits for, in one place with the defaults users expect
 * (DESIGN.md §5). Tests and drills pass shorter ones; durations are configuration, not code.
 */
export interface MissionPolicy {
  /** Planning reminder to the coordinator, this many days before the mission's end date. */
  planningReminderDaysBeforeEnd: number;
  /** Escalation to staff when sessions remain unplanned, this many days before the end date. */
  planningEscalationDaysBeforeEnd: number;
  /** Wall-clock time (Europe/Paris) at which day-based reminders go out. */
  reminderTimeOfDay: string;
  /**
   * History length at which the mission continues as new even before the server suggests it,
   * keeping replays fast for missions that live a year.
   */
  continueAsNewAfterEvents: number;
  /** Reminder to the coordinator this many days after the last session, if payouts remain unrequested. */
  closureReminderDaysAfterLastSession: number;
  /**
   * The shortest session that can be planned: certificates show hours to the quarter hour, so a
   * shorter one would give its participants 0 hours and no certificate.
   */
  minimumSessionMinutes: number;
}

export const DEFAULT_MISSION_POLICY: MissionPolicy = {
  planningReminderDaysBeforeEnd: 30,
  planningEscalationDaysBeforeEnd: 14,
  reminderTimeOfDay: '09:00',
  continueAsNewAfterEvents: 4000,
  closureReminderDaysAfterLastSession: 14,
  minimumSessionMinutes: 15,
};

/** How long a provider's payout waits for what it needs (their own invoice, when not self-billed). */
export interface PayoutPolicy {
  supplierInvoiceReminderEvery: string;
  supplierInvoiceStaffAlertAfter: string;
}

export const DEFAULT_PAYOUT_POLICY: PayoutPolicy = {
  supplierInvoiceReminderEvery: '7 days',
  supplierInvoiceStaffAlertAfter: '30 days',
};

/**
 * What silence means when a manager has not answered by the escalation deadline: each client
 * chooses (client settings); `managerSilence` below is the default for clients who have not.
 */
export const MANAGER_SILENCE_OUTCOMES = ['wait', 'approve', 'refuse'] as const;
export type ManagerSilenceOutcome = (typeof MANAGER_SILENCE_OUTCOMES)[number];

export interface SessionPolicy {
  invitationValidity: string;
  invitationReminderAfter: string;
  approvalReminderAfter: string;
  approvalEscalationAfter: string;
  /** Escalate earlier when the session is this close. */
  approvalEscalationBeforeSession: string;
  managerSilence: ManagerSilenceOutcome;
  /** Convocations go out this long before the start (at once when registering later). */
  convocationBefore: string;
  attendanceReminderAfterEnd: string;
  attendanceEscalationAfterEnd: string;
  surveyReminderAfter: string;
  /** Trainings only: the cold survey, to participants who were present. */
  coldSurveyAfterEnd: string;
  fundingReminderDaysBefore: number[];
  fundingEscalationDaysBefore: number;
  /** With still no decision this many days before, staff are told the client is billed in full. */
  fundingNoticeDaysBefore: number;
  /** Facilitators' compliance is checked again against the directory this long before the start. */
  complianceRecheckBefore: string;
  /** Participants may still sign a half-day this long after it ends (late arrivals, a slow phone). */
  signingGraceAfterHalfDay: string;
  /**
   * The facilitator's signing link stays valid this long after the session ends: countersigning
   * late must still work past the 24 h reminder and the 72 h escalation to staff.
   */
  signingLinkValidityAfterEnd: string;
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
  coldSurveyAfterEnd: '90 days',
  fundingReminderDaysBefore: [21, 14],
  fundingEscalationDaysBefore: 7,
  fundingNoticeDaysBefore: 1,
  complianceRecheckBefore: '3 days',
  signingGraceAfterHalfDay: '30 minutes',
  signingLinkValidityAfterEnd: '14 days',
};
