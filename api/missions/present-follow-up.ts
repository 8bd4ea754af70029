import type { SessionFollowUpRecord } from '../../db/queries/session-staffing.ts';
import type { Signing } from '../../workflows/messages/signing.ts';
import { halfDaysOf, hoursAttended, type Timed } from '../../workflows/rules/attendance.ts';

/** A session's participants and attendance as the API shows them; an untouched session is empty. */
export function presentFollowUp(
  session: Timed & { sessionId: string },
  record: SessionFollowUpRecord | null,
) {
  const sessionId = session.sessionId;
  const attendance = record?.attendance ?? null;
  // Before the session workflow's first projection, the half-days follow from the session's times.
  const halfDays = attendance?.halfDays ?? halfDaysOf(session);
  // Sessions projected before digital signing existed carry no signing.
  const signing = (attendance as { signing?: Signing } | null)?.signing;
  const signedBy = (participantId: string) =>
    halfDays.map((_, index) =>
      Boolean(
        signing?.signatures.some(
          (signature) => signature.participantId === participantId && signature.halfDayIndex === index,
        ),
      ),
    );
  const sentCertificate = (participantId: string) =>
    (record?.certificates ?? []).find(
      (certificate) => certificate.participantId === participantId && certificate.sentAt !== null,
    );
  const assessmentOf = (participantId: string) => {
    const found = record?.assessments.find((assessment) => assessment.participantId === participantId);
    if (!found) return null;
    const attestation = !found.attestationIssuedAt
      ? 'pending'
      : found.attestationDocumentId
        ? 'sent'
        : 'failed';
    return { answerBy: found.answerBy, answeredAt: found.answeredAt, attestation } as const;
  };
  return {
    sessionId,
    participants: (record?.participants ?? []).map((participant) => {
      const presence = attendance?.presence.find(
        (entry) => entry.participantId === participant.participantId,
      );
      return {
        id: participant.participantId,
        email: participant.email,
        firstName: participant.firstName,
        lastName: participant.lastName,
        registeredAt: participant.registeredAt,
        convocationSent: participant.convocationSent,
        certificateSent: sentCertificate(participant.participantId) !== undefined,
        certificateFlag: sentCertificate(participant.participantId)?.flag ?? null,
        hoursAttended: presence ? hoursAttended(halfDays, presence.halfDays) : null,
        signedHalfDays: signedBy(participant.participantId),
        assessment: assessmentOf(participant.participantId),
      };
    }),
    attendance: {
      status: attendance?.status ?? 'pending',
      halfDays,
      recordedAt: attendance?.recordedAt ?? null,
      nonComplianceReason: attendance?.nonComplianceReason ?? null,
      attendanceSheetAvailable: Boolean(record?.attendanceSheetDocumentId),
      signedSheetUploaded: Boolean(attendance?.signedSheetDocumentId),
      countersignedHalfDays: (signing?.countersignatures ?? [])
        .map((countersignature) => countersignature.halfDayIndex)
        .sort((a, b) => a - b),
    },
  };
}
