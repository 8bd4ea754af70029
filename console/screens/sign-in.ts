/**
 * Signing in. With the association's identity provider configured (OIDC_ISSUER), one button
 * that starts its sign-in (console/oidc-sign-in.ts). In development mode without one, a page
 * listing the dev people: choosing one mints their bearer token (the API's development secret).
 * Either way the token ends in an HttpOnly, SameSite=Lax cookie, the only thing the rest of the
 * console reads.
 */
import type { FastifyInstance } from 'fastify';
import { mintToken } from '../../api/auth/tokens.ts';
import { button, form, radios } from '../../pages/forms.ts';
import { html } from '../../pages/html.ts';
import { isLanguage } from '../../pages/i18n.ts';
import type { FieldError } from '../../pages/layout.ts';
import {
  field,
  LANGUAGE_COOKIE,
  language,
  localPath,
  SESSION_COOKIE,
  seeOther,
  sendPage,
} from '../context.ts';
import { renderConsolePage } from '../layout.ts';
import { oidcSignIn, type SignInFailure, signOutCookies } from '../oidc-sign-in.ts';
import type { ConsoleRoutes } from '../routes.ts';

const FAILURE_STATUS: Record<SignInFailure, number> = {
  expired: 400,
  refused: 400,
  'no-role': 403,
  unavailable: 503,
};

const T = {
  title: { fr: 'Se connecter', en: 'Sign in' },
  devLead: {
    fr: 'Mode développement : choisissez la personne dont vous voulez utiliser la console. En production, la connexion passe par le compte de l’association.',
    en: 'Development mode: choose whom to use the console as. In production, people sign in with the association’s account.',
  },
  who: { fr: 'Qui êtes-vous ?', en: 'Who are you?' },
  staff: { fr: 'équipe permanente', en: 'staff' },
  coordinator: { fr: 'coordinateur·ice', en: 'coordinator' },
  submit: { fr: 'Se connecter', en: 'Sign in' },
  missing: { fr: 'Choisissez une personne.', en: 'Choose a person.' },
  providerLead: {
    fr: 'Connectez-vous avec le compte que l’association vous a donné.',
    en: 'Sign in with the account the association gave you.',
  },
  providerButton: {
    fr: 'Se connecter avec le compte de l’association',
    en: 'Sign in with the association’s account',
  },
  expired: {
    fr: 'La connexion a pris trop de temps ou a été ouverte dans un autre navigateur. Recommencez.',
    en: 'Signing in took too long or was started in another browser. Please start again.',
  },
  refused: {
    fr: 'La connexion n’a pas abouti (refusée ou interrompue). Recommencez ; si cela se reproduit, contactez l’équipe permanente.',
    en: 'Signing in did not complete (refused or interrupted). Start again; if it happens again, contact the association’s staff.',
  },
  'no-role': {
    fr: 'Votre compte est bien reconnu, mais il n’a pas de rôle dans cette console (équipe permanente ou coordination). Demandez-le à l’équipe permanente.',
    en: 'Your account is recognised but has no role in this console (staff or coordinator). Ask the association’s staff for one.',
  },
  unavailable: {
    fr: 'Le service de connexion de l’association ne répond pas. Réessayez dans un instant.',
    en: 'The association’s sign-in service is not answering. Try again in a moment.',
  },
  production: {
    fr: 'La connexion avec le compte de l’association n’est pas encore installée sur ce service. Contactez l’équipe permanente.',
    en: 'Signing in with the association’s account is not installed on this service yet. Contact the association’s staff.',
  },
};

const TOKEN_HOURS = 12;

export function signInScreens(app: FastifyInstance, routes: ConsoleRoutes): void {
  const dev = routes.options.devSignIn;

  const oidc = routes.options.oidc;

  function page(lang: 'fr' | 'en', back: string, errors: FieldError[] = [], failure?: SignInFailure) {
    const body = oidc
      ? html`<h1>${T.title[lang]}</h1>${
          failure ? html`<div class="panel stop" role="alert"><p>${T[failure][lang]}</p></div>` : ''
        }<p class="lead">${T.providerLead[lang]}</p><p><a class="button" href="/sign-in/start?back=${encodeURIComponent(back)}">${T.providerButton[lang]}</a></p>`
      : dev
        ? html`<h1>${T.title[lang]}</h1><p class="lead">${T.devLead[lang]}</p>${form(
            `/sign-in?back=${encodeURIComponent(back)}`,
            html`${radios({
              id: 'person',
              label: T.who[lang],
              errors,
              choices: dev.people.map((person) => ({
                value: person.subject,
                label: person.name,
                hint: `${person.role === 'staff' ? T.staff[lang] : T.coordinator[lang]} (${person.subject})`,
              })),
            })}${button(T.submit[lang])}`,
          )}`
        : html`<h1>${T.title[lang]}</h1><p class="lead">${T.production[lang]}</p>`;
    return renderConsolePage({ language: lang, title: T.title[lang], path: '/sign-in', body, errors });
  }

  app.get<{ Querystring: { back?: string } }>('/sign-in', async (request, reply) =>
    sendPage(reply, dev || oidc ? 200 : 503, page(language(request), localPath(request.query.back))),
  );
  if (oidc)
    oidcSignIn(app, oidc, (request, reply, why) =>
      sendPage(reply, FAILURE_STATUS[why], page(language(request), '/missions', [], why)),
    );

  app.post<{ Querystring: { back?: string } }>('/sign-in', async (request, reply) => {
    const lang = language(request);
    const back = localPath(request.query.back);
    if (!dev) return sendPage(reply, 503, page(lang, back));
    const person = dev.people.find((candidate) => candidate.subject === field(request.body, 'person'));
    if (!person)
      return sendPage(reply, 422, page(lang, back, [{ field: 'person', message: T.missing[lang] }]));
    const token = await mintToken(
      dev.secret,
      { subject: person.subject, role: person.role },
      `${TOKEN_HOURS}h`,
    );
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: request.protocol === 'https',
      maxAge: TOKEN_HOURS * 3600,
    });
    return seeOther(reply, back);
  });

  app.post('/sign-out', async (_request, reply) => {
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    signOutCookies(reply);
    return seeOther(reply, '/sign-in');
  });

  /** The language switch: a preference, kept for a year, then back to the page it was chosen on. */
  app.get<{ Params: { lang: string }; Querystring: { back?: string } }>(
    '/language/:lang',
    async (request, reply) => {
      if (isLanguage(request.params.lang))
        reply.setCookie(LANGUAGE_COOKIE, request.params.lang, {
          path: '/',
          sameSite: 'lax',
          maxAge: 365 * 24 * 3600,
        });
      return reply.redirect(localPath(request.query.back), 303);
    },
  );
}
