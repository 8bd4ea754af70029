import {
  ActivityFailure,
  allHandlersFinished,
  condition,
  log,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { MissionActivities } from '../../activities/index.ts';
import { clone } from '../clone.ts';
import {
  type BillingProfile,
  type IssuedInvoice,
  markPayoutPaidUpdate,
  type ProviderPayoutInput,
  type ProviderPayoutView,
  providerPayoutStateQuery,
  type SupplierInvoiceCommand,
  supplierInvoiceReceivedUpdate,
} from '../messages/payouts.ts';
import { PayoutStatusKey } from '../messages/search-attributes.ts';
import { rejectIf } from '../mission/reject.ts';
import { DEFAULT_PAYOUT_POLICY } from '../policy.ts';
import { businessDate } from '../rules/calendar.ts';
import { msOf } from '../rules/durations.ts';
import { checkMarkPaid, checkSupplierInvoice, payoutChannel } from '../rules/payout-channel.ts';
import {
  selfBillingInvoiceEmails,
  supplierInvoiceOverdueEmail,
  supplierInvoiceReceivedEmail,
  supplierInvoiceRequestEmail,
} from './emails.ts';

const { loadPayoutTerms, issueSelfBillingInvoice, projectPayout, sendEmail } =
  proxyActivities<MissionActivities>({
    startToCloseTimeout: '1 minute',
    // No attempt limit: a missing rate or an outage holds the payout (visible as a retrying
    // activity in the Web UI) until staff fix it; it never fails the payout.
    retry: { initialInterval: '1 second', maximumInterval: '5 minutes' },
  });

/**
 * One provider's payout for one request (or the coordinator's, at closure): priced from the rate
 * table, then self-billed (invoice numbered without gaps, sent to the provider and the billing
 * team) or, without a mandate or outside France, the provider's own invoice awaited with weekly
 * reminders and staff told after 30 days. Ends when staff mark it paid.
 */
export async function providerPayoutWorkflow(input: ProviderPayoutInput): Promise<ProviderPayoutView> {
  const policy = { ...DEFAULT_PAYOUT_POLICY, ...input.policy };
  const view: ProviderPayoutView = {
    payoutId: input.payoutId,
    missionId: input.missionId,
    requestId: input.requestId,
    provider: { id: input.provider.id, name: input.provider.name },
    channel: null,
    supplierInvoiceReason: null,
    status: 'pricing',
    lines: [],
    totalCents: null,
    invoiceNumber: null,
    invoiceDocumentId: null,
    supplierInvoiceDocumentId: null,
    requestedAt: input.requestedAt,
    invoiceRequestedAt: null,
    invoiceRemindersSent: 0,
    staffAlerted: false,
    invoiceReceivedAt: null,
    paidAt: null,
    version: 1,
  };
  let projectedVersion = 0;
  const change = (apply: () => void): number => {
    apply();
    view.version += 1;
    return view.version;
  };
  const projected = async (version: number) => {
    await condition(() => projectedVersion >= version);
    return clone(view);
  };
  const needsProjection = () => projectedVersion < view.version;
  let searchableStatus = view.status;
  async function project(): Promise<void> {
    while (needsProjection()) {
      const version = view.version;
      await projectPayout(clone(view));
      projectedVersion = version;
    }
    if (view.status !== searchableStatus) {
      searchableStatus = view.status;
      upsertSearchAttributes([{ key: PayoutStatusKey, value: view.status }]);
    }
  }

  setHandler(providerPayoutStateQuery, () => clone(view));
  setHandler(
    supplierInvoiceReceivedUpdate,
    async ({ documentId }) =>
      projected(
        change(() => {
          view.status = 'invoice_received';
          view.supplierInvoiceDocumentId = documentId;
          view.invoiceReceivedAt = new Date().toISOString();
        }),
      ),
    { validator: (_command: SupplierInvoiceCommand) => rejectIf(checkSupplierInvoice(view)) },
  );
  setHandler(
    markPayoutPaidUpdate,
    async ({ paidOn }) =>
      projected(
        change(() => {
          view.status = 'paid';
          view.paidAt = paidOn;
        }),
      ),
    { validator: ({ actor, paidOn }) => rejectIf(checkMarkPaid(view, actor, paidOn)) },
  );

  const issuedOn = businessDate(new Date());
  const terms = await loadPayoutTerms({ providerId: input.provider.id, lines: input.lines });
  const { channel, reason } = payoutChannel(terms.profile, issuedOn);
  change(() => {
    view.lines = terms.lines;
    view.totalCents = terms.lines.reduce((sum, line) => sum + line.amountCents, 0);
    view.channel = channel;
    view.supplierInvoiceReason = reason;
  });
  await project();

  const invoice = channel === 'self_billing' && terms.profile ? await selfBill(terms.profile) : null;
  if (invoice) {
    change(() => {
      view.status = 'invoiced';
      view.invoiceNumber = invoice.invoiceNumber;
      view.invoiceDocumentId = invoice.documentId;
    });
    await project();
    for (const email of selfBillingInvoiceEmails(input, view)) await sendEmail(email);
  } else {
    await awaitSupplierInvoice();
    await sendEmail(supplierInvoiceReceivedEmail(input, view));
  }

  for (;;) {
    await condition(() => view.status === 'paid' || needsProjection());
    await project();
    if (view.status === 'paid') {
      await condition(allHandlersFinished);
      return clone(view);
    }
  }

  /**
   * An invoice the activity refuses to issue (its data cannot make a valid one) is final: the
   * provider is asked for their own invoice instead, and the payout carries on.
   */
  async function selfBill(profile: BillingProfile): Promise<IssuedInvoice | null> {
    try {
      return await issueSelfBillingInvoice({
        payoutId: input.payoutId,
        missionId: input.missionId,
        missionTitle: input.missionTitle,
        clientName: input.clientName,
        provider: profile,
        lines: terms.lines,
        issuedOn,
      });
    } catch (error) {
      if (!(error instanceof ActivityFailure)) throw error;
      log.error('self-billing invoice refused; asking the provider for theirs', {
        payoutId: input.payoutId,
        error,
      });
      change(() => {
        view.channel = 'supplier_invoice';
        view.supplierInvoiceReason = 'incomplete_billing_profile';
      });
      return null;
    }
  }

  /** Asks for the provider's invoice, then reminds them weekly and tells staff once, until it arrives. */
  async function awaitSupplierInvoice(): Promise<void> {
    const askedAt = Date.now();
    change(() => {
      view.status = 'awaiting_invoice';
      view.invoiceRequestedAt = new Date(askedAt).toISOString();
    });
    await project();
    const linkExpiry = () => new Date(Date.now() + msOf(policy.uploadLinkValidity)).toISOString();
    await sendEmail(supplierInvoiceRequestEmail(input, view, 0, linkExpiry()));
    const every = msOf(policy.supplierInvoiceReminderEvery);
    const alertAfter = msOf(policy.supplierInvoiceStaffAlertAfter);
    while (view.status === 'awaiting_invoice') {
      const reminderAt = askedAt + (view.invoiceRemindersSent + 1) * every;
      const alertAt = view.staffAlerted ? Number.POSITIVE_INFINITY : askedAt + alertAfter;
      const due = Math.min(reminderAt, alertAt);
      await condition(
        () => view.status !== 'awaiting_invoice' || needsProjection(),
        Math.max(1, due - Date.now()),
        {
          summary: view.staffAlerted
            ? 'until the next invoice reminder'
            : 'until the invoice reminder or staff alert',
        },
      );
      await project();
      if (view.status !== 'awaiting_invoice') return;
      if (Date.now() >= alertAt) {
        await sendEmail(supplierInvoiceOverdueEmail(input, view, Math.round(alertAfter / msOf('1 day'))));
        change(() => {
          view.staffAlerted = true;
        });
      }
      if (Date.now() >= reminderAt) {
        await sendEmail(
          supplierInvoiceRequestEmail(input, view, view.invoiceRemindersSent + 1, linkExpiry()),
        );
        change(() => {
          view.invoiceRemindersSent += 1;
        });
      }
      await project();
    }
  }
}
