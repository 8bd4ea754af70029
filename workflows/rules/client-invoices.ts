/**
 * Who is invoiced what at closure, for each delivered session. Under subrogation ("subrogation
 * de paiement", Code du travail L6332-1 and the OPCO's own terms) the OPCO pays the provider
 * directly: it receives its own invoice for the share it funds, quoting its agreement number;
 * the client receives one for the rest. Other funders do not pay the provider on an invoice
 * from it (CPF through its platform, FIFPL and AGEFICE by refunding the independent worker), so
 * their share is not invoiced here: the billing e-mail says so.
 */
import type { MissionSnapshot } from '../messages/mission.ts';
import { clientInvoiceSummary, type InvoiceableSession } from './closure.ts';
import { type FieldError, frenchVatKey, luhnValid } from './organisation-settings.ts';

export const INVOICE_PAYERS = ['funder', 'client'] as const;
export type InvoicePayer = (typeof INVOICE_PAYERS)[number];

export interface PlannedInvoice {
  sessionId: string;
  payer: InvoicePayer;
  /** Net of VAT: the share of the session's price this payer owes. */
  amountCents: number;
  /** The OPCO's agreement number, on the funder's invoice only. */
  agreementNumber: string | null;
}

export interface UninvoicedShare {
  sessionId: string;
  funder: string;
  amountCents: number;
}

/** Funders that pay the provider on its invoice (subrogation). */
const SUBROGATING_FUNDERS = new Set(['opco']);

/**
 * The invoices of the delivered sessions, funder's first, and the funded shares paid another way.
 * Full funding: one invoice to the OPCO; partial: the OPCO's share and the client's rest; refused,
 * silent or self-funded: the client pays everything. A zero share makes no invoice.
 */
export function planClientInvoices(sessions: readonly InvoiceableSession[]): {
  invoices: PlannedInvoice[];
  notInvoiced: UninvoicedShare[];
} {
  const invoices: PlannedInvoice[] = [];
  const notInvoiced: UninvoicedShare[] = [];
  for (const session of sessions) {
    if (session.fundedCents > 0 && session.funder && SUBROGATING_FUNDERS.has(session.funder))
      invoices.push({
        sessionId: session.sessionId,
        payer: 'funder',
        amountCents: session.fundedCents,
        agreementNumber: session.agreementNumber,
      });
    else if (session.fundedCents > 0)
      notInvoiced.push({
        sessionId: session.sessionId,
        funder: session.funder ?? 'unknown',
        amountCents: session.fundedCents,
      });
    if (session.clientCents > 0)
      invoices.push({
        sessionId: session.sessionId,
        payer: 'client',
        amountCents: session.clientCents,
        agreementNumber: null,
      });
  }
  return { invoices, notInvoiced };
}

/** "F-2027-0001": the series of the year the invoice is issued, apart from self-billing's "AF-". */
export function clientInvoiceSeries(issuedOn: string): string {
  return `F-${issuedOn.slice(0, 4)}`;
}

export function clientInvoiceNumber(series: string, number: number): string {
  return `${series}-${String(number).padStart(4, '0')}`;
}

/** Payment is due this many days after issue (Code de commerce L441-10 I: at most 60 days). */
export function dueDate(issuedOn: string, termDays: number): string {
  const due = new Date(`${issuedOn}T12:00:00Z`);
  due.setUTCDate(due.getUTCDate() + termDays);
  return due.toISOString().slice(0, 10);
}

/** What the mission asks the invoicing activity for at closure; issuedOn is the day in Paris. */
export function clientInvoicesRequest(mission: MissionSnapshot, issuedOn: string) {
  return {
    missionId: mission.missionId,
    missionTitle: mission.title,
    clientName: mission.client.name,
    issuedOn,
    sessions: clientInvoiceSummary(mission).sessions,
  };
}

export interface BillingPartyFields {
  siren: string | null;
  vatNumber: string | null;
  country: string;
}

/**
 * What makes a buyer's identity unusable on an invoice: a SIREN whose check digit is wrong (INSEE's
 * Luhn), a French VAT number that is not FR + key + this SIREN. Empty when it can be saved.
 */
export function billingPartyErrors(party: BillingPartyFields): FieldError[] {
  const errors: FieldError[] = [];
  if (party.siren !== null && !luhnValid(party.siren))
    errors.push({
      path: '/siren',
      code: 'SIREN_CHECKSUM',
      message: `${party.siren} is not a valid SIREN: its check digit does not match.`,
    });
  if (party.vatNumber?.startsWith('FR') && party.siren !== null) {
    const expected = `FR${frenchVatKey(party.siren)}${party.siren}`;
    if (party.vatNumber !== expected)
      errors.push({
        path: '/vatNumber',
        code: 'VAT_NUMBER_MISMATCH',
        message: `A French VAT number for SIREN ${party.siren} is ${expected}.`,
      });
  }
  return errors;
}
