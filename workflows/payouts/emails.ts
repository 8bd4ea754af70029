import type { EmailRequest, PayoutEmailData } from '../messages/email.ts';
import type { ProviderPayoutInput, ProviderPayoutView } from '../messages/payouts.ts';

const data = (input: ProviderPayoutInput, view: ProviderPayoutView): PayoutEmailData => ({
  missionId: input.missionId,
  missionTitle: input.missionTitle,
  clientName: input.clientName,
  providerName: input.provider.name,
  totalCents: view.totalCents ?? 0,
});

const toProvider = (input: ProviderPayoutInput) => ({
  email: input.provider.email,
  name: input.provider.name,
});

/** The provider keeps a copy of every invoice issued in their name. */
export function selfBillingInvoiceEmails(
  input: ProviderPayoutInput,
  view: ProviderPayoutView,
): EmailRequest[] {
  const invoiceNumber = view.invoiceNumber ?? '';
  const attachments = view.invoiceDocumentId ? [{ documentId: view.invoiceDocumentId }] : [];
  return [
    {
      template: 'selfBillingInvoiceIssued',
      to: toProvider(input),
      language: 'fr',
      idempotencyKey: `${input.payoutId}:self-billing-invoice`,
      missionId: input.missionId,
      data: { ...data(input, view), invoiceNumber },
      attachments,
    },
    {
      template: 'selfBillingInvoiceToBilling',
      to: 'billing',
      language: 'fr',
      idempotencyKey: `${input.payoutId}:self-billing-invoice:billing`,
      missionId: input.missionId,
      data: { ...data(input, view), invoiceNumber, providerId: input.provider.id },
      attachments,
    },
  ];
}

/** The first request (reminder 0) and each weekly reminder carry a fresh single-use upload link. */
export function supplierInvoiceRequestEmail(
  input: ProviderPayoutInput,
  view: ProviderPayoutView,
  reminder: number,
  linkExpiresAt: string,
): EmailRequest {
  return {
    template: 'supplierInvoiceRequest',
    to: toProvider(input),
    language: 'fr',
    idempotencyKey: `${input.payoutId}:supplier-invoice:${reminder}`,
    missionId: input.missionId,
    data: { ...data(input, view), reminder },
    link: {
      purpose: 'supplierInvoice',
      subjectId: input.payoutId,
      sessionId: input.missionId,
      expiresAt: linkExpiresAt,
    },
  };
}

export function supplierInvoiceOverdueEmail(
  input: ProviderPayoutInput,
  view: ProviderPayoutView,
  days: number,
): EmailRequest {
  return {
    template: 'supplierInvoiceOverdue',
    to: 'staff',
    language: 'fr',
    idempotencyKey: `${input.payoutId}:supplier-invoice:overdue`,
    missionId: input.missionId,
    data: {
      ...data(input, view),
      providerEmail: input.provider.email,
      requestedAt: view.invoiceRequestedAt ?? view.requestedAt,
      days,
    },
  };
}

export function supplierInvoiceReceivedEmail(
  input: ProviderPayoutInput,
  view: ProviderPayoutView,
): EmailRequest {
  return {
    template: 'supplierInvoiceReceived',
    to: 'billing',
    language: 'fr',
    idempotencyKey: `${input.payoutId}:supplier-invoice:received`,
    missionId: input.missionId,
    data: { ...data(input, view), providerId: input.provider.id },
    attachments: view.supplierInvoiceDocumentId ? [{ documentId: view.supplierInvoiceDocumentId }] : [],
  };
}
