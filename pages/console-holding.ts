/**
 * The console's addresses, which coordinators' e-mails point to by default, answered until the
 * console itself is installed: a page that says where things stand instead of a bare 404.
 * An association with its own front end sets COORDINATOR_MISSION_URL and COORDINATOR_SESSION_URL.
 */
import type { FastifyInstance } from 'fastify';
import { html } from './html.ts';
import { renderPage } from './layout.ts';
import { pageLanguage, sendHtml } from './page-context.ts';

const T = {
  title: { fr: 'Console de coordination', en: 'Coordination console' },
  body: {
    fr: 'La console de coordination n’est pas encore installée sur ce service. Vos missions continuent de se dérouler : rappels, invitations et relances partent d’eux-mêmes. Pour agir sur cette mission, contactez l’équipe de l’association.',
    en: 'The coordination console is not installed on this service yet. Your missions go on: reminders, invitations and follow-ups are sent by themselves. To act on this mission, contact the association’s team.',
  },
  mission: { fr: 'Référence de la mission', en: 'Mission reference' },
  session: { fr: 'Référence de la session', en: 'Session reference' },
};

export function consoleHoldingPages(app: FastifyInstance): void {
  app.get<{ Params: { missionId: string; sessionId?: string } }>(
    '/console/missions/:missionId',
    { schema: { hide: true } },
    async (request, reply) => answer(request.params, request, reply),
  );
  app.get<{ Params: { missionId: string; sessionId?: string } }>(
    '/console/missions/:missionId/sessions/:sessionId',
    { schema: { hide: true } },
    async (request, reply) => answer(request.params, request, reply),
  );

  function answer(
    params: { missionId: string; sessionId?: string },
    request: Parameters<typeof pageLanguage>[0],
    reply: Parameters<typeof sendHtml>[0],
  ) {
    const language = pageLanguage(request);
    return sendHtml(
      reply,
      503,
      renderPage({
        language,
        title: T.title[language],
        path: request.url,
        body: html`<h1>${T.title[language]}</h1>
<p class="lead">${T.body[language]}</p>
<p>${T.mission[language]} : <code>${params.missionId}</code>${
          params.sessionId ? html`<br>${T.session[language]} : <code>${params.sessionId}</code>` : ''
        }</p>`,
      }),
    );
  }
}
