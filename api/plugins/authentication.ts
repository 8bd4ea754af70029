import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Actor, Role } from '../../workflows/messages/actor.ts';
import { verifyToken } from '../auth/tokens.ts';
import { ProblemError } from '../problems.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export interface AuthenticationOptions {
  jwtSecret: string;
}

/**
 * Requires a valid bearer token on every route of the scope that registers it (fastify-plugin
 * lifts the hook into that scope); health, docs and e-mail-link routes are registered outside it.
 */
export const authentication = fp(
  async (app: FastifyInstance, options: AuthenticationOptions): Promise<void> => {
    app.decorateRequest('actor', null);
    app.addHook('onRequest', async (request) => {
      const header = request.headers.authorization;
      const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
      if (!match?.[1]) {
        throw new ProblemError(401, 'UNAUTHENTICATED', 'Send a bearer token in the Authorization header.');
      }
      const actor = await verifyToken(options.jwtSecret, match[1]);
      if (!actor) throw new ProblemError(401, 'INVALID_TOKEN', 'The bearer token is invalid or has expired.');
      request.actor = actor;
    });
  },
);

/** The authenticated actor, narrowed to the roles a route admits. */
export function requireRole(request: FastifyRequest, ...roles: Role[]): Actor {
  const actor = request.actor;
  if (!actor)
    throw new ProblemError(401, 'UNAUTHENTICATED', 'Send a bearer token in the Authorization header.');
  if (!roles.includes(actor.role)) {
    throw new ProblemError(
      403,
      'FORBIDDEN',
      `This action is for ${roles.join(' or ')}; you are signed in as ${actor.role}.`,
    );
  }
  return actor;
}
