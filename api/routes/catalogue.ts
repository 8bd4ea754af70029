import {
  changeOffer,
  createOffer,
  listOffers,
  offerRecord,
  offerVersion,
  retireOffer,
} from '../../db/queries/catalogue.ts';
import { type OfferContent, offerErrors } from '../../workflows/rules/catalogue.ts';
import type { ApiDependencies } from '../dependencies.ts';
import { requireRole } from '../plugins/authentication.ts';
import { ProblemError } from '../problems.ts';
import {
  OfferBodySchema,
  OfferListQuerySchema,
  OfferListSchema,
  OfferParamsSchema,
  OfferRecordSchema,
  OfferSchema,
  OfferVersionParamsSchema,
} from '../schemas/catalogue.ts';
import { problemResponses } from '../schemas/problem.ts';
import type { TypedApp } from '../typed-app.ts';

const offerNotFound = (offerId: string) =>
  new ProblemError(404, 'OFFER_NOT_FOUND', `No catalogue offer with id ${offerId}.`);

function checkOffer(content: OfferContent): void {
  const errors = offerErrors(content);
  if (errors.length > 0)
    throw new ProblemError(
      422,
      'OFFER_INVALID',
      `The offer is not saved: ${errors.map((error) => error.message).join(' ')}`,
      {
        errors: errors.map(({ path, message }) => ({ path, message })),
        violations: errors.map(({ code, message }) => ({ code, message })),
      },
    );
}

/**
 * The training catalogue: staff write offers, coordinators read them to plan sessions. A change
 * is a new version, never an edit: a session keeps the version it was planned with, and a
 * document the version it was built from.
 */
export function catalogueRoutes(deps: ApiDependencies) {
  return async (app: TypedApp) => {
    app.get(
      '/catalogue/offers',
      {
        schema: {
          tags: ['catalogue'],
          operationId: 'listOffers',
          summary: 'List the catalogue’s offers, each at its newest version (staff and coordinators)',
          querystring: OfferListQuerySchema,
          response: { 200: OfferListSchema, ...problemResponses(401, 403) },
        },
      },
      async (request) => {
        requireRole(request, 'staff', 'coordinator');
        const includeRetired = request.query.includeRetired ?? false;
        return { offers: await listOffers(deps.pool, { includeRetired }) } as never;
      },
    );

    app.post(
      '/catalogue/offers',
      {
        schema: {
          tags: ['catalogue'],
          operationId: 'createOffer',
          summary: 'Add an offer to the catalogue (staff only)',
          description:
            'Its version 1, dated today by the server. A refused field is named in `errors` (a JSON pointer into the body) with its reason, and its rule in `violations`.',
          body: OfferBodySchema,
          response: { 201: OfferRecordSchema, ...problemResponses(401, 403, 422) },
        },
      },
      async (request, reply) => {
        const actor = requireRole(request, 'staff');
        checkOffer(request.body);
        const offer = await createOffer(deps.pool, request.body, actor.subject);
        const record = await offerRecord(deps.pool, offer.offerId);
        return reply.code(201).send(record as never);
      },
    );

    app.get(
      '/catalogue/offers/:offerId',
      {
        schema: {
          tags: ['catalogue'],
          operationId: 'getOffer',
          summary: 'Read an offer at its newest version, with its versions (staff and coordinators)',
          params: OfferParamsSchema,
          response: { 200: OfferRecordSchema, ...problemResponses(401, 403, 404) },
        },
      },
      async (request) => {
        requireRole(request, 'staff', 'coordinator');
        const record = await offerRecord(deps.pool, request.params.offerId);
        if (!record) throw offerNotFound(request.params.offerId);
        return record as never;
      },
    );

    app.put(
      '/catalogue/offers/:offerId',
      {
        schema: {
          tags: ['catalogue'],
          operationId: 'changeOffer',
          summary: 'Change an offer: every field, written as its next version (staff only)',
          description:
            'Sessions already planned keep the version they were planned with; the next ones get this one. The same content again writes no version. The kind never changes (OFFER_KIND_CHANGED).',
          params: OfferParamsSchema,
          body: OfferBodySchema,
          response: { 200: OfferRecordSchema, ...problemResponses(401, 403, 404, 409, 422) },
        },
      },
      async (request) => {
        const actor = requireRole(request, 'staff');
        const { offerId } = request.params;
        checkOffer(request.body);
        const change = await changeOffer(deps.pool, offerId, request.body, actor.subject);
        if (change.outcome === 'notFound') throw offerNotFound(offerId);
        if (change.outcome === 'kindChanged')
          throw new ProblemError(
            409,
            'OFFER_KIND_CHANGED',
            `This offer's sessions are ${change.kind}s: its kind cannot change. Add another offer instead.`,
          );
        return (await offerRecord(deps.pool, offerId)) as never;
      },
    );

    app.get(
      '/catalogue/offers/:offerId/versions/:version',
      {
        schema: {
          tags: ['catalogue'],
          operationId: 'getOfferVersion',
          summary: 'Read an offer as one of its versions said it (staff and coordinators)',
          params: OfferVersionParamsSchema,
          response: { 200: OfferSchema, ...problemResponses(401, 403, 404) },
        },
      },
      async (request) => {
        requireRole(request, 'staff', 'coordinator');
        const { offerId, version } = request.params;
        const offer = await offerVersion(deps.pool, offerId, version);
        if (!offer)
          throw new ProblemError(
            404,
            'OFFER_VERSION_NOT_FOUND',
            `The catalogue has no version ${version} of offer ${offerId}.`,
          );
        return offer as never;
      },
    );

    app.post(
      '/catalogue/offers/:offerId/retire',
      {
        schema: {
          tags: ['catalogue'],
          operationId: 'retireOffer',
          summary: 'Retire an offer: no new session is planned with it (staff only)',
          description:
            'Sessions and documents that name it keep reading it. Retiring a retired offer changes nothing.',
          params: OfferParamsSchema,
          response: { 200: OfferRecordSchema, ...problemResponses(401, 403, 404) },
        },
      },
      async (request) => {
        const actor = requireRole(request, 'staff');
        const { offerId } = request.params;
        if (!(await retireOffer(deps.pool, offerId, actor.subject))) throw offerNotFound(offerId);
        return (await offerRecord(deps.pool, offerId)) as never;
      },
    );
  };
}
