/**
 * What every console route does the same way: who is signed in (their token rides in an
 * HttpOnly cookie and goes to the API as a bearer token), which language, and answering HTML.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { decodeJwt } from 'jose';
import { isLanguage, type Language } from '../pages/i18n.ts';
import { ROLES, type Role } from '../workflows/messages/actor.ts';
import { type Api, apiFor } from './api/client.ts';
import type { Viewer } from './layout.ts';

export const SESSION_COOKIE = 'console_session';
export const LANGUAGE_COOKIE = 'console_lang';
/** The name the identity provider gave at sign-in (its access tokens rarely carry one). */
export const NAME_COOKIE = 'console_name';

export interface SignedIn {
  api: Api;
  viewer: Viewer & { subject: string };
}

/** Reads the role a token grants: the `role` claim of development tokens, or the provider's mapped claim. */
export type RoleReader = (claims: object) => Role | null;

export const developmentRole: RoleReader = (claims) => {
  const role = (claims as { role?: unknown }).role;
  return ROLES.find((candidate) => candidate === role) ?? null;
};

/** The console refuses nothing itself: the API checks the token on every call and says 401 when it is stale. */
export function signedIn(
  request: FastifyRequest,
  apiUrl: string,
  roleOf: RoleReader = developmentRole,
): SignedIn | null {
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return null;
  try {
    const claims = decodeJwt(token);
    const role = roleOf(claims);
    if (typeof claims.sub !== 'string' || !role) return null;
    const name = request.cookies[NAME_COOKIE] || (typeof claims.name === 'string' ? claims.name : claims.sub);
    return { api: apiFor(apiUrl, token), viewer: { subject: claims.sub, role, name } };
  } catch {
    return null;
  }
}

export function language(request: FastifyRequest): Language {
  const chosen = request.cookies[LANGUAGE_COOKIE];
  return isLanguage(chosen) ? chosen : 'fr';
}

/**
 * A file the API answered for the signed-in person (a sheet, a spreadsheet), passed on to the
 * browser with the API's type and file name; anything but a file is this page's 404.
 */
export function sendDownload(
  reply: FastifyReply,
  { data, response }: { data?: unknown; response: Response },
): FastifyReply {
  if (!response.ok || !data) {
    reply.callNotFound();
    return reply;
  }
  return reply
    .type(response.headers.get('content-type') ?? 'application/octet-stream')
    .header('content-disposition', response.headers.get('content-disposition') ?? 'attachment')
    .send(Buffer.from(data as ArrayBuffer));
}

export function sendPage(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(body);
}

/** POST then redirect (303): reloading the page never sends the form again. */
export function seeOther(reply: FastifyReply, location: string): FastifyReply {
  return reply.redirect(location, 303);
}

/** A form field as one trimmed string (forms send strings, or arrays when a name repeats). */
export function field(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim() : '';
}

/**
 * Only a path of this site may be a redirect's target (never another origin). Parsed as a URL
 * against a placeholder origin, so whatever browsers would read as another host ("//evil",
 * "/\\evil", "/\t/evil") is refused by the same rules browsers follow.
 */
export function localPath(raw: unknown, fallback = '/missions'): string {
  if (typeof raw !== 'string' || !raw.startsWith('/') || /[\s\\]/.test(raw)) return fallback;
  const base = 'http://console.invalid';
  const url = new URL(raw, base);
  return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : fallback;
}
