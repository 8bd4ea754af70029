import type { FastifyRequest } from 'fastify';

/**
 * E-mail-link tokens are credentials: request logs and problems keep the route, never the token,
 * whatever the case of the path (`/Links/…` reaches no route but is logged all the same).
 */
export function redactLinkTokens(url: string): string {
  return url.replace(/\/(links)\/([a-z-]+)\/[^/?#]+/gi, '/$1/$2/[token]');
}

/**
 * Logger options for the API process: structured JSON with the request's route and ids, and
 * neither bearer tokens, link tokens nor bodies (personal data) ever written out.
 */
export function apiLoggerOptions(level: string) {
  return {
    level,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
    serializers: {
      req: (request: FastifyRequest) => ({
        method: request.method,
        url: redactLinkTokens(request.url),
        route: request.routeOptions?.url,
        remoteAddress: request.ip,
      }),
    },
  };
}
