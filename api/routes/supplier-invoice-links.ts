import { findMission } from '../../db/queries/missions.ts';
import { findProviderPayout } from '../../db/queries/payouts.ts';
import type { ApiDependencies } from '../dependencies.ts';
import { claimsOfLink } from '../links/link-claims.ts';
import { limitLinkRate } from '../links/link-rate-limit.ts';
import { SUPPLIER_INVOICE_MAX_BYTES, uploadSupplierInvoice } from '../links/upload-supplier-invoice.ts';
import { verifyLinkTokenBeforeBody } from '../links/verify-before-body.ts';
import { ProblemError } from '../problems.ts';
import { SupplierInvoiceLinkSchema } from '../schemas/payouts.ts';
import { problemResponses } from '../schemas/problem.ts';
import { TokenParamsSchema } from '../schemas/staffing.ts';
import type { TypedApp } from '../typed-app.ts';
import { ACCEPTED_UPLOAD_TYPES } from '../uploads/sniff.ts';

const linkProblems = problemResponses(401, 404, 409, 410, 415, 422, 429, 503, 504);

/**
 * The supplier-invoice form behind the link a provider receives when they are not self-billed:
 * what is expected of them, and the upload of their invoice (PDF, PNG or JPEG).
 */
export function supplierInvoiceLinkRoutes(deps: ApiDependencies) {
  async function describe(payoutId: string) {
    const payout = await findProviderPayout(deps.pool, payoutId);
    const mission = payout && (await findMission(deps.pool, payout.missionId));
    if (!payout || !mission) throw new ProblemError(404, 'PAYOUT_NOT_FOUND', 'This payout does not exist.');
    return {
      provider: { name: payout.providerName },
      mission: { title: mission.title, clientName: mission.clientName },
      totalCents: payout.totalCents,
      status: payout.status,
    };
  }

  return async (app: TypedApp) => {
    await limitLinkRate(app, deps);
    await verifyLinkTokenBeforeBody(app, deps);
    // The invoice arrives as the file itself; its content, not its declared type, decides.
    app.addContentTypeParser(
      ACCEPTED_UPLOAD_TYPES,
      { parseAs: 'buffer', bodyLimit: SUPPLIER_INVOICE_MAX_BYTES },
      (_request, body, done) => done(null, body),
    );

    app.get(
      '/links/supplier-invoices/:token',
      {
        schema: {
          tags: ['links'],
          summary: 'What a supplier-invoice link expects: the payout and its amount',
          security: [],
          params: TokenParamsSchema,
          response: { 200: SupplierInvoiceLinkSchema, ...linkProblems },
        },
      },
      async (request) => {
        const claims = await claimsOfLink(deps, request.params.token, 'supplierInvoice');
        return describe(claims.subjectId) as never;
      },
    );

    app.put(
      '/links/supplier-invoices/:token',
      {
        schema: {
          tags: ['links'],
          summary: 'Upload your invoice for a payout (PDF, PNG or JPEG, 10 MB at most)',
          security: [],
          params: TokenParamsSchema,
          response: { 200: SupplierInvoiceLinkSchema, ...linkProblems },
        },
      },
      async (request) => {
        const claims = await claimsOfLink(deps, request.params.token, 'supplierInvoice');
        const bytes = request.body;
        if (!Buffer.isBuffer(bytes))
          throw new ProblemError(415, 'UNSUPPORTED_UPLOAD', 'Send your invoice as a PDF, PNG or JPEG file.');
        await uploadSupplierInvoice(deps, claims, bytes);
        return describe(claims.subjectId) as never;
      },
    );
  };
}
