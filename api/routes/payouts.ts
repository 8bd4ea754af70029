import { randomUUID } from 'node:crypto';
import type { UpdateDefinition } from '@temporalio/common';
import { Type } from 'typebox';
import { findSealedPdf, isConvertible } from '../../activities/documents/pdf/sealed-pdf.ts';
import { findDocument } from '../../activities/documents/store.ts';
import { findMission, type MissionRecord } from '../../db/queries/missions.ts';
import {
  findBillingDetails,
  findBillingProfile,
  findProviderPayout,
  listPayoutRates,
  listProviderPayouts,
  setBillingDetails,
  setPayoutRate,
} from '../../db/queries/payouts.ts';
import {
  closeMissionUpdate,
  declareUsageRightsUpdate,
  markPayoutPaidUpdate,
  type ProviderPayoutView,
  providerPayoutWorkflowId,
  requestPayoutsUpdate,
  waiveSheetUpdate,
} from '../../workflows/messages/payouts.ts';
import { businessDate } from '../../workflows/rules/calendar.ts';
import { payoutChannel } from '../../workflows/rules/payout-channel.ts';
import type { ApiDependencies } from '../dependencies.ts';
import { sendDocument } from '../documents/send-document.ts';
import { presentClosure, presentPayouts, presentProviderPayout } from '../missions/present-payouts.ts';
import { idFromKey, runMissionUpdate } from '../missions/send-command.ts';
import { loadVisibleMission } from '../missions/visibility.ts';
import { requireRole } from '../plugins/authentication.ts';
import { notFound, ProblemError } from '../problems.ts';
import {
  MissionIdParamsSchema,
  OptionalIdempotencyHeadersSchema,
  SessionParamsSchema,
} from '../schemas/mission.ts';
import {
  BillingDetailsSchema,
  BillingViewSchema,
  ClosureViewSchema,
  MarkPaidBodySchema,
  PayoutParamsSchema,
  PayoutRateSchema,
  PayoutRequestSchema,
  PayoutsViewSchema,
  RateBodySchema,
  RateParamsSchema,
  UsageRightsBodySchema,
  UsageRightsSchema,
  WaiverBodySchema,
  WaiverSchema,
} from '../schemas/payouts.ts';
import { problemResponses } from '../schemas/problem.ts';
import { sendUpdate } from '../send-update.ts';
import type { TypedApp } from '../typed-app.ts';

const ProviderPayoutRef = Type.Ref('ProviderPayout');
const BillingParamsSchema = Type.Object({ facilitatorId: Type.String({ minLength: 1, maxLength: 100 }) });
const commandProblems = problemResponses(401, 403, 404, 409, 422, 503, 504);
const readProblems = problemResponses(401, 403, 404, 422);

/** Payout requests, their status per facilitator and session, closure and usage rights. */
export function payoutRoutes(deps: ApiDependencies) {
  async function sendPayoutUpdate<Arg>(
    payoutId: string,
    update: UpdateDefinition<ProviderPayoutView, [Arg]>,
    arg: Arg,
  ): Promise<ProviderPayoutView> {
    return sendUpdate(deps, providerPayoutWorkflowId(payoutId), update, arg, {
      whenGone: () => new ProblemError(409, 'PAYOUT_CLOSED', 'This payout is already settled.'),
    });
  }

  async function loadPayout(payoutId: string) {
    const payout = await findProviderPayout(deps.pool, payoutId);
    if (!payout) throw notFound('payout', payoutId, 'PAYOUT_NOT_FOUND');
    return payout;
  }

  return async (app: TypedApp) => {
    app.get(
      '/missions/:missionId/payouts',
      {
        schema: {
          tags: ['payouts'],
          summary: 'Payout status per facilitator and session, requests and provider payouts',
          params: MissionIdParamsSchema,
          response: { 200: PayoutsViewSchema, ...readProblems },
        },
      },
      async (request) => {
        const actor = requireRole(request, 'staff', 'coordinator');
        const record = await loadVisibleMission(deps, actor, request.params.missionId);
        return presentPayouts(record, await listProviderPayouts(deps.pool, record.missionId)) as never;
      },
    );

    app.post(
      '/missions/:missionId/payout-requests',
      {
        schema: {
          tags: ['payouts'],
          summary: 'Request every eligible payout (once per calendar month and mission)',
          description:
            'Takes every eligible item not yet requested. A second request in the same month is refused with PAYOUT_WINDOW_CLOSED and `nextWindowOpensOn`; a request with nothing eligible with NOTHING_TO_REQUEST, saying why.',
          params: MissionIdParamsSchema,
          headers: OptionalIdempotencyHeadersSchema,
          response: { 201: PayoutRequestSchema, ...commandProblems },
        },
      },
      async (request, reply) => {
        const actor = requireRole(request, 'staff', 'coordinator');
        const { missionId } = request.params;
        const key = request.headers['idempotency-key'];
        const requestId = key ? idFromKey(missionId, actor.subject, key) : randomUUID();
        const accepted = await runMissionUpdate(
          deps,
          actor,
          missionId,
          requestPayoutsUpdate,
          { actor, requestId },
          key,
        );
        return reply.code(201).send({
          id: accepted.requestId,
          requestedAt: accepted.requestedAt,
          month: accepted.month,
          payouts: accepted.payouts.map((payout) => ({
            id: payout.payoutId,
            provider: { id: payout.providerId, name: payout.providerName },
            lines: payout.lines.length,
          })),
        });
      },
    );

    app.post(
      '/missions/:missionId/sessions/:sessionId/payout-waiver',
      {
        schema: {
          tags: ['payouts'],
          summary:
            'Waive the compliant-sheet condition for a session’s payouts, with the reason (staff only)',
          params: SessionParamsSchema,
          body: WaiverBodySchema,
          response: { 200: WaiverSchema, ...commandProblems },
        },
      },
      async (request) => {
        const actor = requireRole(request, 'staff');
        const { missionId, sessionId } = request.params;
        return runMissionUpdate(deps, actor, missionId, waiveSheetUpdate, {
          actor,
          sessionId,
          reason: request.body.reason,
        });
      },
    );

    app.get(
      '/missions/:missionId/closure',
      {
        schema: {
          tags: ['closure'],
          summary: 'The closure checklist: what is done, and what is missing',
          params: MissionIdParamsSchema,
          response: { 200: ClosureViewSchema, ...readProblems },
        },
      },
      async (request) => {
        const actor = requireRole(request, 'staff', 'coordinator');
        return presentClosure(await loadVisibleMission(deps, actor, request.params.missionId)) as never;
      },
    );

    app.post(
      '/missions/:missionId/closure',
      {
        schema: {
          tags: ['closure'],
          summary: 'Declare the mission closed (once every session has ended and every payout is requested)',
          description:
            'Starts the coordinator’s payout, tells the billing team the client can be invoiced and locks the mission: every later command gets MISSION_CLOSED.',
          params: MissionIdParamsSchema,
          response: { 200: ClosureViewSchema, ...commandProblems },
        },
      },
      async (request) => {
        const actor = requireRole(request, 'staff', 'coordinator');
        const { missionId } = request.params;
        await runMissionUpdate(deps, actor, missionId, closeMissionUpdate, { actor });
        return presentClosure(await loadVisibleMission(deps, actor, missionId)) as never;
      },
    );

    app.post(
      '/missions/:missionId/usage-rights',
      {
        schema: {
          tags: ['closure'],
          summary: 'Declare a facilitator’s usage rights (client introductions only)',
          description:
            'A facilitator declares their own (omit facilitatorId); the coordinator or staff may declare for a facilitator of the mission.',
          params: MissionIdParamsSchema,
          body: UsageRightsBodySchema,
          response: { 201: UsageRightsSchema, ...commandProblems },
        },
      },
      async (request, reply) => {
        const actor = requireRole(request, 'staff', 'coordinator', 'facilitator');
        const { missionId } = request.params;
        const facilitatorId = actor.role === 'facilitator' ? actor.subject : request.body.facilitatorId;
        if (!facilitatorId)
          throw new ProblemError(
            422,
            'FACILITATOR_REQUIRED',
            'Say whose usage rights you declare (facilitatorId).',
          );
        let visible: MissionRecord | undefined;
        if (actor.role === 'facilitator') {
          // A facilitator sees only missions they facilitated: any other answers as missing.
          const record = await findMission(deps.pool, missionId);
          const tookPart = record?.settlement.sessionFacts?.some((facts) =>
            facts.facilitators.some((facilitator) => facilitator.facilitatorId === actor.subject),
          );
          if (!record || !tookPart) throw notFound('mission', missionId, 'MISSION_NOT_FOUND');
          visible = record;
        }
        const declaration = await runMissionUpdate(
          deps,
          actor,
          missionId,
          declareUsageRightsUpdate,
          {
            actor,
            facilitatorId,
            revenueCents: request.body.revenueCents,
            participants: request.body.participants,
          },
          undefined,
          visible,
        );
        return reply.code(201).send(declaration);
      },
    );

    app.post(
      '/payouts/:payoutId/paid',
      {
        schema: {
          tags: ['payouts'],
          summary: 'Mark a provider’s payout paid, once transferred (staff only)',
          params: PayoutParamsSchema,
          body: MarkPaidBodySchema,
          response: { 200: ProviderPayoutRef, ...commandProblems },
        },
      },
      async (request) => {
        const actor = requireRole(request, 'staff');
        const { payoutId } = request.params;
        await loadPayout(payoutId);
        await sendPayoutUpdate(payoutId, markPayoutPaidUpdate, { actor, paidOn: request.body.paidOn });
        return presentProviderPayout(await loadPayout(payoutId)) as never;
      },
    );

    app.get(
      '/payouts/:payoutId/invoice',
      {
        schema: {
          tags: ['payouts'],
          summary:
            'Download the payout’s invoice: the self-billing invoice, or the provider’s own (staff only)',
          description:
            'The self-billing invoice as staff edit it (docx), or with `format=pdf` the sealed PDF the provider and the billing team received; the provider’s own invoice as they uploaded it either way.',
          params: PayoutParamsSchema,
          querystring: Type.Object({
            format: Type.Optional(Type.Union([Type.Literal('docx'), Type.Literal('pdf')])),
          }),
          response: {
            200: Type.Unsafe({ type: 'string', format: 'binary', description: 'The invoice file' }),
            ...readProblems,
          },
        },
      },
      async (request, reply) => {
        requireRole(request, 'staff');
        const payout = await loadPayout(request.params.payoutId);
        const documentId = payout.invoiceDocumentId ?? payout.supplierInvoiceDocumentId;
        const document = documentId ? await findDocument(deps.pool, documentId) : null;
        if (!document) throw new ProblemError(404, 'INVOICE_NOT_READY', 'This payout has no invoice yet.');
        if (request.query.format !== 'pdf' || !isConvertible(document))
          return sendDocument(reply, document) as never;
        // Sealed by the worker when it e-mails the invoice, which it does as soon as it issues it.
        const pdf = await findSealedPdf(deps.pool, document.documentId);
        if (!pdf)
          throw new ProblemError(404, 'INVOICE_PDF_NOT_READY', 'The invoice has not been sent as a PDF yet.');
        return sendDocument(reply, pdf) as never;
      },
    );

    app.get(
      '/payout-rates',
      {
        schema: {
          tags: ['payouts'],
          summary: 'The rate table payouts are priced from, per session kind and role',
          response: { 200: Type.Array(PayoutRateSchema), ...problemResponses(401, 403) },
        },
      },
      async (request) => {
        requireRole(request, 'staff', 'coordinator');
        return listPayoutRates(deps.pool) as never;
      },
    );

    app.put(
      '/payout-rates/:sessionKind/:role',
      {
        schema: {
          tags: ['payouts'],
          summary: 'Set a rate (staff only); payouts already started keep their price',
          params: RateParamsSchema,
          body: RateBodySchema,
          response: { 200: PayoutRateSchema, ...problemResponses(401, 403, 422) },
        },
      },
      async (request) => {
        requireRole(request, 'staff');
        const { sessionKind, role } = request.params;
        return setPayoutRate(deps.pool, sessionKind, role, request.body.amountCents) as never;
      },
    );

    app.get(
      '/facilitators/:facilitatorId/billing',
      {
        schema: {
          tags: ['facilitators'],
          summary: 'Read a provider’s billing details and self-billing mandate (staff only)',
          description:
            '`payoutChannel` says how a payout requested today would be paid: self-billed, or by the provider’s own invoice and why.',
          params: BillingParamsSchema,
          response: { 200: BillingViewSchema, ...readProblems },
        },
      },
      async (request) => {
        requireRole(request, 'staff');
        const { facilitatorId } = request.params;
        const [details, profile] = await Promise.all([
          findBillingDetails(deps.pool, facilitatorId),
          findBillingProfile(deps.pool, facilitatorId),
        ]);
        if (!details || !profile) throw notFound('facilitator', facilitatorId, 'FACILITATOR_NOT_FOUND');
        const { channel, reason } = payoutChannel(profile, businessDate(deps.now?.() ?? new Date()));
        return {
          ...details,
          country: profile.country,
          payoutChannel: { channel, supplierInvoiceReason: reason },
        } as never;
      },
    );

    app.put(
      '/facilitators/:facilitatorId/billing',
      {
        schema: {
          tags: ['facilitators'],
          summary: 'Set a provider’s billing details and self-billing mandate (staff only)',
          description:
            'Self-billing needs a French provider with a signed mandate, a SIRET and an address; anyone else is asked for their own invoice.',
          params: BillingParamsSchema,
          body: BillingDetailsSchema,
          response: { 200: BillingDetailsSchema, ...problemResponses(401, 403, 404, 422) },
        },
      },
      async (request) => {
        requireRole(request, 'staff');
        const found = await setBillingDetails(deps.pool, request.params.facilitatorId, request.body);
        if (!found) throw notFound('facilitator', request.params.facilitatorId, 'FACILITATOR_NOT_FOUND');
        return request.body;
      },
    );
  };
}
