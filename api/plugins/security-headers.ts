import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Security headers on every answer (issue #14, finding 6), helmet's well-kept defaults with a
 * policy written for the link pages: scripts and styles from this origin only (no inline
 * script), images from here or `data:` (the QR code, the drawn signature), forms posting here
 * only, never framed. Swagger UI (/docs, development only) fits in the same policy.
 */
export const securityHeaders = fp(async (app: FastifyInstance) => {
  await app.register(helmet, {
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
});
