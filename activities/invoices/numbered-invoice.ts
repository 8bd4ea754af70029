/**
 * Numbering and storing a client or funder invoice as one act: the series row is locked, the
 * number taken, the document built and stored, its Factur-X XML and the invoice row written,
 * all in one transaction. A build that throws rolls the number back, so the series has no gap;
 * a second attempt for the same session and payer (a retried activity, even running at once)
 * waits for the lock and finds the invoice already there.
 */
import type { DatabasePool } from '../../db/pool.ts';
import { recordDocumentClaims } from '../../db/queries/audit-facts.ts';
import {
  type ClientInvoiceRow,
  findClientInvoice,
  lockInvoiceSeries,
  nextInvoiceNumber,
  recordClientInvoice,
  storeEInvoiceXml,
} from '../../db/queries/client-invoices.ts';
import type { DocumentClaims } from '../../workflows/rules/audit-consistency.ts';
import {
  clientInvoiceNumber,
  clientInvoiceSeries,
  type InvoicePayer,
} from '../../workflows/rules/client-invoices.ts';
import { FACTURX_PROFILE } from '../documents/einvoice/cii.ts';
import { DOCX_CONTENT_TYPE } from '../documents/pack.ts';
import { storeDocument } from '../documents/store.ts';

export interface InvoiceSubject {
  missionId: string;
  sessionId: string;
  payer: InvoicePayer;
  issuedOn: string;
}

export interface BuiltInvoice {
  docx: Buffer;
  xml: string;
  netCents: number;
  grossCents: number;
  organisationSettingsVersion: number;
  /** What the invoice states (title, days, hours delivered), for the audit's consistency check. */
  claims: DocumentClaims;
}

export async function issueNumberedInvoice(
  pool: DatabasePool,
  subject: InvoiceSubject,
  build: (invoiceNumber: string) => Promise<BuiltInvoice>,
): Promise<ClientInvoiceRow> {
  const series = clientInvoiceSeries(subject.issuedOn);
  return pool.transaction(async (tx) => {
    await lockInvoiceSeries(tx, series);
    const existing = await findClientInvoice(tx, subject.sessionId, subject.payer);
    if (existing) return existing;
    const number = await nextInvoiceNumber(tx, series);
    const invoiceNumber = clientInvoiceNumber(series, number);
    const built = await build(invoiceNumber);
    const stored = await storeDocument(
      tx,
      {
        missionId: subject.missionId,
        sessionId: subject.sessionId,
        participantId: subject.payer,
        kind: 'clientInvoice',
      },
      {
        kind: 'clientInvoice',
        filename: `facture-${invoiceNumber.toLowerCase()}.docx`,
        contentType: DOCX_CONTENT_TYPE,
        bytes: built.docx,
        organisationSettingsVersion: built.organisationSettingsVersion,
      },
    );
    await storeEInvoiceXml(tx, stored.documentId, FACTURX_PROFILE, built.xml);
    await recordDocumentClaims(tx, stored.documentId, built.claims);
    const row: ClientInvoiceRow = {
      sessionId: subject.sessionId,
      payer: subject.payer,
      invoiceNumber,
      number,
      documentId: stored.documentId,
      netCents: built.netCents,
      grossCents: built.grossCents,
    };
    await recordClientInvoice(tx, {
      ...row,
      series,
      missionId: subject.missionId,
      issuedOn: subject.issuedOn,
    });
    return row;
  });
}
