import { FastifyOtelInstrumentation } from '@fastify/otel';
import type { FastifyPluginCallback } from 'fastify';

/**
 * A SERVER span per request ('request', with the route and status), continuing the caller's
 * trace when it sends a traceparent header; handlers run inside it, so the Temporal client's
 * spans become its children. Registered before any route so that every route is wrapped.
 */
export function requestSpans(): FastifyPluginCallback {
  // The instrumentation exports only the route's spans; the hooks' spans would be a dozen
  // children of every request that say nothing the request span does not.
  return new FastifyOtelInstrumentation({ instrumentHooks: false }).plugin();
}
