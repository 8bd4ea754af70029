/**
 * Client and funder invoices issued at closure (issue #19 item 3): what the mission asks the
 * activity for, and what it gets back to attach to the billing team's e-mail. No amounts of a
 * person and no addresses: the activity reads those, so no history holds them.
 */

import type { InvoicePayer, UninvoicedShare } from '../rules/client-invoices.ts';
import type { InvoiceableSession } from '../rules/closure.ts';

export interface ClientInvoicesRequest {
  missionId: string;
  missionTitle: string;
  clientName: string;
  /** YYYY-MM-DD, the closure's day in Paris. */
  issuedOn: string;
  sessions: InvoiceableSession[];
}

export interface IssuedClientInvoice {
  sessionId: string;
  payer: InvoicePayer;
  invoiceNumber: string;
  documentId: string;
  grossCents: number;
  /** What the funder requires with its invoice: the certificates and the signed sheet. */
  attachmentIds: string[];
}

export interface InvoiceNotIssued {
  sessionId: string;
  payer: InvoicePayer;
  /** In French, for the billing team: what is missing and where to add it. */
  reason: string;
}

export interface ClientInvoicesResult {
  issued: IssuedClientInvoice[];
  notIssued: InvoiceNotIssued[];
  notInvoiced: UninvoicedShare[];
}
