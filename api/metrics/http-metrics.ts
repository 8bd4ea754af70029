import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Histogram, type Registry } from 'prom-client';

/** Requests that matched no route: one label value, whatever URLs a scanner tries. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * Every answer's duration, labelled by method, route pattern and status: the histogram's
 * `_count` gives request rates and its buckets the latencies. The route is the pattern
 * (`/missions/:id`), never the URL, so ids in paths cannot grow the series without bound.
 */
export function httpMetrics(registry: Registry) {
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from receiving an API request to sending its answer, by method, route pattern and status',
    labelNames: ['method', 'route', 'status_code'] as const,
    // Commands wait for their workflow's answer (up to the command timeout), reads take milliseconds.
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  return fp(async (app: FastifyInstance) => {
    app.addHook('onResponse', async (request, reply) => {
      duration.observe(
        {
          method: request.method,
          route: request.routeOptions.url ?? UNMATCHED_ROUTE,
          status_code: String(reply.statusCode),
        },
        reply.elapsedTime / 1000,
      );
    });
  });
}
