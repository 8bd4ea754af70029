/**
 * A session's audit facts from what the read model holds: its row, its projected file and the
 * mission's documents. The consistency rule (workflows/rules/audit-consistency.ts) then decides.
 */
import type { AuditDocumentRecord, SessionFileRecord } from '../../db/queries/audit-facts.ts';
import type { SessionRecord } from '../../db/queries/missions.ts';
import { DOCUMENT_KINDS } from '../../workflows/messages/documents.ts';
import type { FundingKind } from '../../workflows/messages/funding.ts';
import { FUNDING_KINDS } from '../../workflows/messages/funding.ts';
import { hoursAttended, hoursPlanned } from '../../workflows/rules/attendance.ts';
import type { SessionAuditFacts } from '../../workflows/rules/audit-consistency.ts';
import { zonedDate } from '../../workflows/rules/zoned-time.ts';

const PROVEN = ['compliant', 'signed'];

/** The attestation de fin de formation is required once the service issues it (issue #15). */
const END_OF_TRAINING_KIND = 'endOfTrainingAttestation';
const issuesEndOfTraining = (DOCUMENT_KINDS as readonly string[]).includes(END_OF_TRAINING_KIND);

function fundingKind(file: SessionFileRecord | undefined): FundingKind | null {
  const kind = file?.funding?.request?.kind;
  if (!kind) return null;
  // A refused funding funds nothing: the client pays, under the agreement it signed.
  if (file?.funding?.decision?.outcome === 'refused') return 'client';
  return (FUNDING_KINDS as readonly string[]).includes(kind) ? (kind as FundingKind) : null;
}

export function sessionAuditFacts(
  session: SessionRecord,
  file: SessionFileRecord | undefined,
  documents: readonly AuditDocumentRecord[],
): SessionAuditFacts {
  const attendance = file?.attendance ?? null;
  const proven = attendance !== null && PROVEN.includes(attendance.status);
  const halfDays = attendance?.halfDays ?? [];
  return {
    sessionId: session.sessionId,
    kind: session.kind,
    title: session.title,
    from: zonedDate(new Date(session.startsAt), session.timeZone),
    to: zonedDate(new Date(session.endsAt), session.timeZone),
    status: session.status,
    plannedHours: hoursPlanned(halfDays),
    funding: fundingKind(file),
    participants: (file?.participants ?? []).map((participant) => {
      const presence = attendance?.presence.find(
        (entry) => entry.participantId === participant.participantId,
      );
      return {
        participantId: participant.participantId,
        name: `${participant.firstName} ${participant.lastName}`,
        convocationSent: participant.convocationSent,
        positioningAnswered: (file?.positioningAnswered ?? []).includes(participant.participantId),
        backedHours: proven ? hoursAttended(halfDays, presence?.halfDays ?? []) : null,
      };
    }),
    attendanceProof: proven
      ? (attendance?.signing?.signatures.length ?? 0) > 0
        ? 'signatures'
        : 'signedSheet'
      : null,
    certificates: file?.certificates ?? [],
    surveysSent: (file?.surveys ?? []).map(({ participantId, kind }) => ({ participantId, kind })),
    emailsSent: file?.emailsSent ?? 0,
    ...(issuesEndOfTraining ? { endOfTrainingKind: END_OF_TRAINING_KIND } : {}),
    documents: documents
      .filter((document) => document.sessionId === session.sessionId)
      .map((document) => ({
        documentId: document.documentId,
        kind: document.kind,
        version: document.version,
        participantId: document.participantId,
        claims: document.claims && {
          ...(document.claims.title !== null ? { title: document.claims.title } : {}),
          ...(document.claims.from !== null ? { from: document.claims.from } : {}),
          ...(document.claims.to !== null ? { to: document.claims.to } : {}),
          ...(document.claims.hours !== null ? { hours: document.claims.hours } : {}),
        },
      })),
  };
}
