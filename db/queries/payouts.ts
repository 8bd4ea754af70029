/** Payout rates, billing profiles, self-billing invoice numbers and the provider payouts read model. */
import { type CommonQueryMethods, type DatabasePool, sql } from 'slonik';
import { z } from 'zod';
import {
  type BillingProfile,
  PAYOUT_CHANNELS,
  PAYOUT_ROLES,
  type PayoutRole,
  PROVIDER_PAYOUT_STATUSES,
  type ProviderPayoutView,
} from '../../workflows/messages/payouts.ts';

const rateRow = z.object({
  sessionKind: z.enum(['workshop', 'training']),
  role: z.enum(PAYOUT_ROLES),
  amountCents: z.number().int(),
  updatedAt: z.string(),
});
export type PayoutRate = z.infer<typeof rateRow>;

export async function listPayoutRates(db: CommonQueryMethods): Promise<readonly PayoutRate[]> {
  return db.any(sql.type(rateRow)`
    select session_kind as "sessionKind", role, amount_cents as "amountCents", updated_at as "updatedAt"
    from payout_rates order by session_kind, role`);
}

export async function setPayoutRate(
  db: CommonQueryMethods,
  sessionKind: 'workshop' | 'training',
  role: PayoutRole,
  amountCents: number,
): Promise<PayoutRate> {
  return db.one(sql.type(rateRow)`
    insert into payout_rates (session_kind, role, amount_cents) values (${sessionKind}, ${role}, ${amountCents})
    on conflict (session_kind, role) do update set amount_cents = excluded.amount_cents, updated_at = now()
    returning session_kind as "sessionKind", role, amount_cents as "amountCents", updated_at as "updatedAt"`);
}

const profileRow = z.object({
  providerId: z.string(),
  legalName: z.string(),
  address: z.string().nullable(),
  country: z.string(),
  siret: z.string().nullable(),
  vatNumber: z.string().nullable(),
  vatRatePercent: z.number().nullable(),
  selfBillingMandateSignedOn: z.string().nullable(),
});

export async function findBillingProfile(
  db: CommonQueryMethods,
  providerId: string,
): Promise<BillingProfile | null> {
  return db.maybeOne(sql.type(profileRow)`
    select id as "providerId", coalesce(billing_name, first_name || ' ' || last_name) as "legalName",
      billing_address as address, country, siret, vat_number as "vatNumber", vat_rate_percent as "vatRatePercent",
      self_billing_mandate_signed_on as "selfBillingMandateSignedOn"
    from facilitators where id = ${providerId}`);
}

export interface BillingDetails {
  billingName: string | null;
  billingAddress: string | null;
  siret: string | null;
  vatNumber: string | null;
  vatRatePercent: number | null;
  selfBillingMandateSignedOn: string | null;
}

const detailsRow = z.object({
  billingName: z.string().nullable(),
  billingAddress: z.string().nullable(),
  siret: z.string().nullable(),
  vatNumber: z.string().nullable(),
  vatRatePercent: z.number().nullable(),
  selfBillingMandateSignedOn: z.string().nullable(),
});

/** The billing details as staff entered them (no fallback name): null when not in the directory. */
export async function findBillingDetails(
  db: CommonQueryMethods,
  providerId: string,
): Promise<BillingDetails | null> {
  return db.maybeOne(sql.type(detailsRow)`
    select billing_name as "billingName", billing_address as "billingAddress", siret,
      vat_number as "vatNumber", vat_rate_percent as "vatRatePercent",
      self_billing_mandate_signed_on as "selfBillingMandateSignedOn"
    from facilitators where id = ${providerId}`);
}

/** Replaces a provider's billing details; false when the provider is not in the directory. */
export async function setBillingDetails(
  db: CommonQueryMethods,
  providerId: string,
  details: BillingDetails,
): Promise<boolean> {
  const updated = await db.maybeOneFirst(sql.type(z.object({ id: z.string() }))`
    update facilitators set billing_name = ${details.billingName}, billing_address = ${details.billingAddress},
      siret = ${details.siret}, vat_number = ${details.vatNumber}, vat_rate_percent = ${details.vatRatePercent},
      self_billing_mandate_signed_on = ${details.selfBillingMandateSignedOn}::date, updated_at = now()
    where id = ${providerId} returning id`);
  return updated !== null;
}

const allocatedRow = z.object({ invoiceNumber: z.string(), number: z.number().int(), series: z.string() });
export type AllocatedInvoiceNumber = z.infer<typeof allocatedRow>;

/**
 * The payout's invoice number, taken once. The series row is locked first, so concurrent or
 * retried attempts for the same payout run one after the other and the later ones find the
 * number already taken; counter and invoice row commit together, so no number is skipped.
 */
export async function allocateInvoiceNumber(
  pool: DatabasePool,
  invoice: { payoutId: string; missionId: string; providerId: string; issuedOn: string; totalCents: number },
): Promise<AllocatedInvoiceNumber> {
  const series = `AF-${invoice.issuedOn.slice(0, 4)}`;
  return pool.transaction(async (tx) => {
    await tx.query(sql.unsafe`
      insert into invoice_series (series, last_number) values (${series}, 0) on conflict (series) do nothing`);
    await tx.query(sql.unsafe`select last_number from invoice_series where series = ${series} for update`);
    const existing = await tx.maybeOne(sql.type(allocatedRow)`
      select invoice_number as "invoiceNumber", number, series from self_billing_invoices
      where payout_id = ${invoice.payoutId}`);
    if (existing) return existing;
    const number = await tx.oneFirst(sql.type(z.object({ last_number: z.number().int() }))`
      update invoice_series set last_number = last_number + 1 where series = ${series} returning last_number`);
    const invoiceNumber = `${series}-${String(number).padStart(5, '0')}`;
    await tx.query(sql.unsafe`
      insert into self_billing_invoices (payout_id, series, number, invoice_number, mission_id, provider_id, issued_on, total_cents)
      values (${invoice.payoutId}, ${series}, ${number}, ${invoiceNumber}, ${invoice.missionId}, ${invoice.providerId},
              ${invoice.issuedOn}::date, ${invoice.totalCents})`);
    return { invoiceNumber, number, series };
  });
}

export async function attachInvoiceDocument(
  db: CommonQueryMethods,
  payoutId: string,
  documentId: string,
): Promise<void> {
  await db.query(sql.unsafe`
    update self_billing_invoices set document_id = ${documentId} where payout_id = ${payoutId}`);
}

const payoutRow = z.object({
  payoutId: z.string(),
  missionId: z.string(),
  requestId: z.string(),
  providerId: z.string(),
  providerName: z.string(),
  channel: z.enum(PAYOUT_CHANNELS).nullable(),
  supplierInvoiceReason: z.string().nullable(),
  status: z.enum(PROVIDER_PAYOUT_STATUSES),
  lines: z.array(
    z.object({
      sessionId: z.string().nullable(),
      kind: z.enum(['workshop', 'training']),
      role: z.enum(PAYOUT_ROLES),
      title: z.string(),
      date: z.string(),
      amountCents: z.number().int(),
    }),
  ),
  totalCents: z.number().int().nullable(),
  invoiceNumber: z.string().nullable(),
  invoiceDocumentId: z.string().nullable(),
  supplierInvoiceDocumentId: z.string().nullable(),
  requestedAt: z.string(),
  invoiceRequestedAt: z.string().nullable(),
  invoiceRemindersSent: z.number().int(),
  staffAlerted: z.boolean(),
  invoiceReceivedAt: z.string().nullable(),
  paidAt: z.string().nullable(),
});
export type ProviderPayoutRecord = z.infer<typeof payoutRow>;

const payoutColumns = sql.fragment`
  payout_id::text as "payoutId", mission_id::text as "missionId", request_id as "requestId",
  provider_id as "providerId", provider_name as "providerName", channel,
  supplier_invoice_reason as "supplierInvoiceReason", status, lines, total_cents as "totalCents",
  invoice_number as "invoiceNumber", invoice_document_id::text as "invoiceDocumentId",
  supplier_invoice_document_id::text as "supplierInvoiceDocumentId", requested_at as "requestedAt",
  invoice_requested_at as "invoiceRequestedAt", invoice_reminders_sent as "invoiceRemindersSent",
  staff_alerted as "staffAlerted", invoice_received_at as "invoiceReceivedAt", paid_at as "paidAt"`;

/** Version-guarded: a late or retried projection of an older state changes nothing. */
export async function upsertProviderPayout(db: CommonQueryMethods, view: ProviderPayoutView): Promise<void> {
  await db.query(sql.unsafe`
    insert into provider_payouts (payout_id, mission_id, request_id, provider_id, provider_name, channel,
      supplier_invoice_reason, status, lines, total_cents, invoice_number, invoice_document_id,
      supplier_invoice_document_id, requested_at, invoice_requested_at, invoice_reminders_sent, staff_alerted,
      invoice_received_at, paid_at, version)
    values (${view.payoutId}, ${view.missionId}, ${view.requestId}, ${view.provider.id}, ${view.provider.name},
      ${view.channel}, ${view.supplierInvoiceReason}, ${view.status},
      ${sql.jsonb(view.lines as unknown as Parameters<typeof sql.jsonb>[0])}, ${view.totalCents},
      ${view.invoiceNumber}, ${view.invoiceDocumentId}, ${view.supplierInvoiceDocumentId},
      ${view.requestedAt}::timestamptz, ${view.invoiceRequestedAt}::timestamptz, ${view.invoiceRemindersSent},
      ${view.staffAlerted}, ${view.invoiceReceivedAt}::timestamptz, ${view.paidAt}::date, ${view.version})
    on conflict (payout_id) do update set
      channel = excluded.channel, supplier_invoice_reason = excluded.supplier_invoice_reason,
      status = excluded.status, lines = excluded.lines, total_cents = excluded.total_cents,
      invoice_number = excluded.invoice_number, invoice_document_id = excluded.invoice_document_id,
      supplier_invoice_document_id = excluded.supplier_invoice_document_id,
      invoice_requested_at = excluded.invoice_requested_at, invoice_reminders_sent = excluded.invoice_reminders_sent,
      staff_alerted = excluded.staff_alerted, invoice_received_at = excluded.invoice_received_at,
      paid_at = excluded.paid_at, version = excluded.version
    where provider_payouts.version < excluded.version`);
}

export async function listProviderPayouts(
  db: CommonQueryMethods,
  missionId: string,
): Promise<readonly ProviderPayoutRecord[]> {
  return db.any(sql.type(payoutRow)`
    select ${payoutColumns} from provider_payouts where mission_id = ${missionId}
    order by requested_at, provider_name, payout_id`);
}

export async function findProviderPayout(
  db: CommonQueryMethods,
  payoutId: string,
): Promise<ProviderPayoutRecord | null> {
  return db.maybeOne(
    sql.type(payoutRow)`select ${payoutColumns} from provider_payouts where payout_id = ${payoutId}`,
  );
}
