import type { FastifyRequest } from 'fastify';

/**
 * For routes whose body is optional: a request without one is validated as an empty object, so
 * its schema still documents and checks the optional fields (Fastify would refuse "body must be
 * object" otherwise).
 */
export async function emptyBodyAsObject(request: FastifyRequest): Promise<void> {
  request.body ??= {};
}
