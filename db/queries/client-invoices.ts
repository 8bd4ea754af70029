/** Client and funder invoice numbers and rows, their Factur-X XML, and who they are addressed to. */
import { type CommonQueryMethods, sql } from 'slonik';
import { z } from 'zod';
import { INVOICE_PAYERS, type InvoicePayer } from '../../workflows/rules/client-invoices.ts';

const invoiceRow = z.object({
  sessionId: z.string(),
  payer: z.enum(INVOICE_PAYERS),
  invoiceNumber: z.string(),
  number: z.number().int(),
  documentId: z.string(),
  netCents: z.number().int(),
  grossCents: z.number().int(),
});
export type ClientInvoiceRow = z.infer<typeof invoiceRow>;

const invoiceColumns = sql.fragment`
  session_id::text as "sessionId", payer, invoice_number as "invoiceNumber", number,
  document_id::text as "documentId", net_cents as "netCents", gross_cents as "grossCents"`;

/**
 * Locks the year's counter row (creating it at 0 the first time): whoever holds it is the only
 * one numbering in that series until its transaction ends, so a number taken and then rolled
 * back is the next one taken again.
 */
export async function lockInvoiceSeries(tx: CommonQueryMethods, series: string): Promise<void> {
  await tx.query(sql.unsafe`
    insert into invoice_series (series, last_number) values (${series}, 0) on conflict (series) do nothing`);
  await tx.query(sql.unsafe`select last_number from invoice_series where series = ${series} for update`);
}

export async function nextInvoiceNumber(tx: CommonQueryMethods, series: string): Promise<number> {
  return tx.oneFirst(sql.type(z.object({ last_number: z.number().int() }))`
    update invoice_series set last_number = last_number + 1 where series = ${series} returning last_number`);
}

export async function findClientInvoice(
  db: CommonQueryMethods,
  sessionId: string,
  payer: InvoicePayer,
): Promise<ClientInvoiceRow | null> {
  return db.maybeOne(sql.type(invoiceRow)`
    select ${invoiceColumns} from client_invoices where session_id = ${sessionId} and payer = ${payer}`);
}

export async function recordClientInvoice(
  tx: CommonQueryMethods,
  row: ClientInvoiceRow & { series: string; missionId: string; issuedOn: string },
): Promise<void> {
  await tx.query(sql.unsafe`
    insert into client_invoices (session_id, payer, series, number, invoice_number, mission_id, issued_on,
                                 net_cents, gross_cents, document_id)
    values (${row.sessionId}, ${row.payer}, ${row.series}, ${row.number}, ${row.invoiceNumber}, ${row.missionId},
            ${row.issuedOn}::date, ${row.netCents}, ${row.grossCents}, ${row.documentId})`);
}

export async function listClientInvoices(
  db: CommonQueryMethods,
  missionId: string,
): Promise<readonly ClientInvoiceRow[]> {
  return db.any(sql.type(invoiceRow)`
    select ${invoiceColumns} from client_invoices where mission_id = ${missionId} order by number`);
}

/** Kept once per document: the same document always carries the same XML. */
export async function storeEInvoiceXml(
  db: CommonQueryMethods,
  documentId: string,
  profile: string,
  xml: string,
): Promise<void> {
  await db.query(sql.unsafe`
    insert into einvoice_documents (document_id, profile, xml) values (${documentId}, ${profile}, ${xml})
    on conflict (document_id) do nothing`);
}

export async function findEInvoiceXml(db: CommonQueryMethods, documentId: string): Promise<string | null> {
  return db.maybeOneFirst(sql.type(z.object({ xml: z.string() }))`
    select xml from einvoice_documents where document_id = ${documentId}`);
}

const partyRow = z.object({
  legalName: z.string(),
  addressLine: z.string(),
  postalCode: z.string(),
  city: z.string(),
  country: z.string(),
  siren: z.string().nullable(),
  vatNumber: z.string().nullable(),
});
export type BillingParty = z.infer<typeof partyRow>;

export async function findBillingParty(
  db: CommonQueryMethods,
  partyKey: string,
): Promise<BillingParty | null> {
  return db.maybeOne(sql.type(partyRow)`
    select legal_name as "legalName", address_line as "addressLine", postal_code as "postalCode", city, country,
      siren, vat_number as "vatNumber"
    from billing_parties where party_key = ${partyKey}`);
}

export async function setBillingParty(
  db: CommonQueryMethods,
  partyKey: string,
  party: BillingParty,
): Promise<void> {
  await db.query(sql.unsafe`
    insert into billing_parties (party_key, legal_name, address_line, postal_code, city, country, siren, vat_number)
    values (${partyKey}, ${party.legalName}, ${party.addressLine}, ${party.postalCode}, ${party.city}, ${party.country},
            ${party.siren}, ${party.vatNumber})
    on conflict (party_key) do update set legal_name = excluded.legal_name, address_line = excluded.address_line,
      postal_code = excluded.postal_code, city = excluded.city, country = excluded.country, siren = excluded.siren,
      vat_number = excluded.vat_number, updated_at = now()`);
}

const sessionRow = z.object({
  title: z.string(),
  kind: z.enum(['workshop', 'training']),
  from: z.string(),
  to: z.string(),
  fundingRequest: z.unknown().nullable(),
  certificates: z.array(
    z
      .object({
        participantId: z.string(),
        hoursAttended: z.number(),
        documentId: z.string().nullable(),
        flag: z.string().optional(),
      })
      .passthrough(),
  ),
  sheetDocumentId: z.string().nullable(),
});
export type InvoicedSessionFacts = z.infer<typeof sessionRow>;

/**
 * What an invoice states of a session, from the read model its workflow projected before it
 * reported itself ended: its days, its funder's request (the company and its address), the
 * certificates (hours per trainee) and the attendance proof to attach.
 */
export async function readInvoicedSession(
  db: CommonQueryMethods,
  sessionId: string,
): Promise<InvoicedSessionFacts | null> {
  return db.maybeOne(sql.type(sessionRow)`
    select s.title, s.kind,
      to_char(s.starts_at at time zone 'Europe/Paris', 'YYYY-MM-DD') as "from",
      to_char(s.ends_at at time zone 'Europe/Paris', 'YYYY-MM-DD') as "to",
      ss.funding -> 'request' as "fundingRequest",
      coalesce(ss.certificates, '[]'::jsonb) as certificates,
      coalesce(ss.attendance ->> 'signedSheetDocumentId', ss.attendance_sheet_document_id::text) as "sheetDocumentId"
    from sessions s left join session_staffing ss on ss.session_id = s.id
    where s.id = ${sessionId}`);
}
