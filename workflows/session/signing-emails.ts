import type { EmailLink, EmailRequest } from '../messages/email.ts';
import type { SessionView } from '../messages/session.ts';
import type { SessionMissionContext } from '../messages/staffing.ts';
import type { SessionPolicy } from '../policy.ts';
import { msOf } from '../rules/durations.ts';
import { uncountersignedHalfDays } from '../rules/signing.ts';
import { sessionEmailData } from './emails.ts';
import { facilitatorsByRole } from './facts.ts';

/**
 * The facilitator's signing link: not single-use (it is opened for every half-day), and valid
 * well past the end so that a late countersignature still works after the reminders.
 */
export function signingLink(view: SessionView, policy: SessionPolicy): EmailLink {
  return {
    purpose: 'attendanceSigning',
    subjectId: view.sessionId,
    sessionId: view.sessionId,
    expiresAt: new Date(Date.parse(view.endsAt) + msOf(policy.signingLinkValidityAfterEnd)).toISOString(),
  };
}

/** The lead facilitator signs the session in; the coordinator, when nobody leads it. */
function signingHolder(mission: SessionMissionContext, view: SessionView) {
  const lead = facilitatorsByRole(view)[0];
  return lead
    ? { email: lead.facilitator.email, name: lead.facilitator.name }
    : { email: mission.coordinator.email, name: mission.coordinator.name };
}

export function signingLinkEmail(
  mission: SessionMissionContext,
  view: SessionView,
  policy: SessionPolicy,
): EmailRequest {
  const recipient = signingHolder(mission, view);
  return {
    template: 'attendanceSigningLink',
    to: recipient,
    language: view.language,
    // Keyed by the start: a session that moved before starting gets its link for the new date.
    idempotencyKey: `${view.sessionId}:signing-link:${view.startsAt}`,
    missionId: mission.missionId,
    sessionId: view.sessionId,
    data: {
      ...sessionEmailData(mission, view),
      recipientName: recipient.name,
      halfDays: view.attendance.halfDays.length,
    },
    link: signingLink(view, policy),
  };
}

/**
 * In place of the attendance reminder when participants signed: the lead facilitator and the
 * coordinator hear which half-days still await a countersignature, with the signing link.
 */
export function countersignatureReminderEmails(
  mission: SessionMissionContext,
  view: SessionView,
  policy: SessionPolicy,
): EmailRequest[] {
  const lead = signingHolder(mission, view);
  const recipients = [
    { email: mission.coordinator.email, name: mission.coordinator.name },
    ...(lead.email === mission.coordinator.email ? [] : [lead]),
  ];
  const halfDays = uncountersignedHalfDays(view.attendance.signing).flatMap((index) => {
    const halfDay = view.attendance.halfDays[index];
    return halfDay ? [{ date: halfDay.date, period: halfDay.period }] : [];
  });
  return recipients.map((recipient) => ({
    template: 'countersignatureReminder',
    to: recipient,
    language: view.language,
    idempotencyKey: `${view.sessionId}:countersignature-reminder:${recipient.email}`,
    missionId: mission.missionId,
    sessionId: view.sessionId,
    data: { ...sessionEmailData(mission, view), recipientName: recipient.name, halfDays },
    link: signingLink(view, policy),
  }));
}
