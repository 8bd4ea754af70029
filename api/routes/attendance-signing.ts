import { LINK_PATHS } from '../../links/link-paths.ts';
import type { ApiDependencies } from '../dependencies.ts';
import { claimsOfLink } from '../links/link-claims.ts';
import { limitLinkRate } from '../links/link-rate-limit.ts';
import { verifyLinkTokenBeforeBody } from '../links/verify-before-body.ts';
import { loadVisibleSession } from '../missions/visibility.ts';
import { requireRole } from '../plugins/authentication.ts';
import { problemResponses } from '../schemas/problem.ts';
import {
  CountersignBodySchema,
  FacilitatorSignBodySchema,
  HalfDaySigningSchema,
  SignBodySchema,
  SignedSchema,
  SigningCodeParamsSchema,
  SigningStateSchema,
} from '../schemas/signing.ts';
import { ShareLinkSchema, StaffingParamsSchema, TokenParamsSchema } from '../schemas/staffing.ts';
import { MAX_SIGNATURE_BYTES } from '../signing/signature-image.ts';
import {
  countersign,
  describeHalfDay,
  describeSigning,
  facilitatorSigningLink,
  pathOfSigningCode,
  type RequestMeta,
  signHalfDay,
  signOnFacilitatorDevice,
} from '../signing/signing-service.ts';
import type { TypedApp } from '../typed-app.ts';

const linkProblems = problemResponses(401, 404, 409, 410, 413, 422, 429, 503, 504);
/** A drawn signature travels as base64 in the body: more than the 32 KB other link bodies get. */
export const SIGNATURE_BODY_LIMIT = Math.ceil((MAX_SIGNATURE_BYTES * 4) / 3) + 4096;
/**
 * A room of participants signs from one address (the venue's Wi-Fi behind one NAT), each phone
 * opening the code, the page and posting: their routes get ten link budgets. Codes and tokens stay
 * far beyond guessing at that rate (6 characters of 31 are ~887 million codes).
 */
export const roomRateLimit = (deps: ApiDependencies) => ({
  rateLimit: { max: (deps.linkRateLimitPerMinute ?? 60) * 10, timeWindow: '1 minute' },
});

const countersignProblems = problemResponses(401, 403, 404, 409, 410, 413, 422, 429, 503, 504);

const metaOf = (request: {
  ip: string;
  headers: Record<string, string | string[] | undefined>;
}): RequestMeta => {
  const userAgent = request.headers['user-agent'];
  return {
    ip: request.ip,
    userAgent: (Array.isArray(userAgent) ? userAgent[0] : userAgent)?.slice(0, 500) ?? '',
  };
};

/**
 * Digital attendance signing from e-mail links: the facilitator's signing link (state, signing a
 * participant in turn, countersigning) and the participants' link of the open half-day, with its
 * short code. Neither link is single-use: they serve every half-day and every participant.
 */
export function attendanceSigningLinkRoutes(deps: ApiDependencies) {
  return async (app: TypedApp) => {
    await limitLinkRate(app, deps);
    await verifyLinkTokenBeforeBody(app as never, deps);
    const facilitatorPath = `/links/${LINK_PATHS.attendanceSigning}/:token`;
    const participantPath = `/links/${LINK_PATHS.halfDaySigning}/:token`;

    app.get(
      facilitatorPath,
      {
        schema: {
          tags: ['attendance signing'],
          summary: 'The signing page of a session: half-days, who signed, the open half-day’s link',
          security: [],
          params: TokenParamsSchema,
          response: { 200: SigningStateSchema, ...linkProblems },
        },
      },
      async (request) =>
        describeSigning(deps, await claimsOfLink(deps, request.params.token, 'attendanceSigning')) as never,
    );

    app.post(
      `${facilitatorPath}/signatures`,
      {
        bodyLimit: SIGNATURE_BODY_LIMIT,
        schema: {
          tags: ['attendance signing'],
          summary: 'Sign a participant in, in turn on the facilitator’s device',
          security: [],
          params: TokenParamsSchema,
          body: FacilitatorSignBodySchema,
          response: { 201: SignedSchema, ...linkProblems },
        },
      },
      async (request, reply) => {
        const claims = await claimsOfLink(deps, request.params.token, 'attendanceSigning');
        return reply
          .code(201)
          .send(await signOnFacilitatorDevice(deps, claims, request.body, metaOf(request)));
      },
    );

    app.post(
      `${facilitatorPath}/countersignatures`,
      {
        bodyLimit: SIGNATURE_BODY_LIMIT,
        schema: {
          tags: ['attendance signing'],
          summary: 'Countersign a half-day (a facilitator of the session, after it started)',
          security: [],
          params: TokenParamsSchema,
          body: CountersignBodySchema,
          response: { 201: SignedSchema, ...countersignProblems },
        },
      },
      async (request, reply) => {
        const claims = await claimsOfLink(deps, request.params.token, 'attendanceSigning');
        return reply.code(201).send(await countersign(deps, claims, request.body, metaOf(request)));
      },
    );

    app.get(
      participantPath,
      {
        config: roomRateLimit(deps),
        schema: {
          tags: ['attendance signing'],
          summary: 'The participants’ page of an open half-day: the names to pick from',
          security: [],
          params: TokenParamsSchema,
          response: { 200: HalfDaySigningSchema, ...linkProblems },
        },
      },
      async (request) =>
        describeHalfDay(deps, await claimsOfLink(deps, request.params.token, 'halfDaySigning')) as never,
    );

    app.post(
      participantPath,
      {
        config: roomRateLimit(deps),
        bodyLimit: SIGNATURE_BODY_LIMIT,
        schema: {
          tags: ['attendance signing'],
          summary: 'Sign the half-day, as the participant picked from the list',
          security: [],
          params: TokenParamsSchema,
          body: SignBodySchema,
          response: { 201: SignedSchema, ...linkProblems },
        },
      },
      async (request, reply) => {
        const claims = await claimsOfLink(deps, request.params.token, 'halfDaySigning');
        return reply.code(201).send(await signHalfDay(deps, claims, request.body, metaOf(request)));
      },
    );

    app.get(
      '/e/:code',
      {
        config: roomRateLimit(deps),
        schema: {
          tags: ['attendance signing'],
          summary: 'A half-day’s short code: redirects to its participants’ page',
          security: [],
          params: SigningCodeParamsSchema,
          response: {
            303: { description: 'To the participants’ page of the half-day', type: 'null' },
            ...problemResponses(404, 410, 422, 429),
          },
        },
      },
      async (request, reply) => {
        return reply.redirect(await pathOfSigningCode(deps, request.params.code), 303);
      },
    );
  };
}

/** The coordinator's and staff's way to the facilitator's signing page (bearer token). */
export function signingLinkRoutes(deps: ApiDependencies) {
  return async (app: TypedApp) => {
    app.get(
      '/missions/:missionId/sessions/:sessionId/signing-link',
      {
        schema: {
          tags: ['attendance signing'],
          summary: 'The facilitator’s signing link of a session (the one e-mailed to the lead facilitator)',
          params: StaffingParamsSchema,
          response: { 200: ShareLinkSchema, ...problemResponses(401, 403, 404, 422) },
        },
      },
      async (request) => {
        const actor = requireRole(request, 'staff', 'coordinator');
        const { session } = await loadVisibleSession(
          deps,
          actor,
          request.params.missionId,
          request.params.sessionId,
        );
        return facilitatorSigningLink(deps, { sessionId: session.sessionId, endsAt: session.endsAt });
      },
    );
  };
}
