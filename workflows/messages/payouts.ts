/**
 * Payouts ("rétributions"), the mission's closure and, for client introductions, usage rights.
 * The mission decides what may be requested and when; one provider-payout workflow per
 * provider and request then sees it paid (self-billing invoice, or the provider's own invoice).
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { PayoutPolicy } from '../policy.ts';
import type { Actor } from './actor.ts';
import type { AttendanceStatus, FacilitatorStatus } from './domain.ts';

export const PAYOUT_ROLES = ['lead', 'co_facilitator', 'coordination'] as const;
export type PayoutRole = (typeof PAYOUT_ROLES)[number];

/** Someone who took part in a session, as the session reports them to its mission. */
export interface SessionFacilitatorFact {
  facilitatorId: string;
  name: string;
  email: string;
  status: FacilitatorStatus;
  role: Exclude<PayoutRole, 'coordination'>;
}

/**
 * What a session tells its mission about how it went, each time it changes: who facilitated,
 * how attendance stands, whether certificates went out, and what the client is billed.
 */
export interface SessionFacts {
  sessionId: string;
  facilitators: SessionFacilitatorFact[];
  attendance: AttendanceStatus;
  certificatesSent: boolean;
  /** Certificates held back by the consistency check (issue #19); absent when not, as before. */
  auditHold?: boolean;
  /** Set once a funder decided (or did not in time); otherwise the client pays the session's price. */
  billing: {
    totalCents: number;
    fundedCents: number;
    clientCents: number;
    funder: string;
    /** The funder's agreement number, when the decision gave one. */
    agreementNumber?: string;
  } | null;
}

export const sessionFactsSignal = defineSignal<[SessionFacts]>('sessionFacts');

export const PAYOUT_ITEM_STATUSES = ['not_eligible', 'eligible', 'requested', 'paid'] as const;
export type PayoutItemStatus = (typeof PAYOUT_ITEM_STATUSES)[number];

export const PAYOUT_HOLD_REASONS = [
  'SESSION_NOT_ENDED',
  'ATTENDANCE_NOT_RECORDED',
  'SHEET_NOT_CONFIRMED',
  'SHEET_NON_COMPLIANT',
  'AUDIT_MISMATCH',
] as const;
export type PayoutHoldReason = (typeof PAYOUT_HOLD_REASONS)[number];

/** One paid facilitator on one session: what the coordinator requests, once. */
export interface PayoutItem {
  sessionId: string;
  facilitatorId: string;
  facilitatorName: string;
  role: Exclude<PayoutRole, 'coordination'>;
  /** `paid` is known to the provider's payout workflow and shown by the read model. */
  status: Exclude<PayoutItemStatus, 'paid'>;
  /** Why a not-eligible item is held back. */
  holdReasons: PayoutHoldReason[];
  requestId: string | null;
  payoutId: string | null;
}

/** One line of a provider's payout, priced from the rate table when the payout starts. */
export interface PayoutLineRequest {
  sessionId: string | null;
  kind: 'workshop' | 'training';
  role: PayoutRole;
  title: string;
  /** ISO instant the session started. */
  date: string;
}

export interface ProviderPayoutRef {
  payoutId: string;
  providerId: string;
  providerName: string;
  providerEmail: string;
  lines: PayoutLineRequest[];
  started: boolean;
}

export interface PayoutRequestRecord {
  requestId: string;
  requestedAt: string;
  requestedBy: Actor;
  /** Europe/Paris calendar month (YYYY-MM): one request per month and mission. */
  month: string;
  payouts: ProviderPayoutRef[];
}

export interface SheetWaiver {
  sessionId: string;
  reason: string;
  waivedBy: Actor;
  waivedAt: string;
}

/** Client introductions: what a facilitator declares of their own deal with the client. */
export interface UsageRightsDeclaration {
  facilitatorId: string;
  revenueCents: number;
  participants: number;
  declaredBy: Actor;
  declaredAt: string;
}

export const CHECKLIST_ITEMS = [
  'order_delivered',
  'sessions_ended',
  'attendance_compliant',
  'certificates_sent',
  'payouts_requested',
  'usage_rights_declared',
] as const;
export type ChecklistItemName = (typeof CHECKLIST_ITEMS)[number];

export interface ChecklistItem {
  item: ChecklistItemName;
  done: boolean;
  /** Blocking items must be done before the mission can close; the others are reported. */
  blocking: boolean;
  /** What is missing, in English (kept as missions recorded it; readers word `ChecklistGap`s). */
  missing: string[];
}

/** A session as a checklist line names it: its title and its first day (YYYY-MM-DD, Paris). */
export interface GapSession {
  title: string;
  date: string;
}

/** One thing missing before a mission can close, as data each reader words in its own language. */
export type ChecklistGap =
  | { gap: 'sessions_unplanned'; count: number }
  | { gap: 'no_session' }
  | {
      gap: 'session_not_ended' | 'session_report_missing' | 'sheet_waived' | 'certificates_missing';
      session: GapSession;
    }
  | { gap: 'attendance_unproven'; session: GapSession; attendance: AttendanceStatus | null }
  | { gap: 'usage_rights_undeclared'; facilitatorName: string }
  | {
      gap: 'payouts_not_requested';
      count: number;
      /** Why some of them cannot be requested yet, in the order first met. */
      holds: { reason: PayoutHoldReason; count: number }[];
    };

export interface MissionClosure {
  closedAt: string;
  closedBy: Actor;
  automatic: boolean;
  /** The coordinator's own payout, started at closure (subcontracting only). */
  coordinatorPayout: ProviderPayoutRef | null;
}

export interface MissionSettlement {
  sessionFacts: SessionFacts[];
  sheetWaivers: SheetWaiver[];
  requests: PayoutRequestRecord[];
  /** Derived from the above on every change. */
  items: PayoutItem[];
  usageRights: UsageRightsDeclaration[];
  /** Derived on every change. */
  checklist: ChecklistItem[];
  closure: MissionClosure | null;
  closureReminderSent: boolean;
  /** Client introductions: facilitators asked to declare their usage rights. */
  usageRightsRequested: string[];
  /** The billing team was told the client can be invoiced. */
  clientInvoiceNoticeSent: boolean;
}

/** A mission's settlement before anything happened (and for runs carried from before payouts). */
export const emptySettlement = (): MissionSettlement => ({
  sessionFacts: [],
  sheetWaivers: [],
  requests: [],
  items: [],
  usageRights: [],
  checklist: [],
  closure: null,
  closureReminderSent: false,
  usageRightsRequested: [],
  clientInvoiceNoticeSent: false,
});

export interface RequestPayoutsCommand {
  actor: Actor;
  requestId: string;
}
export const requestPayoutsUpdate = defineUpdate<PayoutRequestRecord, [RequestPayoutsCommand]>(
  'requestPayouts',
);

export interface WaiveSheetCommand {
  actor: Actor;
  sessionId: string;
  reason: string;
}
export const waiveSheetUpdate = defineUpdate<SheetWaiver, [WaiveSheetCommand]>('waiveSheet');

export interface CloseMissionCommand {
  actor: Actor;
}
export const closeMissionUpdate = defineUpdate<MissionClosure, [CloseMissionCommand]>('closeMission');

export interface DeclareUsageRightsCommand {
  actor: Actor;
  facilitatorId: string;
  revenueCents: number;
  participants: number;
}
export const declareUsageRightsUpdate = defineUpdate<UsageRightsDeclaration, [DeclareUsageRightsCommand]>(
  'declareUsageRights',
);

// --- One provider's payout for one request -------------------------------------------------

export const PROVIDER_PAYOUT_WORKFLOW_TYPE = 'providerPayoutWorkflow';
export const providerPayoutWorkflowId = (payoutId: string): string => `payout-${payoutId}`;

export const PAYOUT_CHANNELS = ['self_billing', 'supplier_invoice'] as const;
export type PayoutChannel = (typeof PAYOUT_CHANNELS)[number];

/** Why a provider is asked for their own invoice instead of being self-billed. */
export const SUPPLIER_INVOICE_REASONS = [
  'international_provider',
  'no_self_billing_mandate',
  'incomplete_billing_profile',
  'unknown_provider',
] as const;
export type SupplierInvoiceReason = (typeof SUPPLIER_INVOICE_REASONS)[number];

export const PROVIDER_PAYOUT_STATUSES = [
  'pricing',
  'invoiced',
  'awaiting_invoice',
  'invoice_received',
  'paid',
] as const;
export type ProviderPayoutStatus = (typeof PROVIDER_PAYOUT_STATUSES)[number];

/** What the directory knows of a provider for billing; null fields are simply unknown. */
export interface BillingProfile {
  providerId: string;
  legalName: string;
  address: string | null;
  country: string;
  siret: string | null;
  vatNumber: string | null;
  /** null: VAT franchise (art. 293 B du CGI), no VAT charged. */
  vatRatePercent: number | null;
  selfBillingMandateSignedOn: string | null;
}

export interface PricedLine extends PayoutLineRequest {
  amountCents: number;
}

export interface ProviderPayoutInput {
  payoutId: string;
  missionId: string;
  missionTitle: string;
  clientName: string;
  requestId: string;
  requestedAt: string;
  provider: { id: string; name: string; email: string };
  lines: PayoutLineRequest[];
  policy?: Partial<PayoutPolicy>;
}

export interface ProviderPayoutView {
  payoutId: string;
  missionId: string;
  requestId: string;
  provider: { id: string; name: string };
  channel: PayoutChannel | null;
  supplierInvoiceReason: SupplierInvoiceReason | null;
  status: ProviderPayoutStatus;
  lines: PricedLine[];
  totalCents: number | null;
  invoiceNumber: string | null;
  invoiceDocumentId: string | null;
  supplierInvoiceDocumentId: string | null;
  requestedAt: string;
  invoiceRequestedAt: string | null;
  invoiceRemindersSent: number;
  staffAlerted: boolean;
  invoiceReceivedAt: string | null;
  paidAt: string | null;
  version: number;
}

export interface SupplierInvoiceCommand {
  documentId: string;
}
export const supplierInvoiceReceivedUpdate = defineUpdate<ProviderPayoutView, [SupplierInvoiceCommand]>(
  'supplierInvoiceReceived',
);

export interface MarkPaidCommand {
  actor: Actor;
  paidOn: string;
}
export const markPayoutPaidUpdate = defineUpdate<ProviderPayoutView, [MarkPaidCommand]>('markPayoutPaid');

export const providerPayoutStateQuery = defineQuery<ProviderPayoutView>('providerPayoutState');

/** What the self-billing activity needs: the payout, priced, and the provider's billing profile. */
export interface SelfBillingRequest {
  payoutId: string;
  missionId: string;
  missionTitle: string;
  clientName: string;
  provider: BillingProfile;
  lines: PricedLine[];
  /** Europe/Paris date the invoice is issued on. */
  issuedOn: string;
}

export interface IssuedInvoice {
  invoiceNumber: string;
  documentId: string;
  totalCents: number;
}
