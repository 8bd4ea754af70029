import { FastifyOtelInstrumentation } from '@fastify/otel';
import type { FastifyPluginCallback } from 'fastify';

/**
 * A SERVER span per request, named `<method> <route>`, continuing the caller's trace when it
 * sends a traceparent header; the route's handler has a child span it runs in, so the Temporal
 * client's spans hang under the request. Registered before any route so that every route is wrapped.
 */
export function requestSpans(): FastifyPluginCallback {
  return new FastifyOtelInstrumentation({
    // Hook spans would add a dozen children to every request, saying nothing the request's does not.
    instrumentHooks: false,
    requestHook: (span, request) => span.updateName(`${request.method} ${request.routeOptions.url ?? ''}`),
    // The instrumentation names a handler after its function, or else after the source text of
    // the plugin that declared it: a route is what a reader looks for.
    lifecycleHook: (span, { hookName, request }) =>
      span.updateName(`${hookName} ${request.routeOptions.url ?? ''}`),
  }).plugin();
}
