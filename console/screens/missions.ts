/** "Mes missions": the coordinator's open and closed missions, each with its next deadline and counter. */
import type { FastifyInstance } from 'fastify';
import { type Html, html } from '../../pages/html.ts';
import type { Language } from '../../pages/i18n.ts';
import { answer, type MissionSummary } from '../api/client.ts';
import { language, sendPage } from '../context.ts';
import { renderConsolePage } from '../layout.ts';
import type { ConsoleRoutes } from '../routes.ts';
import { badge, counters, KIND_PLURAL, MISSION_STATUS, when } from '../words.ts';
import { missionFilterForm, missionFilters } from './staff.ts';

const T = {
  title: { fr: 'Mes missions', en: 'My missions' },
  staffTitle: { fr: 'Missions', en: 'Missions' },
  open: { fr: 'En cours', en: 'Open' },
  finished: { fr: 'Clôturées et annulées', en: 'Closed and cancelled' },
  none: { fr: 'Aucune mission ici.', en: 'No mission here.' },
  client: { fr: 'Client', en: 'Client' },
  next: { fr: 'Prochaine échéance', en: 'Next deadline' },
  ends: { fr: 'Fin de mission', en: 'Mission ends' },
  toPlan: { fr: 'À faire : planifier', en: 'To do: plan' },
  more: {
    fr: 'D’autres missions existent : seules les 100 plus récentes sont affichées.',
    en: 'There are more missions: only the 100 most recent are shown.',
  },
};

/** What needs the coordinator now, as far as the mission's summary tells: sessions still to plan. */
function toPlan(mission: MissionSummary, lang: Language): Html {
  const left = mission.counters.filter((counter) => counter.remaining > 0);
  if (mission.status !== 'open' || left.length === 0) return html``;
  return html`<p class="to-do"><strong>${T.toPlan[lang]}</strong> ${left
    .map((counter) => `${counter.remaining} ${KIND_PLURAL[counter.kind][lang].toLowerCase()}`)
    .join(', ')}</p>`;
}

function card(mission: MissionSummary, lang: Language): Html {
  return html`<li class="card">
<h3><a href="/missions/${mission.id}">${mission.title}</a></h3>
<p class="card-meta">${T.client[lang]} : ${mission.client.name} · ${badge(
    MISSION_STATUS[mission.status][lang],
    mission.status === 'open' ? 'good' : 'neutral',
  )}</p>
${
  mission.status === 'open'
    ? html`<p class="card-meta">${T.next[lang]} : ${when(mission.nextDeadline, lang)}</p>`
    : html`<p class="card-meta">${T.ends[lang]} : ${mission.endDate.split('-').reverse().join('/')}</p>`
}
${counters(mission, lang)}
${toPlan(mission, lang)}
</li>`;
}

function list(missions: MissionSummary[], lang: Language): Html {
  return missions.length === 0
    ? html`<p>${T.none[lang]}</p>`
    : html`<ul class="cards">${missions.map((mission) => card(mission, lang))}</ul>`;
}

export function missionListScreen(app: FastifyInstance, routes: ConsoleRoutes): void {
  app.get('/missions', async (request, reply) => {
    const who = routes.requireSignIn(request, reply);
    if (!who) return reply;
    const lang = language(request);
    const staff = who.viewer.role === 'staff';
    // Coordinators see their own missions whatever they ask; staff filter every mission.
    const filters = staff ? missionFilters(request.query as Record<string, unknown>) : {};
    const page = await answer(who.api.GET('/missions', { params: { query: { limit: 100, ...filters } } }));
    const open = page.items.filter((mission) => mission.status === 'open');
    const finished = page.items.filter((mission) => mission.status !== 'open');
    const title = who.viewer.role === 'staff' ? T.staffTitle[lang] : T.title[lang];
    return sendPage(
      reply,
      200,
      renderConsolePage({
        language: lang,
        title,
        path: request.url,
        viewer: who.viewer,
        section: 'missions',
        body: html`<h1>${title}</h1>
${staff ? missionFilterForm(filters, lang) : ''}
<h2>${T.open[lang]} (${open.length})</h2>${list(open, lang)}
<h2>${T.finished[lang]} (${finished.length})</h2>${list(finished, lang)}
${page.nextCursor ? html`<p class="hint">${T.more[lang]}</p>` : ''}`,
      }),
    );
  });
}
