import { ApplicationFailure, log } from '@temporalio/activity';
import type { DatabasePool } from '../../db/pool.ts';
import { storeEInvoiceXml } from '../../db/queries/client-invoices.ts';
import { allocateInvoiceNumber, attachInvoiceDocument } from '../../db/queries/payouts.ts';
import type { IssuedInvoice, SelfBillingRequest } from '../../workflows/messages/payouts.ts';
import { FACTURX_PROFILE, facturXml } from '../documents/einvoice/cii.ts';
import { selfBillingEInvoice } from '../documents/einvoice/self-billing.ts';
import { loadOrganisation } from '../documents/organisation.ts';
import { DOCX_CONTENT_TYPE } from '../documents/pack.ts';
import {
  assertInvoiceable,
  buildSelfBillingInvoice,
  invoiceTotals,
} from '../documents/self-billing-invoice.ts';
import { type DocumentKey, latestDocument, storeDocument } from '../documents/store.ts';

/**
 * Numbers, builds and stores a payout's self-billing invoice. Every step is idempotent: the
 * number is taken once per payout (db/queries/payouts.ts), and the document, packed to the same
 * bytes, is stored once. A retry after any failure returns the same invoice.
 */
export function issueSelfBillingInvoiceActivity(pool: DatabasePool) {
  return async function issueSelfBillingInvoice(request: SelfBillingRequest): Promise<IssuedInvoice> {
    try {
      // Before a number is taken: a number must never be spent on an invoice that cannot exist.
      assertInvoiceable(request);
    } catch (error) {
      throw ApplicationFailure.create({
        type: 'DOCUMENT_DATA_INVALID',
        message: `cannot issue a self-billing invoice: ${error instanceof Error ? error.message : String(error)}`,
        nonRetryable: true,
      });
    }
    const totals = invoiceTotals(request.lines, request.provider.vatRatePercent);
    const allocated = await allocateInvoiceNumber(pool, {
      payoutId: request.payoutId,
      missionId: request.missionId,
      providerId: request.provider.providerId,
      issuedOn: request.issuedOn,
      totalCents: totals.grossCents,
    });
    // The invoice's subject within the mission is the payout, in the key's per-person slot.
    const key: DocumentKey = {
      missionId: request.missionId,
      sessionId: null,
      participantId: request.payoutId,
      kind: 'selfBillingInvoice',
    };
    // A retry after staff changed the settings rebuilds the invoice it already stored, not another
    // one under the same number.
    const issued = await latestDocument(pool, key);
    const organisation = await loadOrganisation(pool, issued?.organisationSettingsVersion ?? undefined);
    // Its Factur-X XML, embedded when the PDF is made, stored with the document below. An address staff typed that names no
    // postal code and city cannot make one: the PDF then goes out plain, and the log says why.
    let xml: string | null = null;
    try {
      xml = facturXml(selfBillingEInvoice(request, allocated.invoiceNumber, organisation));
    } catch (error) {
      log.warn('self-billing invoice sent without Factur-X XML', {
        invoiceNumber: allocated.invoiceNumber,
        reason: error instanceof Error ? error.message : String(error),
      });
    }
    let bytes: Buffer;
    try {
      bytes = await buildSelfBillingInvoice(request, allocated.invoiceNumber, organisation, xml !== null);
    } catch (error) {
      throw ApplicationFailure.create({
        type: 'DOCUMENT_DATA_INVALID',
        message: `cannot build self-billing invoice ${allocated.invoiceNumber}: ${error instanceof Error ? error.message : String(error)}`,
        nonRetryable: true,
      });
    }
    const stored = await storeDocument(pool, key, {
      kind: 'selfBillingInvoice',
      filename: `autofacture-${allocated.invoiceNumber.toLowerCase()}.docx`,
      contentType: DOCX_CONTENT_TYPE,
      bytes,
      organisationSettingsVersion: organisation.settingsVersion,
    });
    await attachInvoiceDocument(pool, request.payoutId, stored.documentId);
    if (xml) await storeEInvoiceXml(pool, stored.documentId, FACTURX_PROFILE, xml);
    return {
      invoiceNumber: allocated.invoiceNumber,
      documentId: stored.documentId,
      totalCents: totals.grossCents,
    };
  };
}
