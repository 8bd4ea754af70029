/**
 * Compliance with the association's training-organisation rules ("conforme OF"): a facilitator
 * takes part in a session only with a valid training-provider registration number ("déclaration
 * d'activité") and a compliance check that has not lapsed. It is checked again before each
 * session, so the rule takes the date it must hold on rather than reading a stored flag.
 */
import { addDays } from './calendar.ts';
import { conflict, invalid, type Violation } from './violation.ts';

/** What the rule reads of a facilitator; workflows carry this copy from the directory. */
export interface FacilitatorCompliance {
  trainingProviderNumber: string | null;
  /** YYYY-MM-DD of the last compliance check. */
  complianceCheckedOn: string | null;
  /** YYYY-MM-DD, the last day the check is valid (inclusive). */
  compliantUntil: string | null;
}

/** A déclaration d'activité number is 11 digits (2 for the region, then the registration). */
export const TRAINING_PROVIDER_NUMBER_PATTERN = '^[0-9]{11}$';
const trainingProviderNumber = new RegExp(TRAINING_PROVIDER_NUMBER_PATTERN);

/** People read dates the French way (23/11/2026); the rules compute with YYYY-MM-DD. */
const frenchDate = (date: string): string => date.split('-').reverse().join('/');

/**
 * Why the facilitator is not compliant on `onDate` (YYYY-MM-DD), or null when they are.
 * `today` only chooses the wording: a lapse before `onDate` but after today is announced as
 * coming, not as past. Without it, `onDate` is taken as today.
 */
export function checkCompliance(
  facilitator: FacilitatorCompliance,
  onDate: string,
  today: string = onDate,
): Violation | null {
  const number = facilitator.trainingProviderNumber?.trim() ?? '';
  if (number === '') {
    return conflict(
      'FACILITATOR_NOT_COMPLIANT',
      "No training-provider registration number (déclaration d'activité) is on file for this facilitator.",
    );
  }
  if (!trainingProviderNumber.test(number)) {
    return conflict(
      'FACILITATOR_NOT_COMPLIANT',
      `The training-provider registration number ${number} is not valid: a déclaration d'activité number has 11 digits.`,
    );
  }
  const { complianceCheckedOn, compliantUntil } = facilitator;
  if (complianceCheckedOn === null || compliantUntil === null) {
    return conflict('FACILITATOR_NOT_COMPLIANT', "This facilitator's compliance has never been checked.");
  }
  if (compliantUntil >= onDate) return null;
  const lapsesOn = frenchDate(addDays(compliantUntil, 1));
  if (compliantUntil < today) {
    return conflict(
      'FACILITATOR_NOT_COMPLIANT',
      `This facilitator's compliance lapsed on ${lapsesOn} (checked on ${frenchDate(complianceCheckedOn)}, valid until ${frenchDate(compliantUntil)}): a new compliance check is needed.`,
    );
  }
  return conflict(
    'FACILITATOR_NOT_COMPLIANT',
    `This facilitator's compliance lapses on ${lapsesOn}, before the session's date (${frenchDate(onDate)}): a new compliance check is needed first.`,
  );
}

/** A compliance check is dated, is not in the future, and lapses no earlier than it was made. */
export function checkComplianceDates(
  facilitator: Pick<FacilitatorCompliance, 'complianceCheckedOn' | 'compliantUntil'>,
  today: string,
): Violation | null {
  const { complianceCheckedOn, compliantUntil } = facilitator;
  if ((complianceCheckedOn === null) !== (compliantUntil === null)) {
    return invalid(
      'COMPLIANCE_DATES_INCOMPLETE',
      'Give both the date of the compliance check and the date it is valid until, or neither.',
    );
  }
  if (complianceCheckedOn !== null && complianceCheckedOn > today) {
    return invalid(
      'COMPLIANCE_CHECK_IN_FUTURE',
      `A compliance check cannot be dated in the future (${frenchDate(complianceCheckedOn)}).`,
    );
  }
  if (complianceCheckedOn !== null && compliantUntil !== null && compliantUntil < complianceCheckedOn) {
    return invalid(
      'COMPLIANCE_DATES_REVERSED',
      `A compliance check made on ${frenchDate(complianceCheckedOn)} cannot lapse before it (${frenchDate(compliantUntil)}).`,
    );
  }
  return null;
}

/**
 * Who, among the facilitators counting on a session, is no longer compliant on its last day,
 * from the directory's current facts (DESIGN.md §5: checked again before each session).
 */
export function complianceIssues(
  facilitators: { id: string; name: string }[],
  current: Record<string, FacilitatorCompliance | null>,
  sessionLastDay: string,
  today: string,
): { facilitatorId: string; name: string; reason: string }[] {
  return facilitators.flatMap((facilitator) => {
    const facts = current[facilitator.id];
    const violation = facts
      ? checkCompliance(facts, sessionLastDay, today)
      : { message: 'This facilitator is no longer in the directory.' };
    return violation
      ? [{ facilitatorId: facilitator.id, name: facilitator.name, reason: violation.message }]
      : [];
  });
}
