import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet from 'helmet';

/**
 * Security headers on every answer (issue #14, finding 6), helmet's well-kept defaults with a
 * policy written for the link pages: scripts and styles from this origin only (no inline
 * script), images from here or `data:` (the QR code, the drawn signature), forms posting here
 * only, never framed. Swagger UI (/docs, development only) fits in the same policy.
 *
 * helmet's middleware is built once: @fastify/helmet built it again on every request, parsing the
 * policy each time (3.5 % of the API's CPU on a read, bench/README.md). No route needs a nonce
 * or a policy of its own.
 */
export const securityHeaders = fp(async (app: FastifyInstance) => {
  const setHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    hsts: { maxAge: 365 * 24 * 3600, includeSubDomains: true },
    referrerPolicy: { policy: 'no-referrer' },
  });
  app.addHook('onRequest', (request, reply, done) => {
    // helmet passes on only the Errors its middlewares throw.
    setHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined));
  });
});
