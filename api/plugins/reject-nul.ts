import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ProblemError } from '../problems.ts';

/**
 * Postgres text cannot hold U+0000: a body carrying one would fail deep in a query as a 500.
 * It is refused up front as invalid data, whatever the route (found by schemathesis).
 */
export const rejectNul = fp(async (app: FastifyInstance) => {
  app.addHook('preValidation', async (request) => {
    const { body, params, query } = request;
    if (
      [body, params, query].some(
        (part) => part !== undefined && !Buffer.isBuffer(part) && JSON.stringify(part).includes('\\u0000'),
      )
    ) {
      throw new ProblemError(
        422,
        'VALIDATION_FAILED',
        'The request contains a NUL character (U+0000), which no field accepts.',
        {
          errors: [{ path: '', message: 'must not contain U+0000' }],
        },
      );
    }
  });
});
