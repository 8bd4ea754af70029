/**
 * A session's shared link (posted in a group, forwarded between facilitators): the person gives
 * their e-mail and, if they are in the association's directory and a place is free, a personal
 * invitation follows. The answer is the same for any address: the page reveals no one.
 */
import type { FastifyInstance } from 'fastify';
import type { ApiDependencies } from '../../api/dependencies.ts';
import { requestSharedInvitation } from '../../api/links/link-actions.ts';
import { findMission, findSessionOwner } from '../../db/queries/missions.ts';
import { button, form, panel, textField } from '../forms.ts';
import { html } from '../html.ts';
import type { Language } from '../i18n.ts';
import { type FieldError, renderPage } from '../layout.ts';
import { statePage } from '../link-states.ts';
import { field, pageLanguage, readLink, redirectToPage, sendHtml } from '../page-context.ts';
import { sessionFacts, sessionOf } from '../session-facts.ts';
import { PAGE_SURFACE } from '../surface.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const T = {
  title: { fr: 'Animer cette session', en: 'Facilitate this session' },
  intro: {
    fr: 'Vous êtes animateur·ice de l’association et cette session vous intéresse ? Donnez votre adresse e-mail : si une place est libre, vous recevrez une invitation personnelle pour l’accepter.',
    en: 'Are you one of the association’s facilitators and interested in this session? Give your e-mail address: if a place is free, you will receive a personal invitation to accept.',
  },
  email: { fr: 'Votre adresse e-mail', en: 'Your e-mail address' },
  emailHint: {
    fr: 'Celle que l’association connaît pour vous.',
    en: 'The one the association has for you.',
  },
  emailInvalid: {
    fr: 'Saisissez une adresse e-mail valide, par exemple nom@exemple.fr',
    en: 'Enter a valid e-mail address, like name@example.org',
  },
  send: { fr: 'Recevoir une invitation', en: 'Get an invitation' },
  sent: { fr: 'Demande reçue', en: 'Request received' },
  sentBody: {
    fr: 'Si cette adresse est celle d’un·e animateur·ice de l’association et qu’une place est libre, une invitation personnelle vient de lui être envoyée. Pensez à regarder dans vos courriers indésirables.',
    en: 'If this address belongs to one of the association’s facilitators and a place is free, a personal invitation has just been sent to it. Remember to check your spam folder.',
  },
};

export function sharedSessionPages(app: FastifyInstance, deps: ApiDependencies): void {
  async function load(token: string) {
    const claims = await readLink(deps, token, 'sessionShare');
    const owner = await findSessionOwner(deps.pool, claims.sessionId);
    const { mission, session } = sessionOf(
      owner && (await findMission(deps.pool, owner.missionId)),
      claims.sessionId,
    );
    return { claims, mission, session };
  }

  function render(
    loaded: Awaited<ReturnType<typeof load>>,
    language: Language,
    path: string,
    options: { errors?: FieldError[]; email?: string; sent?: boolean } = {},
  ): string {
    const action = path.replace(/[?&]sent=1/, '');
    return renderPage({
      // The coordinator shares this link: the page must not say it is personal.
      personalLink: false,
      language,
      title: T.title[language],
      path,
      errors: options.errors,
      body: html`<h1>${T.title[language]}</h1>
${options.sent ? panel(T.sent[language], T.sentBody[language]) : html`<p class="lead">${T.intro[language]}</p>`}
${sessionFacts(loaded.mission, loaded.session, language)}
${
  options.sent
    ? ''
    : form(
        action,
        html`${textField({ id: 'email', type: 'email', label: T.email[language], hint: T.emailHint[language], errors: options.errors, value: options.email, autocomplete: 'email', maxlength: 320 })}
${button(T.send[language])}`,
      )
}`,
    });
  }

  app.get<{ Params: { token: string }; Querystring: { sent?: string } }>(
    '/links/shared-sessions/:token',
    { constraints: PAGE_SURFACE, schema: { hide: true } },
    async (request, reply) => {
      pageLanguage(request);
      const loaded = await load(request.params.token);
      const language = pageLanguage(request, loaded.session.language);
      if (loaded.session.status === 'cancelled')
        return sendHtml(reply, 410, statePage('sessionCancelled', language).body);
      if (loaded.session.status !== 'planned')
        return sendHtml(reply, 409, statePage('sessionStarted', language).body);
      return sendHtml(
        reply,
        200,
        render(loaded, language, request.url, { sent: request.query.sent === '1' }),
      );
    },
  );

  app.post<{ Params: { token: string } }>(
    '/links/shared-sessions/:token',
    { constraints: PAGE_SURFACE, schema: { hide: true } },
    async (request, reply) => {
      pageLanguage(request);
      const loaded = await load(request.params.token);
      const language = pageLanguage(request, loaded.session.language);
      const email = field(request.body, 'email');
      if (!EMAIL.test(email) || email.length > 320) {
        const errors = [{ field: 'email', message: T.emailInvalid[language] }];
        return sendHtml(reply, 422, render(loaded, language, request.url, { errors, email }));
      }
      await requestSharedInvitation(deps, loaded.claims, email, request.log);
      return redirectToPage(reply, request, { sent: '1' });
    },
  );
}
