/**
 * Satisfaction results, centralised so the association can help its subcontractors improve
 * (seed 000): staff read them per coordinator and per facilitator, a coordinator their own, and
 * a mission's results per session.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Html, html } from '../../pages/html.ts';
import type { Language } from '../../pages/i18n.ts';
import { answer, type Mission, type MissionSummary, type SurveySummary } from '../api/client.ts';
import { language, type SignedIn, sendPage } from '../context.ts';
import { select } from '../fields.ts';
import { renderConsolePage } from '../layout.ts';
import type { ConsoleRoutes } from '../routes.ts';
import { badge, KIND, SESSION_STATUS, surveySummary, when } from '../words.ts';

const T = {
  title: { fr: 'Satisfaction', en: 'Satisfaction' },
  lead: {
    fr: 'Les questionnaires à chaud et à froid de toutes les sessions, réunis pour accompagner les coordinateur·ices et animateur·ices sous-traitant·es dans l’amélioration continue.',
    en: 'The hot and cold surveys of every session, brought together to help the subcontracting coordinators and facilitators improve.',
  },
  byCoordinator: { fr: 'Par coordinateur·ice', en: 'By coordinator' },
  coordinator: { fr: 'Coordinateur·ice', en: 'Coordinator' },
  coordinatorHint: {
    fr: 'Les coordinateur·ices des 100 missions les plus récentes.',
    en: 'The coordinators of the 100 most recent missions.',
  },
  byFacilitator: { fr: 'Par animateur·ice', en: 'By facilitator' },
  facilitator: { fr: 'Animateur·ice', en: 'Facilitator' },
  facilitatorHint: {
    fr: 'Les 100 premières personnes de l’annuaire, par ordre alphabétique.',
    en: 'The first 100 people of the directory, alphabetically.',
  },
  choose: { fr: 'Choisir…', en: 'Choose…' },
  show: { fr: 'Voir les résultats', en: 'Show the results' },
  missions: { fr: 'Ses missions, session par session', en: 'Their missions, session by session' },
  noMission: { fr: 'Aucune mission.', en: 'No mission.' },
  entry: { fr: 'Sa fiche dans l’annuaire', en: 'Their directory entry' },
  mission: { fr: 'Satisfaction par session', en: 'Satisfaction by session' },
  missionLead: {
    fr: 'Les questionnaires de chaque session de la mission : à chaud avec l’attestation, à froid 90 jours après une formation.',
    en: 'The surveys of each session of the mission: hot with the certificate, cold 90 days after a training.',
  },
  noSession: { fr: 'Aucune session.', en: 'No session.' },
  ownLead: {
    fr: 'Ce que les participant·es de vos sessions ont répondu aux questionnaires : l’association les réunit pour vous aider à faire évoluer vos prestations.',
    en: 'What the participants of your sessions answered in the surveys: the association brings them together to help you improve your sessions.',
  },
  allMine: { fr: 'Toutes vos sessions', en: 'All your sessions' },
  byMission: { fr: 'Mission par mission, session par session', en: 'Mission by mission, session by session' },
};

function coordinatorsOf(missions: MissionSummary[]): { id: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const mission of missions) seen.set(mission.coordinator.id, mission.coordinator.name);
  return [...seen].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

function results(title: string, summary: SurveySummary, lang: Language, more: Html): Html {
  return html`<div class="results" role="region" aria-label="${title}"><h3>${title}</h3>${surveySummary(summary, lang)}${more}</div>`;
}

/** Each form keeps the other's choice, so both results stay on the page side by side. */
const keep = (name: string, value: string): Html =>
  value ? html`<input type="hidden" name="${name}" value="${value}">` : html``;

const text = (value: unknown) => (typeof value === 'string' ? value.trim().slice(0, 100) : '');

async function ownResults(request: FastifyRequest, reply: FastifyReply, who: SignedIn) {
  const lang = language(request);
  const coordinatorId = who.viewer.subject;
  const [summary, missions] = await Promise.all([
    answer(
      who.api.GET('/coordinators/{coordinatorId}/surveys/summary', { params: { path: { coordinatorId } } }),
    ),
    answer(who.api.GET('/missions', { params: { query: { limit: 100 } } })),
  ]);
  return sendPage(
    reply,
    200,
    renderConsolePage({
      language: lang,
      title: T.title[lang],
      path: request.url,
      viewer: who.viewer,
      section: 'surveys',
      body: html`<h1>${T.title[lang]}</h1>
<p class="lead">${T.ownLead[lang]}</p>
${results(T.allMine[lang], summary, lang, html`<h3>${T.byMission[lang]}</h3>${missionLinks(missions.items, lang)}`)}`,
    }),
  );
}

function missionLinks(missions: MissionSummary[], lang: Language): Html {
  return missions.length === 0
    ? html`<p>${T.noMission[lang]}</p>`
    : html`<ul>${missions.map(
        (mission) =>
          html`<li><a href="/missions/${mission.id}/surveys">${mission.title}</a> — ${mission.client.name}</li>`,
      )}</ul>`;
}

export function surveyScreens(app: FastifyInstance, routes: ConsoleRoutes): void {
  app.get('/surveys', async (request, reply) => {
    const who = routes.requireSignIn(request, reply);
    if (!who) return reply;
    const lang = language(request);
    const query = request.query as Record<string, unknown>;
    // A coordinator reads their own results (the API answers no one else's): no choice to make.
    if (who.viewer.role === 'coordinator') return ownResults(request, reply, who);
    const coordinatorId = text(query.coordinatorId);
    const facilitatorId = text(query.facilitatorId);
    const [missions, directory, byCoordinator, theirMissions, byFacilitator] = await Promise.all([
      answer(who.api.GET('/missions', { params: { query: { limit: 100 } } })),
      answer(who.api.GET('/facilitators', { params: { query: { limit: 100 } } })),
      coordinatorId
        ? answer(
            who.api.GET('/coordinators/{coordinatorId}/surveys/summary', {
              params: { path: { coordinatorId } },
            }),
          )
        : null,
      coordinatorId
        ? answer(who.api.GET('/missions', { params: { query: { limit: 100, coordinatorId } } }))
        : null,
      facilitatorId
        ? answer(
            who.api.GET('/facilitators/{facilitatorId}/surveys/summary', {
              params: { path: { facilitatorId } },
            }),
          )
        : null,
    ]);
    const coordinators = coordinatorsOf(missions.items);
    const coordinatorName =
      coordinators.find((candidate) => candidate.id === coordinatorId)?.name ?? coordinatorId;
    const person = directory.items.find((candidate) => candidate.id === facilitatorId);
    const facilitatorName = person ? `${person.firstName} ${person.lastName}` : facilitatorId;
    return sendPage(
      reply,
      200,
      renderConsolePage({
        language: lang,
        title: T.title[lang],
        path: request.url,
        viewer: who.viewer,
        section: 'surveys',
        body: html`<h1>${T.title[lang]}</h1>
<p class="lead">${T.lead[lang]}</p>
<h2>${T.byCoordinator[lang]}</h2>
<form method="get" action="/surveys" class="filters">${select({
          id: 'coordinatorId',
          label: T.coordinator[lang],
          hint: T.coordinatorHint[lang],
          value: coordinatorId,
          choices: [
            { value: '', label: T.choose[lang] },
            ...coordinators.map((candidate) => ({
              value: candidate.id,
              label: `${candidate.name} (${candidate.id})`,
            })),
          ],
        })}${keep('facilitatorId', facilitatorId)}<button type="submit" class="button secondary">${T.show[lang]}</button></form>
${
  byCoordinator && theirMissions
    ? results(
        coordinatorName,
        byCoordinator,
        lang,
        html`<h4>${T.missions[lang]}</h4>${missionLinks(theirMissions.items, lang)}`,
      )
    : ''
}
<h2>${T.byFacilitator[lang]}</h2>
<form method="get" action="/surveys" class="filters">${select({
          id: 'facilitatorId',
          label: T.facilitator[lang],
          hint: T.facilitatorHint[lang],
          value: facilitatorId,
          choices: [
            { value: '', label: T.choose[lang] },
            ...directory.items.map((candidate) => ({
              value: candidate.id,
              label: `${candidate.firstName} ${candidate.lastName} (${candidate.email})`,
            })),
          ],
        })}${keep('coordinatorId', coordinatorId)}<button type="submit" class="button secondary">${T.show[lang]}</button></form>
${
  byFacilitator
    ? results(
        facilitatorName,
        byFacilitator,
        lang,
        html`<p><a href="/facilitators/${encodeURIComponent(facilitatorId)}">${T.entry[lang]}</a></p>`,
      )
    : ''
}`,
      }),
    );
  });

  app.get<{ Params: { missionId: string } }>('/missions/:missionId/surveys', async (request, reply) => {
    const who = routes.requireSignIn(request, reply);
    if (!who) return reply;
    const lang = language(request);
    const { missionId } = request.params;
    const mission: Mission = await answer(
      who.api.GET('/missions/{missionId}', { params: { path: { missionId } } }),
    );
    const sessions = mission.sessions
      .filter((session) => session.status !== 'cancelled')
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    const summaries = await Promise.all(
      sessions.map((session) =>
        answer(
          who.api.GET('/missions/{missionId}/sessions/{sessionId}/surveys/summary', {
            params: { path: { missionId, sessionId: session.id } },
          }),
        ),
      ),
    );
    return sendPage(
      reply,
      200,
      renderConsolePage({
        language: lang,
        title: `${T.mission[lang]} — ${mission.title}`,
        path: request.url,
        viewer: who.viewer,
        section: 'missions',
        body: html`<p class="breadcrumb"><a href="/missions/${mission.id}">${mission.title}</a></p>
<h1>${T.mission[lang]}</h1>
<p class="lead">${T.missionLead[lang]}</p>
${
  sessions.length === 0
    ? html`<p>${T.noSession[lang]}</p>`
    : html`<ul class="cards">${sessions.map(
        (session, index) => html`<li class="card" id="session-${session.id}">
<h2 class="card-title"><a href="/missions/${mission.id}/sessions/${session.id}">${session.title}</a></h2>
<p class="card-meta">${KIND[session.kind][lang]} · ${when(session.startsAt, lang, session.timeZone)} · ${badge(SESSION_STATUS[session.status][lang])}</p>
${surveySummary(summaries[index] ?? [], lang)}</li>`,
      )}</ul>`
}`,
      }),
    );
  });
}
