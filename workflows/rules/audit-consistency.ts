/**
 * What an auditor checks in a session's file (an OPCO's contrôle de service fait, R6332-26; a
 * Qualiopi audit): every required piece is there, and the hours, title and dates agree across the
 * agreement, the programme, the attendance proof, the certificates and the invoice lines
 * (DESIGN.md §5: "a mismatch is reported before anything is sent"). Pure: the facts are read by
 * an activity or the API, this decides. Each finding says what is wrong, in which documents, and
 * how to fix it, in French and in English.
 */
import type { Actor } from '../messages/actor.ts';
import type { DocumentRequest } from '../messages/documents.ts';
import type { FundingKind } from '../messages/funding.ts';
import { conflict, forbidden, invalid, type Violation } from './violation.ts';

/** What a document said when it was built; null for documents built before claims were recorded. */
export interface DocumentClaims {
  title?: string;
  /** YYYY-MM-DD in the session's time zone. */
  from?: string;
  to?: string;
  hours?: number;
}

export interface AuditDocument {
  documentId: string;
  /** A kind of the documents table, including kinds this rule does not know yet. */
  kind: string;
  version: number;
  participantId: string | null;
  claims: DocumentClaims | null;
}

export interface SessionAuditFacts {
  sessionId: string;
  kind: 'workshop' | 'training';
  title: string;
  from: string;
  to: string;
  status: 'planned' | 'running' | 'ended' | 'cancelled';
  /** Hours of the session's half-days, as the agreement and programme should state them. */
  plannedHours: number;
  /** Who pays: null when no funding was set (a workshop paid under the mission's order). */
  funding: FundingKind | null;
  participants: {
    participantId: string;
    name: string;
    convocationSent: boolean;
    positioningAnswered: boolean;
    /** Hours a signature or a sheet confirmed compliant backs; null while attendance is not proven. */
    backedHours: number | null;
  }[];
  /** How attendance is proven: null while it is not. */
  attendanceProof: 'signatures' | 'signedSheet' | null;
  certificates: {
    participantId: string;
    hoursAttended: number;
    documentId: string | null;
    flag?: string;
  }[];
  surveysSent: { participantId: string; kind: 'hot' | 'cold' }[];
  emailsSent: number;
  documents: AuditDocument[];
  /**
   * The kind of the end-of-training assessment's document (the attestation de fin de formation)
   * a training must have, once the service issues one; absent where it does not.
   */
  endOfTrainingKind?: string;
}

/** When the check runs: before certificates go out, pieces that come with them are not missing yet. */
export type AuditStage = 'beforeCertificates' | 'final';

export type FindingCode =
  | 'AGREEMENT_MISSING'
  | 'PROGRAMME_MISSING'
  | 'CONVOCATION_MISSING'
  | 'POSITIONING_MISSING'
  | 'ATTENDANCE_PROOF_MISSING'
  | 'CERTIFICATE_MISSING'
  | 'SURVEY_MISSING'
  | 'END_OF_TRAINING_MISSING'
  | 'EMAILS_MISSING'
  | 'HOURS_MISMATCH'
  | 'CERTIFICATE_HOURS_UNBACKED'
  | 'TITLE_MISMATCH'
  | 'DATES_MISMATCH';

export interface Text {
  fr: string;
  en: string;
}

export interface Finding {
  code: FindingCode;
  /** A mismatch stops certificates and payouts; a missing piece is listed for staff to complete. */
  severity: 'mismatch' | 'missing';
  sessionId: string;
  documentIds: string[];
  participantIds: string[];
  problem: Text;
  fix: Text;
}

/** Kinds that state what the buyer agreed to (the agreement, or the contract for a person). */
const AGREEMENT_KINDS = ['agreement', 'contract', 'trainingContract'];
const INVOICE_KINDS = /invoice/i;
/** The certificate's own kind is checked against the attendance proof, not as a generic claim. */
const CERTIFICATE_KIND = 'certificate';

/** How the findings name a document, in each language; a kind added later shows as itself. */
const KIND_NAMES: Record<string, Text> = {
  quote: { fr: 'Le devis', en: 'The quote' },
  agreement: { fr: 'La convention', en: 'The agreement' },
  contract: { fr: 'Le contrat de formation', en: 'The training contract' },
  programme: { fr: 'Le programme', en: 'The programme' },
  attendanceSheet: { fr: 'La feuille d’émargement', en: 'The attendance sheet' },
  clientInvoice: { fr: 'La facture au client', en: 'The invoice to the client' },
  funderInvoice: { fr: 'La facture au financeur', en: 'The invoice to the funder' },
};
const nameOf = (document: AuditDocument, language: 'fr' | 'en') =>
  `${KIND_NAMES[document.kind]?.[language] ?? document.kind} (v${document.version})`;

/** 20/12/2026, as French documents write dates; English keeps the unambiguous ISO form. */
const frenchDate = (date: string | undefined) => (date ?? '').split('-').reverse().join('/');

const hours = (value: number, language: 'fr' | 'en') =>
  language === 'fr' ? `${String(value).replace('.', ',')} h` : `${value} h`;

/** Only the latest version of each document speaks for it: older versions were replaced. */
function latestDocuments(documents: AuditDocument[]): AuditDocument[] {
  const latest = new Map<string, AuditDocument>();
  for (const document of documents) {
    const key = `${document.kind}/${document.participantId ?? ''}`;
    const known = latest.get(key);
    if (!known || known.version < document.version) latest.set(key, document);
  }
  return [...latest.values()];
}

function missing(
  facts: SessionAuditFacts,
  code: FindingCode,
  problem: Text,
  fix: Text,
  ids: string[] = [],
): Finding {
  return {
    code,
    severity: 'missing',
    sessionId: facts.sessionId,
    documentIds: [],
    participantIds: ids,
    problem,
    fix,
  };
}

function requiredPieces(facts: SessionAuditFacts, documents: AuditDocument[], stage: AuditStage): Finding[] {
  const findings: Finding[] = [];
  const has = (kinds: string[]) => documents.some((document) => kinds.includes(document.kind));
  const training = facts.kind === 'training';
  // A person using their CPF signs the platform's terms, not an agreement (DESIGN.md §5).
  if (training && facts.funding !== null && facts.funding !== 'cpf' && !has(AGREEMENT_KINDS))
    findings.push(
      missing(
        facts,
        'AGREEMENT_MISSING',
        { fr: 'Aucune convention ni contrat de formation.', en: 'No training agreement or contract.' },
        {
          fr: 'Envoyer la proposition (devis, convention, programme) depuis l’onglet financement.',
          en: 'Send the proposal (quote, agreement, programme) from the funding tab.',
        },
      ),
    );
  if (training && facts.funding !== null && !has(['programme']))
    findings.push(
      missing(
        facts,
        'PROGRAMME_MISSING',
        { fr: 'Aucun programme de formation.', en: 'No training programme.' },
        {
          fr: 'Envoyer la proposition pour produire le programme.',
          en: 'Send the proposal to produce the programme.',
        },
      ),
    );
  const unconvoked = facts.participants.filter((participant) => !participant.convocationSent);
  if (unconvoked.length > 0)
    findings.push(
      missing(
        facts,
        'CONVOCATION_MISSING',
        {
          fr: `Convocation non envoyée : ${unconvoked.map((p) => p.name).join(', ')}.`,
          en: `Convocation not sent: ${unconvoked.map((p) => p.name).join(', ')}.`,
        },
        {
          fr: 'Les convocations partent 7 jours avant la session ; inscrire les participants avant son début.',
          en: 'Convocations go 7 days before the session; register participants before it starts.',
        },
        unconvoked.map((p) => p.participantId),
      ),
    );
  const unpositioned = training ? facts.participants.filter((p) => !p.positioningAnswered) : [];
  if (unpositioned.length > 0)
    findings.push(
      missing(
        facts,
        'POSITIONING_MISSING',
        {
          fr: `Test de positionnement sans réponse : ${unpositioned.map((p) => p.name).join(', ')}.`,
          en: `Positioning test not answered: ${unpositioned.map((p) => p.name).join(', ')}.`,
        },
        {
          fr: 'Relancer les participants pour qu’ils répondent au test de positionnement de leur convocation.',
          en: 'Ask the participants to answer the positioning test linked in their convocation.',
        },
        unpositioned.map((p) => p.participantId),
      ),
    );
  if (facts.status === 'ended' && facts.attendanceProof === null)
    findings.push(
      missing(
        facts,
        'ATTENDANCE_PROOF_MISSING',
        {
          fr: 'Aucune preuve de présence : ni signatures contresignées, ni feuille signée jugée conforme.',
          en: 'No attendance proof: neither countersigned signatures nor a signed sheet judged compliant.',
        },
        {
          fr: 'Téléverser la feuille d’émargement signée, puis la faire valider par l’équipe.',
          en: 'Upload the signed attendance sheet, then have staff confirm it.',
        },
      ),
    );
  if (stage === 'final') {
    const present = facts.participants.filter((p) => (p.backedHours ?? 0) > 0);
    const uncertified = present.filter(
      (p) => !facts.certificates.some((c) => c.participantId === p.participantId && c.documentId !== null),
    );
    if (uncertified.length > 0)
      findings.push(
        missing(
          facts,
          'CERTIFICATE_MISSING',
          {
            fr: `Certificat absent : ${uncertified.map((p) => p.name).join(', ')}.`,
            en: `Certificate missing: ${uncertified.map((p) => p.name).join(', ')}.`,
          },
          {
            fr: 'Les certificats partent une fois la présence prouvée ; vérifier la feuille ou les signatures.',
            en: 'Certificates go once attendance is proven; check the sheet or the signatures.',
          },
          uncertified.map((p) => p.participantId),
        ),
      );
    const unsurveyed = present.filter(
      (p) => !facts.surveysSent.some((s) => s.participantId === p.participantId && s.kind === 'hot'),
    );
    if (unsurveyed.length > 0)
      findings.push(
        missing(
          facts,
          'SURVEY_MISSING',
          {
            fr: `Questionnaire de satisfaction non envoyé : ${unsurveyed.map((p) => p.name).join(', ')}.`,
            en: `Satisfaction survey not sent: ${unsurveyed.map((p) => p.name).join(', ')}.`,
          },
          {
            fr: 'Le questionnaire part avec le certificat : il suit la résolution du certificat.',
            en: 'The survey goes with the certificate: it follows once the certificate is issued.',
          },
          unsurveyed.map((p) => p.participantId),
        ),
      );
    const endKind = facts.endOfTrainingKind;
    const unassessed =
      training && endKind !== undefined
        ? present.filter(
            (p) => !documents.some((d) => d.kind === endKind && d.participantId === p.participantId),
          )
        : [];
    if (unassessed.length > 0)
      findings.push(
        missing(
          facts,
          'END_OF_TRAINING_MISSING',
          {
            fr: `Évaluation de fin de formation absente : ${unassessed.map((p) => p.name).join(', ')}.`,
            en: `End-of-training assessment missing: ${unassessed.map((p) => p.name).join(', ')}.`,
          },
          {
            fr: 'Faire remplir l’évaluation de fin de formation pour produire l’attestation.',
            en: 'Have the end-of-training assessment filled in to produce the attestation.',
          },
          unassessed.map((p) => p.participantId),
        ),
      );
    if (facts.participants.length > 0 && facts.emailsSent === 0)
      findings.push(
        missing(
          facts,
          'EMAILS_MISSING',
          { fr: 'Aucun e-mail envoyé n’est journalisé.', en: 'No sent e-mail is logged.' },
          {
            fr: 'Vérifier l’envoi des e-mails (journal des e-mails de la mission).',
            en: 'Check that e-mails were sent (the mission’s e-mail log).',
          },
        ),
      );
  }
  return findings;
}

function mismatch(
  facts: SessionAuditFacts,
  code: FindingCode,
  documents: string[],
  participantIds: string[],
  problem: Text,
  fix: Text,
): Finding {
  return {
    code,
    severity: 'mismatch',
    sessionId: facts.sessionId,
    documentIds: documents,
    participantIds,
    problem,
    fix,
  };
}

/** Hours, title and dates each document claims, against the session's. */
function claimedMismatches(facts: SessionAuditFacts, documents: AuditDocument[]): Finding[] {
  const findings: Finding[] = [];
  const claimed = documents.filter(
    (document) => document.claims !== null && document.kind !== CERTIFICATE_KIND,
  );
  // An invoice bills the hours delivered, added up over trainees, as the certificates it goes
  // with state them (a flagged certificate backs nothing); the agreement and programme state the
  // session's own hours.
  const delivered = facts.certificates
    .filter((certificate) => !certificate.flag)
    .reduce((sum, certificate) => sum + certificate.hoursAttended, 0);
  const expected = (document: AuditDocument) =>
    INVOICE_KINDS.test(document.kind) ? delivered : facts.plannedHours;
  const wrongHours = claimed.filter(
    (document) => document.claims?.hours !== undefined && document.claims.hours !== expected(document),
  );
  for (const document of wrongHours) {
    const said = document.claims?.hours ?? 0;
    const invoice = INVOICE_KINDS.test(document.kind);
    findings.push(
      mismatch(
        facts,
        'HOURS_MISMATCH',
        [document.documentId],
        [],
        invoice
          ? {
              fr: `${nameOf(document, 'fr')} facture ${hours(said, 'fr')}, les certificats en attestent ${hours(delivered, 'fr')}.`,
              en: `${nameOf(document, 'en')} bills ${hours(said, 'en')}, the certificates state ${hours(delivered, 'en')}.`,
            }
          : {
              fr: `${nameOf(document, 'fr')} indique ${hours(said, 'fr')}, la session en compte ${hours(facts.plannedHours, 'fr')}.`,
              en: `${nameOf(document, 'en')} states ${hours(said, 'en')}, the session has ${hours(facts.plannedHours, 'en')}.`,
            },
        invoice
          ? {
              fr: 'Émettre un avoir et une nouvelle facture avec les heures de la session.',
              en: 'Issue a credit note and a new invoice with the session’s hours.',
            }
          : {
              fr: 'Renvoyer la proposition pour rééditer la convention et le programme avec les heures de la session.',
              en: 'Send the proposal again to re-issue the agreement and programme with the session’s hours.',
            },
      ),
    );
  }
  const wrongTitle = claimed.filter(
    (document) => document.claims?.title !== undefined && document.claims.title !== facts.title,
  );
  if (wrongTitle.length > 0)
    findings.push(
      mismatch(
        facts,
        'TITLE_MISMATCH',
        wrongTitle.map((document) => document.documentId),
        [],
        {
          fr: `Intitulé différent de « ${facts.title} » : ${wrongTitle.map((d) => `${nameOf(d, 'fr')} « ${d.claims?.title} »`).join(', ')}.`,
          en: `Title other than “${facts.title}”: ${wrongTitle.map((d) => `${nameOf(d, 'en')} “${d.claims?.title}”`).join(', ')}.`,
        },
        {
          fr: 'Rééditer ces documents pour qu’ils portent l’intitulé de la session.',
          en: 'Re-issue these documents so that they carry the session’s title.',
        },
      ),
    );
  const wrongDates = documents.filter(
    (document) =>
      (document.claims?.from !== undefined && document.claims.from !== facts.from) ||
      (document.claims?.to !== undefined && document.claims.to !== facts.to),
  );
  if (wrongDates.length > 0)
    findings.push(
      mismatch(
        facts,
        'DATES_MISMATCH',
        wrongDates.map((document) => document.documentId),
        [],
        {
          fr: `Dates différentes de celles de la session (${frenchDate(facts.from)} – ${frenchDate(facts.to)}) : ${wrongDates.map((d) => `${nameOf(d, 'fr')} ${frenchDate(d.claims?.from)} – ${frenchDate(d.claims?.to)}`).join(', ')}.`,
          en: `Dates other than the session’s (${facts.from} – ${facts.to}): ${wrongDates.map((d) => `${nameOf(d, 'en')} ${d.claims?.from} – ${d.claims?.to}`).join(', ')}.`,
        },
        {
          fr: 'Rééditer ces documents après avoir vérifié les dates de la session.',
          en: 'Re-issue these documents after checking the session’s dates.',
        },
      ),
    );
  return findings;
}

/** A certificate claims the hours its proof backs, in the workflow's record and in its document. */
function certificateMismatches(facts: SessionAuditFacts, documents: AuditDocument[]): Finding[] {
  const findings: Finding[] = [];
  for (const certificate of facts.certificates) {
    const participant = facts.participants.find((p) => p.participantId === certificate.participantId);
    const document = documents.find(
      (d) => d.kind === CERTIFICATE_KIND && d.participantId === certificate.participantId,
    );
    const claimed = document?.claims?.hours ?? certificate.hoursAttended;
    const backed = participant?.backedHours ?? 0;
    if (claimed === backed && certificate.hoursAttended === backed && certificate.flag === undefined)
      continue;
    const name = participant?.name ?? certificate.participantId;
    findings.push(
      mismatch(
        facts,
        'CERTIFICATE_HOURS_UNBACKED',
        document ? [document.documentId] : certificate.documentId ? [certificate.documentId] : [],
        [certificate.participantId],
        {
          fr: `Le certificat de ${name} indique ${hours(claimed, 'fr')} ; la preuve de présence en justifie ${hours(backed, 'fr')}.`,
          en: `${name}’s certificate states ${hours(claimed, 'en')}; the attendance proof backs ${hours(backed, 'en')}.`,
        },
        {
          fr: 'Rééditer le certificat après avoir corrigé la feuille d’émargement (ou téléverser la feuille signée qui justifie ces heures).',
          en: 'Re-issue the certificate after correcting the attendance sheet (or upload the signed sheet that backs these hours).',
        },
      ),
    );
  }
  return findings;
}

/** Every finding for one session, mismatches first. A cancelled session has nothing to prove. */
export function auditFindings(facts: SessionAuditFacts, stage: AuditStage = 'final'): Finding[] {
  if (facts.status === 'cancelled') return [];
  const documents = latestDocuments(facts.documents);
  return [
    ...claimedMismatches(facts, documents),
    ...certificateMismatches(facts, documents),
    ...requiredPieces(facts, documents, stage),
  ];
}

/** What holds certificates and payouts back: a mismatch, not a piece still to come. */
export const blockingFindings = (findings: Finding[]): Finding[] =>
  findings.filter((finding) => finding.severity === 'mismatch');

/** The claims a document makes when built, for the kinds whose data says them. */
export function claimsOfRequest(request: DocumentRequest): DocumentClaims | null {
  const span = (halfDays: { date: string }[]) => {
    const dates = halfDays.map((halfDay) => halfDay.date).sort();
    return dates.length > 0 ? { from: dates[0] as string, to: dates[dates.length - 1] as string } : {};
  };
  switch (request.kind) {
    case 'certificate': {
      const { data } = request;
      return { title: data.actionTitle, from: data.from, to: data.to, hours: data.hoursAttended };
    }
    case 'agreement':
    case 'programme':
    case 'quote': {
      const { training } = request.data;
      return { title: training.title, ...span(training.halfDays), hours: training.hours };
    }
    case 'attendanceSheet':
      return { title: request.data.sessionTitle, ...span(request.data.halfDays) };
    default:
      return null;
  }
}

/** What a held session keeps of a mismatch: small, for workflow history and the staff e-mail. */
export type AuditHoldFinding = Pick<Finding, 'code' | 'documentIds' | 'problem' | 'fix'>;

/** Only staff release certificates the check held, with a reason the audit trail keeps. */
export function checkReleaseAuditHold(held: boolean, actor: Actor, reason: string): Violation | null {
  if (actor.role !== 'staff')
    return forbidden('STAFF_ONLY', 'Only staff may release certificates the consistency check held back.');
  if (!held)
    return conflict(
      'NO_AUDIT_HOLD',
      "This session's certificates are not held back by the consistency check.",
    );
  if (reason.trim().length === 0)
    return invalid('REASON_REQUIRED', 'Say why the certificates may go out although the documents disagree.');
  return null;
}
