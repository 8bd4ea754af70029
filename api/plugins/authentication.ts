import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { OidcSettings } from '../../config/environment.ts';
import type { Actor, Role } from '../../workflows/messages/actor.ts';
import { failureThrottle } from '../auth/failure-throttle.ts';
import { oidcVerifier, type Verification } from '../auth/oidc.ts';
import { DEFAULT_TOKEN_MAX_AGE_SECONDS, tokenVerifier } from '../auth/tokens.ts';
import { ProblemError } from '../problems.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export interface AuthenticationOptions {
  jwtSecret?: string | undefined;
  /** When given, only the OpenID provider's tokens are accepted: the HS256 secret is development's. */
  oidc?: OidcSettings;
  /** The oldest token accepted, from its `iat`. */
  tokenMaxAgeSeconds?: number;
  /** Failed tokens an address may send per minute before it gets 429 (default 30). */
  failedTokensPerMinute?: number;
}

/**
 * Requires a valid bearer token on every route of the scope that registers it (fastify-plugin
 * lifts the hook into that scope); health, docs and e-mail-link routes are registered outside it.
 */
export const authentication = fp(
  async (app: FastifyInstance, options: AuthenticationOptions): Promise<void> => {
    app.decorateRequest('actor', null);
    const throttle = failureThrottle(options.failedTokensPerMinute ?? 30);
    const maxTokenAgeSeconds = options.tokenMaxAgeSeconds ?? DEFAULT_TOKEN_MAX_AGE_SECONDS;
    const { jwtSecret, oidc } = options;
    if (!oidc && !jwtSecret) throw new Error('authentication needs an OpenID provider or an HS256 secret');
    // The provider's tokens are verified every time, the secret's are remembered once accepted:
    // the provider's key set changes while the API runs, and a key it removes must stop verifying
    // once the cached set ages out.
    const verify: (token: string) => Promise<Verification> = oidc
      ? oidcVerifier(oidc, { maxTokenAgeSeconds })
      : secretVerifier(jwtSecret as string, maxTokenAgeSeconds);
    app.addHook('onRequest', async (request, reply) => {
      // What this scope answers is for one caller only: no browser or shared cache keeps it.
      reply.header('cache-control', 'no-store');
      const wait = throttle.retryAfterSeconds(request.ip);
      if (wait > 0) {
        reply.header('retry-after', String(wait));
        throw new ProblemError(
          429,
          'RATE_LIMITED',
          `Too many invalid tokens from your address; retry in ${wait} s.`,
        );
      }
      const header = request.headers.authorization;
      const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
      if (!match?.[1]) {
        throw new ProblemError(401, 'UNAUTHENTICATED', 'Send a bearer token in the Authorization header.');
      }
      const verification = await verify(match[1]);
      if ('actor' in verification) {
        request.actor = verification.actor;
        return;
      }
      // A token the provider signed but that maps to no role is no guess: it is not throttled.
      if (verification.refusal === 'NO_MAPPED_ROLE')
        throw new ProblemError(401, 'NO_MAPPED_ROLE', verification.detail);
      throttle.recordFailure(request.ip);
      throw new ProblemError(401, 'INVALID_TOKEN', 'The bearer token is invalid or has expired.');
    });
  },
);

function secretVerifier(secret: string, maxTokenAgeSeconds: number) {
  const verifyToken = tokenVerifier(secret, maxTokenAgeSeconds);
  return async (token: string): Promise<Verification> => {
    const actor = await verifyToken(token);
    return actor ? { actor } : { refusal: 'INVALID_TOKEN' };
  };
}

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
