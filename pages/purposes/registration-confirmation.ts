/**
 * The second step of a registration through a forwarded link: the address's owner, from the
 * e-mail sent to it, confirms; only then is the person registered and convoked.
 */
import type { FastifyInstance } from 'fastify';
import type { ApiDependencies } from '../../api/dependencies.ts';
import { confirmRegistration } from '../../api/links/link-actions.ts';
import { ProblemError } from '../../api/problems.ts';
import { findMission, findSessionOwner } from '../../db/queries/missions.ts';
import { findRegistrationRequest } from '../../db/queries/registration-links.ts';
import { isLinkTokenUsed } from '../../db/queries/session-staffing.ts';
import { button, form, panel, summaryList } from '../forms.ts';
import { html } from '../html.ts';
import type { Language } from '../i18n.ts';
import { renderPage } from '../layout.ts';
import { statePage } from '../link-states.ts';
import { pageLanguage, readLink, redirectToPage, sendHtml } from '../page-context.ts';
import { sessionFacts, sessionOf } from '../session-facts.ts';
import { PAGE_SURFACE } from '../surface.ts';

const T = {
  title: { fr: 'Confirmer votre inscription', en: 'Confirm your registration' },
  intro: {
    fr: 'Vérifiez vos informations, puis confirmez : votre convocation vous sera envoyée à cette adresse.',
    en: 'Check your details, then confirm: your invitation letter will be sent to this address.',
  },
  name: { fr: 'Nom', en: 'Name' },
  email: { fr: 'Adresse e-mail', en: 'E-mail address' },
  confirm: { fr: 'Confirmer mon inscription', en: 'Confirm my registration' },
  done: { fr: 'Inscription confirmée', en: 'Registration confirmed' },
  doneBody: {
    fr: 'Vous recevrez votre convocation par e-mail, au plus tard 7 jours avant la session.',
    en: 'You will receive your invitation letter by e-mail, at the latest 7 days before the session.',
  },
  notYou: {
    fr: 'Vous n’avez rien demandé ? Ne faites rien : aucun autre message ne vous sera envoyé.',
    en: 'You did not ask for this? Do nothing: no other message will be sent to you.',
  },
};

export function registrationConfirmationPages(app: FastifyInstance, deps: ApiDependencies): void {
  async function load(token: string) {
    const claims = await readLink(deps, token, 'registrationConfirmation');
    const request = await findRegistrationRequest(deps.pool, claims.subjectId);
    const owner = await findSessionOwner(deps.pool, claims.sessionId);
    if (!request) throw new ProblemError(401, 'LINK_INVALID', 'This link is not valid.');
    const { mission, session } = sessionOf(
      owner && (await findMission(deps.pool, owner.missionId)),
      claims.sessionId,
    );
    return { claims, request, mission, session };
  }

  const page = (language: Language, path: string, body: ReturnType<typeof html>) =>
    renderPage({
      language,
      title: T.title[language],
      path,
      body: html`<h1>${T.title[language]}</h1>${body}`,
    });

  app.get<{ Params: { token: string } }>(
    '/links/registration-confirmations/:token',
    { constraints: PAGE_SURFACE, schema: { hide: true } },
    async (request, reply) => {
      pageLanguage(request);
      const loaded = await load(request.params.token);
      const language = pageLanguage(request, loaded.session.language);
      if (loaded.session.status === 'cancelled')
        return sendHtml(reply, 410, statePage('sessionCancelled', language).body);
      const facts = sessionFacts(loaded.mission, loaded.session, language, { coordinator: false });
      if (loaded.request.confirmedAt || (await isLinkTokenUsed(deps.pool, loaded.claims.tokenId)))
        return sendHtml(
          reply,
          200,
          page(language, request.url, html`${panel(T.done[language], T.doneBody[language])}${facts}`),
        );
      return sendHtml(
        reply,
        200,
        page(
          language,
          request.url,
          html`<p class="lead">${T.intro[language]}</p>
${summaryList([
  { key: T.name[language], value: `${loaded.request.firstName} ${loaded.request.lastName}` },
  { key: T.email[language], value: loaded.request.email },
])}
${facts}
${form(request.url, button(T.confirm[language]))}
<p>${T.notYou[language]}</p>`,
        ),
      );
    },
  );

  app.post<{ Params: { token: string } }>(
    '/links/registration-confirmations/:token',
    { constraints: PAGE_SURFACE, schema: { hide: true } },
    async (request, reply) => {
      pageLanguage(request);
      const loaded = await load(request.params.token);
      pageLanguage(request, loaded.session.language);
      if (!loaded.request.confirmedAt) await confirmRegistration(deps, loaded.claims);
      return redirectToPage(reply, request);
    },
  );
}
