/**
 * Documents the workflows ask for. Building (docx) and storing (Postgres, with checksum and
 * version) happen in activities/documents; a workflow only names what it needs.
 */

import type { CertificateFunding } from '../rules/certificates.ts';
import type { HalfDay, OfferRef, SessionKind } from './domain.ts';
import type { ProposalData } from './funding.ts';

export const DOCUMENT_KINDS = [
  'attendanceSheet',
  'certificate',
  'endOfTrainingAttestation',
  'signedAttendanceSheet',
  'quote',
  'agreement',
  'trainingContract',
  'programme',
  'clientInvoice',
  'selfBillingInvoice',
  'supplierInvoice',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export interface AttendanceSheetData {
  missionId: string;
  missionTitle: string;
  clientName: string;
  sessionId: string;
  sessionTitle: string;
  kind: 'workshop' | 'training';
  /** The catalogue version the session delivers; null or absent (before the catalogue): the starter offer. */
  offer?: OfferRef | null;
  place: string;
  timeZone: string;
  facilitators: { name: string }[];
  halfDays: HalfDay[];
  participants: { participantId: string; firstName: string; lastName: string; email: string }[];
  /** Who funds the training and under which agreement: funders match the sheet to their file. */
  funding?: CertificateFunding | null;
  /**
   * Digital signing: who signed which half-day (index into `halfDays`) and when, and each
   * half-day's countersignature. The images are read from Postgres by signature id when building.
   */
  signing?: {
    signatures: { halfDayIndex: number; participantId: string; signatureId: string; signedAt: string }[];
    countersignatures: {
      halfDayIndex: number;
      facilitatorName: string;
      signatureId: string;
      signedAt: string;
    }[];
  };
}

/**
 * The French ministry's "certificat de réalisation": who did which action, when, for how long.
 * The organisation that certifies, its signatory and city are the settings in force when the
 * activity builds it, so that no workflow history holds them (issue #15).
 */
export interface CertificateData {
  missionId: string;
  sessionId: string;
  participantId: string;
  participant: { firstName: string; lastName: string };
  clientName: string;
  actionTitle: string;
  /** The catalogue version the session delivers; null or absent (before the catalogue): the starter offer. */
  offer?: OfferRef | null;
  /** The ministry model's box, printed on a training's certificate only. */
  actionNature: string;
  /** Decides the document's nature (workflows/rules/certificates.ts); absent before: a training. */
  sessionKind?: SessionKind;
  /** Who funds the training and under which agreement; absent when nothing says (workshops). */
  funding?: CertificateFunding | null;
  from: string;
  to: string;
  hoursAttended: number;
  hoursPlanned: number;
  issuedOn: string;
}

/**
 * The attestation de fin de formation (Code du travail L6353-1 al. 2) of one trainee. The
 * objectives and assessment method are the catalogue offer's version the session delivers, and
 * the trainee's answers are read from Postgres, both when the activity builds it: no history
 * holds them.
 */
export interface EndOfTrainingAttestationData {
  missionId: string;
  sessionId: string;
  participantId: string;
  participant: { firstName: string; lastName: string };
  actionTitle: string;
  sessionKind: SessionKind;
  /** The offer version the session delivers; null: the install's starter offer of its kind. */
  offer: OfferRef | null;
  from: string;
  to: string;
  /** The hours the trainee's signed half-days (or the confirmed sheet) back. */
  hoursAttended: number;
  hoursPlanned: number;
  /** YYYY-MM-DD: the day the assessment link expired, printed when the trainee did not answer. */
  answerBy: string;
  issuedOn: string;
}

export type DocumentRequest =
  | { kind: 'attendanceSheet'; data: AttendanceSheetData }
  | { kind: 'certificate'; data: CertificateData }
  | { kind: 'endOfTrainingAttestation'; data: EndOfTrainingAttestationData }
  | { kind: 'quote'; data: ProposalData }
  | { kind: 'agreement'; data: ProposalData }
  | { kind: 'trainingContract'; data: ProposalData }
  | { kind: 'programme'; data: ProposalData };

export interface StoredDocument {
  documentId: string;
  kind: DocumentKind;
  /** 1 for the first document of its key, then +1 each time it is regenerated with other content. */
  version: number;
  filename: string;
  contentType: string;
  byteSize: number;
  /** sha256 of the bytes, hex. */
  checksum: string;
}
