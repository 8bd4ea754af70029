import type { MissionRecord } from '../../db/queries/missions.ts';
import type { ProviderPayoutRecord } from '../../db/queries/payouts.ts';
import { emptySettlement, type MissionSettlement } from '../../workflows/messages/payouts.ts';
import { businessDate, firstDayOfNextMonth } from '../../workflows/rules/calendar.ts';
import { closureGaps } from '../../workflows/rules/closure.ts';

const settlementOf = (record: MissionRecord): MissionSettlement => ({
  ...emptySettlement(),
  ...record.settlement,
});

export function presentProviderPayout(payout: ProviderPayoutRecord) {
  return {
    id: payout.payoutId,
    requestId: payout.requestId,
    provider: { id: payout.providerId, name: payout.providerName },
    channel: payout.channel,
    supplierInvoiceReason: payout.supplierInvoiceReason,
    status: payout.status,
    lines: payout.lines,
    totalCents: payout.totalCents,
    invoiceNumber: payout.invoiceNumber,
    invoiceAvailable: Boolean(payout.invoiceDocumentId ?? payout.supplierInvoiceDocumentId),
    requestedAt: payout.requestedAt,
    invoiceRequestedAt: payout.invoiceRequestedAt,
    invoiceRemindersSent: payout.invoiceRemindersSent,
    staffAlerted: payout.staffAlerted,
    invoiceReceivedAt: payout.invoiceReceivedAt,
    paidOn: payout.paidAt,
  };
}

/**
 * Payout items as the coordinator's tag shows them: the mission says not eligible / eligible /
 * requested, and a requested item is `paid` once its provider payout is.
 */
export function presentPayouts(record: MissionRecord, payouts: readonly ProviderPayoutRecord[]) {
  const settlement = settlementOf(record);
  const paid = new Set(payouts.filter((payout) => payout.status === 'paid').map((payout) => payout.payoutId));
  const last = settlement.requests.at(-1);
  return {
    dealType: record.dealType,
    window: {
      lastRequestedOn: last ? businessDate(new Date(last.requestedAt)) : null,
      nextWindowOpensOn: last ? firstDayOfNextMonth(last.month) : null,
    },
    items: settlement.items.map((item) => {
      const session = record.sessions.find((candidate) => candidate.sessionId === item.sessionId);
      return {
        sessionId: item.sessionId,
        sessionTitle: session?.title ?? '',
        sessionStartsAt: session?.startsAt ?? '',
        facilitator: { id: item.facilitatorId, name: item.facilitatorName },
        role: item.role,
        status: item.payoutId && paid.has(item.payoutId) ? ('paid' as const) : item.status,
        holdReasons: item.holdReasons,
        requestId: item.requestId,
        payoutId: item.payoutId,
      };
    }),
    requests: settlement.requests.map((request) => ({
      id: request.requestId,
      requestedAt: request.requestedAt,
      requestedBy: request.requestedBy,
      month: request.month,
      payoutIds: request.payouts.map((payout) => payout.payoutId),
    })),
    payouts: payouts.map(presentProviderPayout),
  };
}

export function presentClosure(record: MissionRecord) {
  const settlement = settlementOf(record);
  const closure = settlement.closure;
  // Worded by each reader: the recorded lines are English only (closure-gaps.ts says why).
  const gaps = new Map(
    closureGaps({
      ...record,
      sessions: record.sessions.map(({ offer: _offer, ...session }) => session),
      settlement,
    }).map((entry) => [entry.item, entry.gaps]),
  );
  return {
    status: record.status,
    closable:
      record.status === 'open' &&
      settlement.checklist.length > 0 &&
      settlement.checklist.every((item) => item.done || !item.blocking),
    checklist: settlement.checklist.map((entry) => ({ ...entry, gaps: gaps.get(entry.item) ?? [] })),
    closure: closure
      ? {
          closedAt: closure.closedAt,
          closedBy: closure.closedBy,
          automatic: closure.automatic,
          coordinatorPayoutId: closure.coordinatorPayout?.payoutId ?? null,
        }
      : null,
  };
}
