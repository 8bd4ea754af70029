/** What every link page does the same way: read the link, pick the language, answer HTML, redirect after a post. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiDependencies } from '../api/dependencies.ts';
import { ProblemError } from '../api/problems.ts';
import { type LinkClaims, type LinkPurpose, verifyLink } from '../links/link-tokens.ts';
import { isLanguage, type Language } from './i18n.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The language the page (or its error page) is shown in, once known. */
    pageLanguage?: Language;
  }
}

/** `?lang=` (the page's language switch) wins over the session's language, French by default. */
export function pageLanguage(request: FastifyRequest, sessionLanguage?: Language): Language {
  const asked = (request.query as { lang?: unknown } | undefined)?.lang;
  const language = isLanguage(asked) ? asked : (sessionLanguage ?? 'fr');
  request.pageLanguage = language;
  return language;
}

/** The claims of an authentic, unexpired link; whether it was used is each page's business (it shows the answer). */
export async function readLink(
  deps: ApiDependencies,
  token: string,
  purpose: LinkPurpose,
): Promise<LinkClaims> {
  const check = await verifyLink(deps.linkSecrets, token, purpose, deps.now?.());
  if (check.ok) return check.claims;
  throw check.reason === 'expired'
    ? new ProblemError(410, 'LINK_EXPIRED', 'This link has expired.')
    : new ProblemError(401, 'LINK_INVALID', 'This link is not valid.');
}

export function sendHtml(reply: FastifyReply, status: number, body: string): FastifyReply {
  return (
    reply
      .code(status)
      .type('text/html; charset=utf-8')
      // Pages behind personal links are never cached by a browser or a proxy, and never framed.
      .header('cache-control', 'no-store')
      .header('x-frame-options', 'DENY')
      .send(body)
  );
}

/** POST then redirect: reloading the result page never sends the form again. */
export function redirectToPage(
  reply: FastifyReply,
  request: FastifyRequest,
  query: Record<string, string> = {},
) {
  const [path, search = ''] = request.url.split('?');
  const params = new URLSearchParams(search);
  for (const [key, value] of Object.entries(query)) params.set(key, value);
  const suffix = params.toString();
  return reply.redirect(suffix ? `${path}?${suffix}` : (path as string), 303);
}

/** A form field as one trimmed line of text (forms send strings, or arrays when a name repeats). */
export function field(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim() : '';
}
