/**
 * The e-mails workflows ask for, by template, with the data each template needs. Rendering and
 * sending happen in activities/email; a workflow only names the template and the recipient.
 */

import type { SilenceRule } from '../rules/manager-silence.ts';
import type { Language, OfferRef, SessionKind } from './domain.ts';
import type { ChecklistGap } from './payouts.ts';

interface MissionEmailData {
  missionId: string;
  missionTitle: string;
  clientName: string;
  coordinatorName: string;
  endDate: string;
}

export interface SessionEmailData {
  missionId: string;
  missionTitle: string;
  clientName: string;
  coordinatorName: string;
  sessionTitle: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  place: string;
}

/**
 * What a convocation tells a participant before the start (Code du travail L6353-8): every
 * half-day's times, how the session is held and attendance recorded, the trainers and the
 * person to contact. The organisation's own details (disability contact, internal rules) are
 * read by the sending activity, never carried here.
 */
export interface ConvocationDetails {
  kind: SessionKind;
  /** The catalogue version the session delivers; null: the starter offer of its kind. */
  offer: OfferRef | null;
  /** The session's half-days in order, as its attendance sheet has them. */
  halfDays: { date: string; period: 'morning' | 'afternoon'; startsAt: string; endsAt: string }[];
  mode: 'onsite' | 'online';
  /** `digital`: each half-day is signed on a phone or computer from a link; `paper`: a sheet. */
  signing: 'digital' | 'paper';
  /** Facilitators who accepted, lead first; empty while none has. */
  trainers: string[];
  contact: { name: string; email: string };
}

/** About one provider's payout for a mission. */
export interface PayoutEmailData {
  missionId: string;
  missionTitle: string;
  clientName: string;
  providerName: string;
  totalCents: number;
}

export type InvitationOutcome =
  | 'accepted'
  | 'declined'
  | 'expired'
  | 'withdrawn'
  | 'refused_by_manager'
  | 'approved_by_manager';

export interface EmailTemplateData {
  missionAssigned: MissionEmailData;
  planningReminder: MissionEmailData & { unplanned: number };
  planningEscalation: MissionEmailData & { unplanned: number };
  facilitatorInvitation: SessionEmailData & { facilitatorName: string; expiresAt: string };
  invitationReminder: SessionEmailData & { facilitatorName: string; expiresAt: string };
  invitationOutcome: SessionEmailData & {
    facilitatorName: string;
    outcome: InvitationOutcome;
    automatic: boolean;
    /** The manager's note with their decision, when they wrote one. */
    managerNote?: string;
    /** On an automatic manager decision: the rule that silence followed. */
    silenceRule?: SilenceRule;
  };
  managerApprovalRequest: SessionEmailData & { facilitatorName: string };
  managerApprovalReminder: SessionEmailData & { facilitatorName: string };
  managerApprovalEscalation: SessionEmailData & { facilitatorName: string; managerEmail: string };
  /** Double opt-in: sent to an address registered through a forwarded link, before anything else. */
  registrationConfirmation: SessionEmailData;
  convocation: SessionEmailData & {
    participantName: string;
    positioningTest: boolean;
    /** Absent from requests scheduled before convocations listed every day (derived then). */
    details?: ConvocationDetails;
  };
  /** To staff, once per session: its convocations went without internal rules, none being uploaded. */
  internalRulesMissing: SessionEmailData;
  attendanceReminder: SessionEmailData & { recipientName: string };
  attendanceEscalation: SessionEmailData;
  certificate: SessionEmailData & {
    participantName: string;
    hoursAttended: number;
    /** A workshop's attestation de participation rather than a certificat de réalisation. */
    attestation?: boolean;
  };
  /** To staff: the certificates a sheet judged non-compliant after they were sent had backed. */
  certificatesUnbacked: SessionEmailData & {
    reason: string | null;
    certificates: { participantName: string; hoursAttended: number }[];
  };
  /** To staff: the consistency check found documents that disagree; certificates are held back. */
  auditMismatch: SessionEmailData & {
    findings: { code: string; problem: { fr: string; en: string }; fix: { fr: string; en: string } }[];
  };
  /** After a training action: the trainee's end-of-training assessment (L6353-1), due by `answerBy`. */
  assessmentInvitation: SessionEmailData & { participantName: string; answerBy: string };
  /** The attestation de fin de formation attached; `assessed`: the trainee answered the assessment. */
  endOfTrainingAttestation: SessionEmailData & {
    participantName: string;
    hoursAttended: number;
    assessed: boolean;
  };
  surveyInvitation: SessionEmailData & { participantName: string; kind: 'hot' | 'cold' };
  surveyReminder: SessionEmailData & { participantName: string; kind: 'hot' | 'cold' };
  sessionCancelledParticipant: SessionEmailData & { participantName: string; reason: string };
  sessionCancelledFacilitator: SessionEmailData & { facilitatorName: string; reason: string };
  complianceLapsed: SessionEmailData & { facilitatorName: string; reason: string };
  /** Written by the coordinator from the console: their subject and plain-text words, as typed. */
  sessionMessage: SessionEmailData & { recipientName: string; subject: string; body: string };
  attendanceSigningLink: SessionEmailData & { recipientName: string; halfDays: number };
  countersignatureReminder: SessionEmailData & {
    recipientName: string;
    /** Worded by the template in the e-mail's language; a string in e-mails queued before 1 December 2026 (French). */
    halfDays: ({ date: string; period: 'morning' | 'afternoon' } | string)[];
  };
  fundingProposal: SessionEmailData & {
    contactName: string;
    funder: string;
    totalCents: number;
    proposalNumber: string;
    /** Who buys, which decides the contract (workflows/rules/contract.ts); absent before it was sent. */
    buyer?: 'company' | 'individual' | 'independent';
  };
  fundingReminder: SessionEmailData & { contactName: string; daysBefore: number };
  fundingEscalation: SessionEmailData & { contactEmail: string; daysBefore: number };
  fundingNotice: SessionEmailData & { contactEmail: string; totalCents: number };
  fundingDecided: SessionEmailData & {
    outcome: 'full' | 'partial' | 'refused' | 'none';
    fundedCents: number;
    clientCents: number;
  };
  selfBillingInvoiceIssued: PayoutEmailData & { invoiceNumber: string };
  selfBillingInvoiceToBilling: PayoutEmailData & { invoiceNumber: string; providerId: string };
  supplierInvoiceRequest: PayoutEmailData & { reminder: number };
  supplierInvoiceOverdue: PayoutEmailData & { providerEmail: string; requestedAt: string; days: number };
  supplierInvoiceReceived: PayoutEmailData & { providerId: string };
  /** `gaps` is absent from reminders requested before the checklist was worded per language. */
  closureReminder: MissionEmailData & { missing: string[]; gaps?: ChecklistGap[] };
  usageRightsRequest: MissionEmailData & { facilitatorName: string };
  clientInvoiceable: MissionEmailData & {
    sessions: {
      title: string;
      date: string;
      priceCents: number;
      fundedCents: number;
      clientCents: number;
      funder: string | null;
      /** Absent from e-mails requested before agreement numbers were recorded. */
      agreementNumber?: string | null;
    }[];
    fundedCents: number;
    clientCents: number;
    delivered: number;
    ordered: number;
    /**
     * The invoices issued at closure, attached to the e-mail, and those the service could not
     * issue with why; absent from e-mails of missions that predate invoicing.
     */
    invoices?: {
      issued: { title: string; payer: 'funder' | 'client'; invoiceNumber: string; grossCents: number }[];
      notIssued: { title: string; payer: 'funder' | 'client'; reason: string }[];
      notInvoiced: { title: string; funder: string; amountCents: number }[];
    };
  };
  missionClosed: MissionEmailData & { automatic: boolean; coordinatorPayout: boolean };
}

export const LINK_PURPOSES = [
  'invitation',
  'managerApproval',
  'sessionShare',
  'participantRegistration',
  'positioningTest',
  'survey',
  'fundingDecision',
  'supplierInvoice',
  'attendanceSigning',
  'halfDaySigning',
  'registrationConfirmation',
  'endOfTrainingAssessment',
] as const;
export type LinkPurpose = (typeof LINK_PURPOSES)[number];

/** A signed link the e-mail carries; the activity mints it, so no secret enters workflow history. */
export interface EmailLink {
  purpose: LinkPurpose;
  subjectId: string;
  /** The session the link belongs to; mission-level links (supplier invoices) name the mission. */
  sessionId: string;
  expiresAt: string;
}

/** A person, or one of the association's mailboxes (staff, billing team), configured on the worker. */
export type Recipient = { email: string; name: string } | 'staff' | 'billing';

export type EmailTemplateName = keyof EmailTemplateData;

export type EmailRequest = {
  [T in EmailTemplateName]: {
    template: T;
    data: EmailTemplateData[T];
    to: Recipient;
    language: Language;
    /** The same key is never sent twice, however often the activity is retried. */
    idempotencyKey: string;
    missionId: string;
    sessionId?: string;
    link?: EmailLink;
    /** Stored documents sent along (certificates, invoices). */
    attachments?: { documentId: string }[];
    /** Where an answer goes when it should reach a person rather than the sending address. */
    replyTo?: { email: string; name: string };
  };
}[EmailTemplateName];

export type EmailOutcome = { status: 'sent' | 'rejected'; providerMessageId: string | null };
