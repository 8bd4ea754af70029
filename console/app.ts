/**
 * The coordinators' and staff's console: a server-rendered Fastify app that talks to the service
 * only through its public HTTP API, as the signed-in person (docs/decisions/0003-console.md).
 * Forms work without JavaScript: a GET shows, a POST acts through the API then redirects.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { html } from '../pages/html.ts';
import type { Language } from '../pages/i18n.ts';
import { ApiProblem } from './api/client.ts';
import { developmentRole, language, SESSION_COOKIE, type SignedIn, sendPage, signedIn } from './context.ts';
import { renderConsolePage } from './layout.ts';
import { oidcRole } from './oidc-sign-in.ts';
import type { ConsoleOptions, ConsoleRoutes } from './routes.ts';
import { attendanceScreens } from './screens/attendance.ts';
import { billingPartyScreens } from './screens/billing-party.ts';
import { bpfScreens } from './screens/bpf.ts';
import { catalogueScreens } from './screens/catalogue.ts';
import { clientSettingsScreens } from './screens/client-settings.ts';
import { facilitatorScreens } from './screens/facilitator.ts';
import { fundingScreens } from './screens/funding.ts';
import { missionScreens } from './screens/mission.ts';
import { missionListScreen } from './screens/missions.ts';
import { payoutRateScreens } from './screens/payout-rates.ts';
import { payoutAndClosureScreens } from './screens/payouts-closure.ts';
import { sessionScreens } from './screens/session.ts';
import { sessionMessageScreens } from './screens/session-messages.ts';
import { signInScreens } from './screens/sign-in.ts';
import { staffScreens } from './screens/staff.ts';
import { stuckActivityScreens } from './screens/stuck-activities.ts';
import { surveyScreens } from './screens/surveys.ts';

const ASSETS: Record<string, string> = {
  'pages.css': path.join(import.meta.dirname, '..', 'pages', 'assets', 'pages.css'),
  'console.css': path.join(import.meta.dirname, 'assets', 'console.css'),
};

const T = {
  notFound: { fr: 'Page introuvable', en: 'Page not found' },
  notFoundBody: {
    fr: 'Cette page n’existe pas, ou vous n’y avez pas accès avec ce compte.',
    en: 'This page does not exist, or this account cannot see it.',
  },
  forbidden: { fr: 'Action refusée', en: 'Action refused' },
  forbiddenBody: {
    fr: 'Ce formulaire ne venait pas de la console : rien n’a été fait. Revenez à la page et recommencez.',
    en: 'This form did not come from the console: nothing was done. Go back to the page and try again.',
  },
  unavailable: { fr: 'Service indisponible', en: 'Service unavailable' },
  unavailableBody: {
    fr: 'Le service ne répond pas pour le moment. Réessayez dans un instant ; rien n’a été perdu.',
    en: 'The service is not answering right now. Try again in a moment; nothing was lost.',
  },
  back: { fr: 'Retour à mes missions', en: 'Back to my missions' },
};

function messagePage(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  title: Record<Language, string>,
  body: Record<Language, string>,
  viewer?: SignedIn['viewer'],
) {
  const lang = language(request);
  return sendPage(
    reply,
    status,
    renderConsolePage({
      language: lang,
      title: title[lang],
      path: request.url,
      ...(viewer ? { viewer } : {}),
      body: html`<h1>${title[lang]}</h1><p class="lead">${body[lang]}</p><p><a href="/missions">${T.back[lang]}</a></p>`,
    }),
  );
}

/**
 * Forms change things with the person's cookie: a form posted from another site must not. The
 * cookie is SameSite=Lax (no cookie on a cross-site POST) and every POST must say it comes from
 * this very origin (Origin, or Referer where a browser leaves Origin out).
 */
function sameOrigin(request: FastifyRequest): boolean {
  const claimed = request.headers.origin ?? request.headers.referer;
  if (!claimed || claimed === 'null') return false;
  try {
    return new URL(claimed).host === request.host;
  } catch {
    return false;
  }
}

export async function buildConsole(options: ConsoleOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false, trustProxy: options.trustProxy ?? false });
  const roleOf = options.oidc ? oidcRole(options.oidc) : developmentRole;
  const who = (request: FastifyRequest) => signedIn(request, options.apiUrl, roleOf);
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 64 * 1024 });

  app.addHook('onRequest', async (request, reply) => {
    if (request.method === 'POST' && !sameOrigin(request))
      return messagePage(request, reply, 403, T.forbidden, T.forbiddenBody);
  });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    reply.header('x-frame-options', 'DENY');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header(
      'content-security-policy',
      "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    );
  });

  app.setErrorHandler((error, request, reply) => {
    const viewer = who(request)?.viewer;
    if (error instanceof ApiProblem) {
      const { status } = error.problem;
      if (status === 401) {
        // The token expired or was refused: sign in again, then come back here.
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.redirect(`/sign-in?back=${encodeURIComponent(request.url)}`, 303);
      }
      if (status === 403 || status === 404)
        return messagePage(request, reply, 404, T.notFound, T.notFoundBody, viewer);
    }
    request.log.error({ err: error }, 'console page failed');
    return messagePage(request, reply, 503, T.unavailable, T.unavailableBody, viewer);
  });
  app.setNotFoundHandler((request, reply) =>
    messagePage(request, reply, 404, T.notFound, T.notFoundBody, who(request)?.viewer),
  );

  const loaded = new Map(Object.entries(ASSETS).map(([name, file]) => [name, readFileSync(file)]));
  app.get<{ Params: { name: string } }>('/assets/:name', async (request, reply) => {
    const asset = loaded.get(request.params.name);
    if (!asset) return reply.callNotFound();
    return reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(asset);
  });
  app.get('/health/live', async () => ({ status: 'ok' }));

  const routes: ConsoleRoutes = {
    options,
    requireSignIn(request, reply) {
      const person = who(request);
      if (person) {
        const known = options.devSignIn?.people.find((dev) => dev.subject === person.viewer.subject);
        if (known) person.viewer.name = known.name;
        return person;
      }
      void reply.redirect(`/sign-in?back=${encodeURIComponent(request.url)}`, 303);
      return null;
    },
  };
  app.get('/', async (request, reply) => reply.redirect(who(request) ? '/missions' : '/sign-in'));
  signInScreens(app, routes);
  missionListScreen(app, routes);
  missionScreens(app, routes);
  sessionScreens(app, routes);
  sessionMessageScreens(app, routes);
  clientSettingsScreens(app, routes);
  billingPartyScreens(app, routes);
  catalogueScreens(app, routes);
  await attendanceScreens(app, routes);
  payoutAndClosureScreens(app, routes);
  staffScreens(app, routes);
  fundingScreens(app, routes);
  facilitatorScreens(app, routes);
  payoutRateScreens(app, routes);
  surveyScreens(app, routes);
  stuckActivityScreens(app, routes);
  bpfScreens(app, routes);
  return app;
}
