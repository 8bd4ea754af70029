import type {
  AttendanceSheetData,
  CertificateData,
  EndOfTrainingAttestationData,
} from '../messages/documents.ts';
import type { FundingState, ProposalData } from '../messages/funding.ts';
import type { Participant } from '../messages/participants.ts';
import type { SessionView } from '../messages/session.ts';
import type { SessionMissionContext } from '../messages/staffing.ts';
import { hoursPlanned } from '../rules/attendance.ts';
import type { CertificateFunding } from '../rules/certificates.ts';
import { zonedDate } from '../rules/zoned-time.ts';
import { sessionEmailData } from './emails.ts';

export function attendanceSheetData(mission: SessionMissionContext, view: SessionView): AttendanceSheetData {
  const { signing } = view.attendance;
  return {
    missionId: mission.missionId,
    missionTitle: mission.title,
    clientName: mission.clientName,
    sessionId: view.sessionId,
    sessionTitle: view.title,
    kind: view.kind,
    offer: view.offer ?? null,
    place: sessionEmailData(mission, view).place,
    timeZone: view.timeZone,
    facilitators: view.invitations
      .filter((invitation) => invitation.status === 'accepted')
      .map((invitation) => ({ name: invitation.facilitator.name })),
    halfDays: view.attendance.halfDays,
    participants: view.participants.map(({ participantId, firstName, lastName, email }) => ({
      participantId,
      firstName,
      lastName,
      email,
    })),
    funding: certificateFunding(view.funding),
    ...(signing.signatures.length > 0 || signing.countersignatures.length > 0
      ? {
          signing: {
            signatures: signing.signatures.map(({ halfDayIndex, participantId, signatureId, signedAt }) => ({
              halfDayIndex,
              participantId,
              signatureId,
              signedAt,
            })),
            countersignatures: signing.countersignatures.map(
              ({ halfDayIndex, facilitatorName, signatureId, signedAt }) => ({
                halfDayIndex,
                facilitatorName,
                signatureId,
                signedAt,
              }),
            ),
          },
        }
      : {}),
  };
}

/** The ministry's certificate for one participant: the hours they actually attended. */
export function certificateData(
  mission: SessionMissionContext,
  view: SessionView,
  participant: Participant,
  hours: number,
  issuedAt: Date,
): CertificateData {
  return {
    missionId: mission.missionId,
    sessionId: view.sessionId,
    participantId: participant.participantId,
    participant: { firstName: participant.firstName, lastName: participant.lastName },
    clientName: mission.clientName,
    actionTitle: view.title,
    offer: view.offer ?? null,
    actionNature: 'action de formation',
    sessionKind: view.kind,
    funding: certificateFunding(view.funding),
    from: zonedDate(new Date(view.startsAt), view.timeZone),
    to: zonedDate(new Date(view.endsAt), view.timeZone),
    hoursAttended: hours,
    hoursPlanned: hoursPlanned(view.attendance.halfDays),
    issuedOn: zonedDate(issuedAt, view.timeZone),
  };
}

/**
 * One trainee's attestation de fin de formation: the hours their certificate states (what the
 * signatures or the confirmed sheet back), the offer version the session delivers; the activity
 * reads the objectives and the trainee's answers when it builds it.
 */
export function endOfTrainingAttestationData(
  mission: SessionMissionContext,
  view: SessionView,
  participant: Participant,
  hours: number,
  answerBy: string,
  issuedAt: Date,
): EndOfTrainingAttestationData {
  return {
    missionId: mission.missionId,
    sessionId: view.sessionId,
    participantId: participant.participantId,
    participant: { firstName: participant.firstName, lastName: participant.lastName },
    actionTitle: view.title,
    sessionKind: view.kind,
    offer: view.offer ?? null,
    from: zonedDate(new Date(view.startsAt), view.timeZone),
    to: zonedDate(new Date(view.endsAt), view.timeZone),
    hoursAttended: hours,
    hoursPlanned: hoursPlanned(view.attendance.halfDays),
    answerBy: zonedDate(new Date(answerBy), view.timeZone),
    issuedOn: zonedDate(issuedAt, view.timeZone),
  };
}

/** A refused funding funds nothing: the certificate then names no funder and no agreement. */
function certificateFunding(funding: FundingState): CertificateFunding | null {
  const { request, decision } = funding;
  if (!request) return null;
  return {
    kind: decision?.outcome === 'refused' ? 'client' : request.kind,
    clientType: request.client.type,
    employer: request.client.type === 'company' ? request.client.companyName : null,
    agreementNumber: (decision && 'agreementNumber' in decision && decision.agreementNumber) || null,
  };
}

/** Quote, agreement and programme for the session's funding request. */
export function proposalData(
  mission: SessionMissionContext,
  view: SessionView,
  number: string,
  issuedAt: Date,
): ProposalData {
  const request = view.funding.request;
  if (!request) throw new Error('proposal without a funding request: validators must run first');
  const expensesCents = request.expenses.reduce((sum, expense) => sum + expense.amountCents, 0);
  return {
    missionId: mission.missionId,
    sessionId: view.sessionId,
    proposalNumber: number,
    issuedOn: zonedDate(issuedAt, view.timeZone),
    funding: request,
    training: {
      title: view.title,
      startsAt: view.startsAt,
      endsAt: view.endsAt,
      timeZone: view.timeZone,
      place: sessionEmailData(mission, view).place,
      hours: hoursPlanned(view.attendance.halfDays),
      capacity: view.capacity,
      halfDays: view.attendance.halfDays,
    },
    pricing: {
      unitPriceCents: mission.unitPriceCents,
      expensesCents,
      totalCents: mission.unitPriceCents + expensesCents,
    },
    coordinatorName: mission.coordinator.name,
    offer: view.offer ?? null,
  };
}
