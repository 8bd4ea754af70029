/**
 * What a participant's certificate may claim, decided from the session and its funding alone
 * (there is no training catalogue yet, so the session's kind stands for the action's nature).
 */
import type { AttendanceStatus, SessionKind } from '../messages/domain.ts';
import type { FundingKind, FundingRequest } from '../messages/funding.ts';
import type { CertificateState } from '../messages/participants.ts';

/**
 * A training is an action concourant au développement des compétences (Code du travail
 * L6313-1): it gets the ministry's "certificat de réalisation" (arrêté du 21 décembre 2018,
 * L6353-1 al. 2). A workshop is not one: claiming it was would hand a funder a proof for an
 * action it cannot fund, so it gets a plain attestation de participation.
 */
export type CertificateNature = 'certificate_of_completion' | 'attendance_attestation';

export function certificateNature(kind: SessionKind): CertificateNature {
  return kind === 'training' ? 'certificate_of_completion' : 'attendance_attestation';
}

/** The funding a certificate mentions: who funds, the kind of client, the funder's agreement. */
export interface CertificateFunding {
  kind: FundingKind;
  clientType: FundingRequest['client']['type'];
  /** The company's name when the client is a company. */
  employer: string | null;
  agreementNumber: string | null;
}

/** Who the learner is to the action: the line under their name. */
export type LearnerStatus =
  | { kind: 'employee'; employer: string }
  | { kind: 'job_seeker' }
  | { kind: 'independent' }
  | { kind: 'none' };

/**
 * Only a company's staff trained on its plan (OPCO or the company paying) are its employees on
 * the certificate. A CPF learner acts for themselves (L6323-2), a France Travail learner is a
 * job seeker, FIFPL and AGEFICE fund independent workers; without funding details (workshops,
 * education) nothing says who employs the participant.
 */
export function learnerStatus(funding: CertificateFunding | null | undefined): LearnerStatus {
  if (!funding) return { kind: 'none' };
  switch (funding.kind) {
    case 'opco':
    case 'client':
      if (funding.clientType === 'company' && funding.employer)
        return { kind: 'employee', employer: funding.employer };
      return funding.clientType === 'independent' ? { kind: 'independent' } : { kind: 'none' };
    case 'france_travail':
      return { kind: 'job_seeker' };
    case 'fifpl':
    case 'agefice':
      return { kind: 'independent' };
    case 'cpf':
      return { kind: 'none' };
  }
}

/** The funder as a certificate names it; null when the client pays, as no third party funds it. */
export function funderLabel(kind: FundingKind): string | null {
  const labels: Record<FundingKind, string | null> = {
    opco: 'OPCO',
    cpf: 'CPF (Mon Compte Formation)',
    france_travail: 'France Travail',
    fifpl: 'FIFPL',
    agefice: 'AGEFICE',
    client: null,
  };
  return labels[kind];
}

/**
 * The sent certificates a sheet judged non-compliant had backed: on the paper path (or before
 * certificates waited for proof) every one; on the signed path none, signatures back them.
 */
export function certificatesBackedBySheet(
  attendanceStatusBefore: AttendanceStatus,
  certificates: CertificateState[],
): CertificateState[] {
  if (attendanceStatusBefore === 'signed') return [];
  return certificates.filter((certificate) => certificate.sentAt !== null && !certificate.flag);
}

/**
 * The certificate promises to keep its proof "3 ans à compter de la fin de l'année du dernier
 * paiement" (the ministry's model): the text and the stored document's retention both read this.
 */
export const CERTIFICATE_PROOF_RETENTION_YEARS = 3;

/**
 * The last day a certificate issued on `issuedOn` (YYYY-MM-DD) is kept: the end of its year,
 * plus the years the certificate states. The store does not know the last payment: counted from
 * the year of issue, a funder paying in a later year is the one case this falls short of.
 */
export function certificateRetainUntil(issuedOn: string, years = CERTIFICATE_PROOF_RETENTION_YEARS): string {
  return `${Number(issuedOn.slice(0, 4)) + years}-12-31`;
}
