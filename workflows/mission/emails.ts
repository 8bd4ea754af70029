import type { EmailRequest } from '../messages/email.ts';
import type { ClientInvoicesResult } from '../messages/invoices.ts';
import type { MissionSnapshot } from '../messages/mission.ts';
import type { SessionFacilitatorFact } from '../messages/payouts.ts';
import { clientInvoiceSummary, closureGaps } from '../rules/closure.ts';
import type { AutomaticStep } from '../rules/deadlines.ts';
import { unplannedCount } from '../rules/planning.ts';

/** Each e-mail's idempotency key names the mission and the step: it can only ever go once. */
export function missionAssignedEmail(mission: MissionSnapshot): EmailRequest {
  return {
    template: 'missionAssigned',
    to: { email: mission.coordinator.email, name: mission.coordinator.name },
    language: 'fr',
    idempotencyKey: `${mission.missionId}:mission-assigned`,
    missionId: mission.missionId,
    data: {
      missionId: mission.missionId,
      missionTitle: mission.title,
      clientName: mission.client.name,
      coordinatorName: mission.coordinator.name,
      endDate: mission.endDate,
    },
  };
}

export function automaticStepEmail(mission: MissionSnapshot, step: AutomaticStep): EmailRequest {
  const data = {
    missionId: mission.missionId,
    missionTitle: mission.title,
    clientName: mission.client.name,
    coordinatorName: mission.coordinator.name,
    endDate: mission.endDate,
    unplanned: unplannedCount(mission),
  };
  const key = `${mission.missionId}:${step}`;
  switch (step) {
    case 'planningReminder':
      return {
        template: 'planningReminder',
        to: { email: mission.coordinator.email, name: mission.coordinator.name },
        language: 'fr',
        idempotencyKey: key,
        missionId: mission.missionId,
        data,
      };
    case 'planningEscalation':
      return {
        template: 'planningEscalation',
        to: 'staff',
        language: 'fr',
        idempotencyKey: key,
        missionId: mission.missionId,
        data,
      };
  }
}

const missionData = (mission: MissionSnapshot) => ({
  missionId: mission.missionId,
  missionTitle: mission.title,
  clientName: mission.client.name,
  coordinatorName: mission.coordinator.name,
  endDate: mission.endDate,
});

const toCoordinator = (mission: MissionSnapshot) => ({
  email: mission.coordinator.email,
  name: mission.coordinator.name,
});

export function closureReminderEmail(mission: MissionSnapshot): EmailRequest {
  return {
    template: 'closureReminder',
    to: toCoordinator(mission),
    language: 'fr',
    idempotencyKey: `${mission.missionId}:closure-reminder`,
    missionId: mission.missionId,
    data: {
      ...missionData(mission),
      missing: mission.settlement.checklist.filter((item) => !item.done).flatMap((item) => item.missing),
      gaps: closureGaps(mission).flatMap((item) => item.gaps),
    },
  };
}

export function usageRightsRequestEmail(
  mission: MissionSnapshot,
  facilitator: SessionFacilitatorFact,
): EmailRequest {
  return {
    template: 'usageRightsRequest',
    to: { email: facilitator.email, name: facilitator.name },
    language: 'fr',
    idempotencyKey: `${mission.missionId}:usage-rights:${facilitator.facilitatorId}`,
    missionId: mission.missionId,
    data: { ...missionData(mission), facilitatorName: facilitator.name },
  };
}

/**
 * Closure tells the billing team what to invoice, split between funders and the client, and,
 * once the mission issues them, carries the invoices with what the OPCOs require beside theirs.
 */
export function clientInvoiceableEmail(
  mission: MissionSnapshot,
  invoices: ClientInvoicesResult | null = null,
): EmailRequest {
  const summary = clientInvoiceSummary(mission);
  const title = (sessionId: string) =>
    mission.sessions.find((session) => session.sessionId === sessionId)?.title ?? sessionId;
  const attachments = invoices
    ? [...new Set(invoices.issued.flatMap((invoice) => [invoice.documentId, ...invoice.attachmentIds]))].map(
        (documentId) => ({ documentId }),
      )
    : [];
  return {
    template: 'clientInvoiceable',
    to: 'billing',
    ...(attachments.length > 0 ? { attachments } : {}),
    language: 'fr',
    idempotencyKey: `${mission.missionId}:client-invoiceable`,
    missionId: mission.missionId,
    data: {
      ...missionData(mission),
      sessions: summary.sessions.map(
        ({ title, date, priceCents, fundedCents, clientCents, funder, agreementNumber }) => ({
          title,
          date,
          priceCents,
          fundedCents,
          clientCents,
          funder,
          agreementNumber,
        }),
      ),
      fundedCents: summary.fundedCents,
      clientCents: summary.clientCents,
      delivered: summary.sessions.length,
      ordered: mission.orderLines.reduce((sum, line) => sum + line.quantity, 0),
      ...(invoices
        ? {
            invoices: {
              issued: invoices.issued.map(({ sessionId, payer, invoiceNumber, grossCents }) => ({
                title: title(sessionId),
                payer,
                invoiceNumber,
                grossCents,
              })),
              notIssued: invoices.notIssued.map(({ sessionId, payer, reason }) => ({
                title: title(sessionId),
                payer,
                reason,
              })),
              notInvoiced: invoices.notInvoiced.map(({ sessionId, funder, amountCents }) => ({
                title: title(sessionId),
                funder,
                amountCents,
              })),
            },
          }
        : {}),
    },
  };
}

export function missionClosedEmail(mission: MissionSnapshot): EmailRequest {
  const closure = mission.settlement.closure;
  return {
    template: 'missionClosed',
    to: toCoordinator(mission),
    language: 'fr',
    idempotencyKey: `${mission.missionId}:closed`,
    missionId: mission.missionId,
    data: {
      ...missionData(mission),
      automatic: closure?.automatic ?? false,
      coordinatorPayout: Boolean(closure?.coordinatorPayout),
    },
  };
}
