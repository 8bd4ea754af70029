/**
 * Signing in. In development mode, a page listing the dev people: choosing one mints their
 * bearer token (the API's development secret) into an HttpOnly, SameSite=Lax cookie. Elsewhere
 * the association's identity provider will sign people in (OpenID Connect, not built yet: the
 * page says so); the rest of the console only ever reads the cookie's token.
 */
import type { FastifyInstance } from 'fastify';
import { mintToken } from '../../api/auth/tokens.ts';
import { button, form, radios } from '../../pages/forms.ts';
import { html } from '../../pages/html.ts';
import { isLanguage } from '../../pages/i18n.ts';
import type { FieldError } from '../../pages/layout.ts';
import type { ConsoleRoutes } from '../app.ts';
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
  production: {
    fr: 'La connexion avec le compte de l’association n’est pas encore installée sur ce service. Contactez l’équipe permanente.',
    en: 'Signing in with the association’s account is not installed on this service yet. Contact the association’s staff.',
  },
};

const TOKEN_HOURS = 12;

export function signInScreens(app: FastifyInstance, routes: ConsoleRoutes): void {
  const dev = routes.options.devSignIn;

  function page(lang: 'fr' | 'en', back: string, errors: FieldError[] = []) {
    const body = dev
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
    sendPage(reply, dev ? 200 : 503, page(language(request), localPath(request.query.back))),
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
