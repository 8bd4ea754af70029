import { FastifyOtelInstrumentation } from '@fastify/otel';
import type { FastifyPluginCallback, FastifyRequest } from 'fastify';

/** `<method> <route>`, or the method alone when no route matched (the URL could be anything). */
function spanName(request: FastifyRequest): string {
  const route = request.routeOptions.url;
  return route ? `${request.method} ${route}` : request.method;
}

/**
 * A SERVER span per request, continuing the caller's trace when it sends a traceparent header;
 * the route's handler has a child span it runs in, so the Temporal client's spans hang under the
 * request. Registered before any route so that every route is wrapped.
 */
export function requestSpans(): FastifyPluginCallback {
  return new FastifyOtelInstrumentation({
    // Probes ask every few seconds: a trace each would bury the requests people make.
    ignorePaths: ({ url }) => url.startsWith('/health/'),
    // Hook spans would add a dozen children to every request, saying nothing the request's does not.
    instrumentHooks: false,
    requestHook: (span, request) => span.updateName(spanName(request)),
    // The instrumentation names a handler after its function, or else after the source text of
    // the plugin that declared it: the route is what a reader looks for.
    lifecycleHook: (span, { hookName, request }) =>
      span.updateName(request.routeOptions.url ? `${hookName} ${request.routeOptions.url}` : hookName),
  }).plugin();
}
