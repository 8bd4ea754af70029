import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyServerOptions } from 'fastify';
import type { Registry } from 'prom-client';
import { linkPages } from '../pages/plugin.ts';
import { surfaceConstraint } from '../pages/surface.ts';
import { requestSpans } from '../tracing/fastify.ts';
import type { ApiDependencies } from './dependencies.ts';
import { httpMetrics } from './metrics/http-metrics.ts';
import { authentication } from './plugins/authentication.ts';
import { exceedsJsonDepth, MAX_JSON_DEPTH } from './plugins/json-depth.ts';
import { openapi, operationIdFor } from './plugins/openapi.ts';
import { problemDetails } from './plugins/problem-details.ts';
import { rejectNul } from './plugins/reject-nul.ts';
import { securityHeaders } from './plugins/security-headers.ts';
import { ProblemError } from './problems.ts';
import { attendanceSigningLinkRoutes, signingLinkRoutes } from './routes/attendance-signing.ts';
import { auditRoutes } from './routes/audit.ts';
import { billingPartyRoutes } from './routes/billing-parties.ts';
import { catalogueRoutes } from './routes/catalogue.ts';
import { clientRoutes } from './routes/clients.ts';
import { facilitatorRoutes } from './routes/facilitators.ts';
import { fundingRoutes } from './routes/funding.ts';
import { healthRoutes } from './routes/health.ts';
import { linkRoutes } from './routes/links.ts';
import { missionRoutes } from './routes/missions.ts';
import { organisationRoutes } from './routes/organisation.ts';
import { organisationLogoRoutes } from './routes/organisation-logo.ts';
import { participantRoutes } from './routes/participants.ts';
import { payoutRoutes } from './routes/payouts.ts';
import { registrationLinkRoutes } from './routes/registration-links.ts';
import { reportRoutes } from './routes/reports.ts';
import { sessionMessageRoutes } from './routes/session-messages.ts';
import { staffingRoutes } from './routes/staffing.ts';
import { stuckActivityRoutes } from './routes/stuck-activities.ts';
import { supplierInvoiceLinkRoutes } from './routes/supplier-invoice-links.ts';
import { FacilitatorSchema } from './schemas/facilitator.ts';
import { FundingViewSchema } from './schemas/funding.ts';
import { MissionSchema, MissionSummarySchema, SessionSchema } from './schemas/mission.ts';
import { FollowUpSchema } from './schemas/participants.ts';
import { ProviderPayoutSchema } from './schemas/payouts.ts';
import { COMMON_PROBLEMS } from './schemas/problem.ts';
import { InvitationSchema, StaffingSchema } from './schemas/staffing.ts';
import { signingClient } from './signed-commands.ts';

export interface AppOptions {
  logger?: FastifyServerOptions['logger'];
  /** Swagger UI at /docs (development; production serves /openapi.json only). */
  docs?: boolean;
  /** Whom to believe about the client's address (TRUST_PROXY): rate limits count per address. */
  trustProxy?: FastifyServerOptions['trustProxy'];
  /** Counts requests per route and status into this registry (api/metrics/api-metrics.ts serves it). */
  metrics?: Registry;
  /** A span per request (the process started tracing: tracing/setup.ts). */
  tracing?: boolean;
}

/** Builds the HTTP API around the dependencies it is given; the process entry is api/server.ts. */
export async function buildApp(given: ApiDependencies, options: AppOptions = {}) {
  // Workflows believe only the commands this API signs (docs/decisions/0001-who-acts.md).
  const deps: ApiDependencies = {
    ...given,
    temporal: { ...given.temporal, client: signingClient(given.temporal.client, given.linkSecrets) },
  };
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: options.trustProxy ?? false,
    // Validation stops at the first issue: listing every one let a single anonymous request
    // burn a second of CPU and answer megabytes (issue #14, finding 2).
    ajv: { customOptions: { allErrors: false, removeAdditional: false, coerceTypes: 'array' } },
    bodyLimit: 1024 * 1024,
    // E-mail link tokens travel in the path: the router must let them through (even percent-encoded at
    // their schema's 1024-character cap) so that validation, not the router, answers with a problem.
    // Pages and JSON share the e-mail links' URLs: the surface constraint tells them apart.
    routerOptions: { maxParamLength: 13_000, constraints: { surface: surfaceConstraint } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  if (options.tracing) await app.register(requestSpans());
  if (options.metrics) await app.register(httpMetrics(options.metrics));
  await app.register(problemDetails);
  await app.register(securityHeaders);
  // Commands without a body are often sent with a JSON content type anyway (curl -H, fetch
  // wrappers): an empty body is no body, not a malformed one.
  const parseJson = app.getDefaultJsonParser('error', 'ignore');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') return done(null, undefined);
    if (exceedsJsonDepth(body as string))
      return done(
        new ProblemError(400, 'MALFORMED_BODY', `The JSON body nests deeper than ${MAX_JSON_DEPTH} levels.`),
      );
    return parseJson(request, body as string, done);
  });
  // Fastify parses text/plain by default, so JSON sent as text reached validation as a string
  // ("body must be object"); without a parser, a body of a type no route reads is a 415.
  app.removeContentTypeParser('text/plain');
  await app.register(rejectNul);
  app.addSchema(SessionSchema);
  app.addSchema(MissionSummarySchema);
  app.addSchema(MissionSchema);
  app.addSchema(FacilitatorSchema);
  app.addSchema(InvitationSchema);
  app.addSchema(StaffingSchema);
  app.addSchema(FollowUpSchema);
  app.addSchema(FundingViewSchema);
  app.addSchema(ProviderPayoutSchema);
  // Every route documents the problems any route can answer, so clients and fuzzers see all
  // statuses, and has an operationId for generated clients' function names.
  app.addHook('onRoute', (route) => {
    if (!route.schema || route.schema.hide) return;
    const method = Array.isArray(route.method) ? route.method.join('') : route.method;
    route.schema = {
      ...route.schema,
      operationId: route.schema.operationId ?? operationIdFor(method, route.url),
      response: { ...COMMON_PROBLEMS, ...(route.schema.response as object | undefined) },
    };
  });
  await app.register(openapi, { ui: options.docs ?? true });

  await app.register(healthRoutes(deps));
  // E-mail links carry their own signed credential: they live outside the bearer-token scope.
  await app.register(linkRoutes(deps));
  await app.register(linkPages(deps));
  await app.register(supplierInvoiceLinkRoutes(deps));
  await app.register(attendanceSigningLinkRoutes(deps));
  await app.register(organisationLogoRoutes(deps));
  await app.register(async (authenticated) => {
    await authenticated.register(authentication, {
      jwtSecret: deps.jwtSecret,
      oidc: deps.oidc,
      tokenMaxAgeSeconds: deps.tokenMaxAgeSeconds,
      failedTokensPerMinute: deps.failedTokensPerMinute,
    });
    await authenticated.register(missionRoutes(deps));
    await authenticated.register(facilitatorRoutes(deps));
    await authenticated.register(staffingRoutes(deps));
    await authenticated.register(participantRoutes(deps));
    await authenticated.register(registrationLinkRoutes(deps));
    await authenticated.register(sessionMessageRoutes(deps));
    await authenticated.register(clientRoutes(deps));
    await authenticated.register(billingPartyRoutes(deps));
    await authenticated.register(organisationRoutes(deps));
    await authenticated.register(catalogueRoutes(deps));
    await authenticated.register(signingLinkRoutes(deps));
    await authenticated.register(fundingRoutes(deps));
    await authenticated.register(payoutRoutes(deps));
    await authenticated.register(stuckActivityRoutes(deps));
    await authenticated.register(reportRoutes(deps));
    await authenticated.register(auditRoutes(deps));
  });

  return app;
}
