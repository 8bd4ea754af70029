import { type BillingParty, findBillingParty, setBillingParty } from '../../db/queries/client-invoices.ts';
import { billingPartyErrors } from '../../workflows/rules/client-invoices.ts';
import type { ApiDependencies } from '../dependencies.ts';
import { requireRole } from '../plugins/authentication.ts';
import { ProblemError } from '../problems.ts';
import {
  BillingPartyBodySchema,
  BillingPartySchema,
  ClientBillingParamsSchema,
  OpcoBillingParamsSchema,
} from '../schemas/billing-party.ts';
import { problemResponses } from '../schemas/problem.ts';
import type { TypedApp } from '../typed-app.ts';

/**
 * Who closure's invoices are addressed to when the service has no address for them (issue #19
 * item 3): a client without a funding request, and the OPCO of a funded company. Without one,
 * the invoice is not issued and the billing e-mail says so.
 */
export function billingPartyRoutes(deps: ApiDependencies) {
  const present = (partyKey: string, party: BillingParty) => ({ partyKey, ...party });
  const read = async (partyKey: string) => {
    const party = await findBillingParty(deps.pool, partyKey);
    if (!party)
      throw new ProblemError(
        404,
        'BILLING_PARTY_NOT_FOUND',
        `No billing address is recorded for ${partyKey}.`,
      );
    return present(partyKey, party);
  };
  const save = async (partyKey: string, body: BillingParty) => {
    const errors = billingPartyErrors(body);
    if (errors.length > 0)
      throw new ProblemError(
        422,
        'BILLING_PARTY_INVALID',
        `The billing address is not saved: ${errors.map((error) => error.message).join(' ')}`,
        {
          errors: errors.map(({ path, message }) => ({ path: `body${path}`, message })),
          violations: errors.map(({ code, message }) => ({ code, message })),
        },
      );
    await setBillingParty(deps.pool, partyKey, body);
    return present(partyKey, body);
  };
  const getSchema = (
    params: typeof ClientBillingParamsSchema | typeof OpcoBillingParamsSchema,
    who: string,
  ) => ({
    tags: ['invoices'],
    summary: `Read the billing address of ${who} (staff only)`,
    params,
    response: { 200: BillingPartySchema, ...problemResponses(401, 403, 404, 422) },
  });
  const putSchema = (
    params: typeof ClientBillingParamsSchema | typeof OpcoBillingParamsSchema,
    who: string,
  ) => ({
    tags: ['invoices'],
    summary: `Set the billing address of ${who} (staff only)`,
    description:
      'Used by the invoices issued at closure from then on; invoices already issued keep what they say.',
    params,
    body: BillingPartyBodySchema,
    response: { 200: BillingPartySchema, ...problemResponses(401, 403, 422) },
  });
  return async (app: TypedApp) => {
    app.get(
      '/clients/:clientName/billing-party',
      { schema: getSchema(ClientBillingParamsSchema, 'a client') },
      async (request) => {
        requireRole(request, 'staff');
        return (await read(`client:${(request.params as { clientName: string }).clientName}`)) as never;
      },
    );
    app.put(
      '/clients/:clientName/billing-party',
      { schema: putSchema(ClientBillingParamsSchema, 'a client') },
      async (request) => {
        requireRole(request, 'staff');
        const key = `client:${(request.params as { clientName: string }).clientName}`;
        return (await save(key, request.body as BillingParty)) as never;
      },
    );
    app.get(
      '/opcos/:companySiren/billing-party',
      { schema: getSchema(OpcoBillingParamsSchema, "a company's OPCO") },
      async (request) => {
        requireRole(request, 'staff');
        return (await read(`opco:${(request.params as { companySiren: string }).companySiren}`)) as never;
      },
    );
    app.put(
      '/opcos/:companySiren/billing-party',
      { schema: putSchema(OpcoBillingParamsSchema, "a company's OPCO") },
      async (request) => {
        requireRole(request, 'staff');
        const key = `opco:${(request.params as { companySiren: string }).companySiren}`;
        return (await save(key, request.body as BillingParty)) as never;
      },
    );
  };
}
