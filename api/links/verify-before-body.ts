import { Transform } from 'node:stream';
import type { FastifyInstance, onRequestAsyncHookHandler } from 'fastify';
import { LINK_PATHS } from '../../links/link-paths.ts';
import { type LinkPurpose, verifyLink } from '../../links/link-tokens.ts';
import type { ApiDependencies } from '../dependencies.ts';
import { ProblemError } from '../problems.ts';

/**
 * A link's JSON or form body carries a few short fields. A route that takes more (a drawn
 * signature) says so with its own `bodyLimit`; uploads (files, multipart) keep their parser's.
 */
export const LINK_BODY_LIMIT = 32 * 1024;
/** Tokens are a few hundred characters; the schema caps them at 1024. */
const MAX_TOKEN_LENGTH = 1024;
const STRUCTURED_BODY = /^\s*(application\/(?:[\w.+-]+\+)?json|application\/x-www-form-urlencoded|text\/)/i;

const PURPOSE_OF_SEGMENT = new Map(
  Object.entries(LINK_PATHS).map(([purpose, segment]) => [segment, purpose as LinkPurpose]),
);

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The JSON or form body size this link route accepts (set by verifyLinkTokenBeforeBody). */
    linkBodyLimit?: number;
  }
}

/**
 * Call at the top of every e-mail-link plugin (issue #14, finding 2): a forged token is refused
 * before the body is read, so an anonymous request costs a signature check, not the parse and
 * validation of a megabyte; JSON and form bodies are small unless the route says otherwise; and
 * no answer behind a link is kept by a browser or a shared cache. An expired but authentic token
 * goes on to its route, which says in its own words what has closed.
 */
export async function verifyLinkTokenBeforeBody(app: FastifyInstance, deps: ApiDependencies): Promise<void> {
  // Route-level, after the link rate limit's own hook (registered before this), so guesses at
  // tokens are still throttled.
  const verifyToken: onRequestAsyncHookHandler = async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const token = (request.params as { token?: unknown } | undefined)?.token;
    if (typeof token !== 'string') return;
    const segment = request.routeOptions.url?.split('/')[2];
    const purpose = segment === undefined ? undefined : PURPOSE_OF_SEGMENT.get(segment);
    const check =
      token.length > MAX_TOKEN_LENGTH || !purpose ? null : await verifyLink(deps.linkSecrets, token, purpose);
    if (check?.ok || check?.reason === 'expired') return;
    // The body is not wanted: closing the connection spares reading it to the end.
    reply.header('connection', 'close');
    throw invalidLink();
  };
  app.addHook('onRoute', (route) => {
    route.config = { ...route.config, linkBodyLimit: route.bodyLimit ?? LINK_BODY_LIMIT };
    route.onRequest = [...[route.onRequest ?? []].flat(), verifyToken];
  });

  app.addHook('preParsing', async (request, _reply, payload) => {
    const limit = request.routeOptions.config.linkBodyLimit;
    if (limit === undefined || !STRUCTURED_BODY.test(request.headers['content-type'] ?? '')) return payload;
    if (Number(request.headers['content-length']) > limit) throw tooLarge();
    let received = 0;
    return payload.pipe(
      new Transform({
        transform(chunk: Buffer, _encoding, next) {
          received += chunk.length;
          next(received > limit ? tooLarge() : null, chunk);
        },
      }),
    );
  });
}

const invalidLink = () => new ProblemError(401, 'LINK_INVALID', 'This link is not valid.');
const tooLarge = () =>
  new ProblemError(413, 'PAYLOAD_TOO_LARGE', 'The request body is larger than this link accepts.');
