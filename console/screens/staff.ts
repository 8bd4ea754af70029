/**
 * The staff's screens: every mission with filters (status, coordinator, client) on the mission
 * list, and the facilitator directory with each one's compliance ("conforme OF") today, which
 * coordinators read too, to know whom they can invite.
 */
import type { FastifyInstance } from 'fastify';
import { type Html, html } from '../../pages/html.ts';
import { formatDay, type Language } from '../../pages/i18n.ts';
import { answer, type MissionSummary } from '../api/client.ts';
import { language, sendPage } from '../context.ts';
import { input, select } from '../fields.ts';
import { renderConsolePage } from '../layout.ts';
import type { ConsoleRoutes } from '../routes.ts';
import { badge, MISSION_STATUS } from '../words.ts';

export interface MissionFilters {
  status?: MissionSummary['status'];
  coordinatorId?: string;
  client?: string;
}

const T = {
  filter: { fr: 'Filtrer', en: 'Filter' },
  status: { fr: 'État', en: 'Status' },
  any: { fr: 'Tous', en: 'Any' },
  coordinator: { fr: 'Identifiant de la coordination', en: 'Coordinator id' },
  client: { fr: 'Client (nom exact)', en: 'Client (exact name)' },
  directory: { fr: 'Annuaire des animateur·ices', en: 'Facilitator directory' },
  search: { fr: 'Nom ou e-mail', en: 'Name or e-mail' },
  compliance: { fr: 'Conformité OF', en: 'Compliance' },
  compliantOnly: { fr: 'Conformes aujourd’hui', en: 'Compliant today' },
  notCompliant: { fr: 'Non conformes aujourd’hui', en: 'Not compliant today' },
  compliant: { fr: 'Conforme OF', en: 'Compliant' },
  until: { fr: 'jusqu’au', en: 'until' },
  notCompliantBadge: { fr: 'Non conforme', en: 'Not compliant' },
  none: { fr: 'Personne ne correspond.', en: 'Nobody matches.' },
  more: {
    fr: 'Seules les 100 premières personnes sont affichées.',
    en: 'Only the first 100 people are shown.',
  },
};

/** The filters a staff person typed, as the API's query takes them (unknown values dropped). */
export function missionFilters(query: Record<string, unknown>): MissionFilters {
  const text = (name: string) => {
    const value = query[name];
    return typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, 200) : undefined;
  };
  const status = Object.keys(MISSION_STATUS).find((candidate) => candidate === query.status) as
    | MissionSummary['status']
    | undefined;
  return {
    ...(status ? { status } : {}),
    ...(text('coordinatorId') ? { coordinatorId: text('coordinatorId') } : {}),
    ...(text('client') ? { client: text('client') } : {}),
  };
}

export function missionFilterForm(filters: MissionFilters, lang: Language): Html {
  return html`<form method="get" action="/missions" class="filters"><div class="group-fields">${select({
    id: 'status',
    label: T.status[lang],
    value: filters.status ?? '',
    choices: [
      { value: '', label: T.any[lang] },
      ...Object.entries(MISSION_STATUS).map(([value, label]) => ({ value, label: label[lang] })),
    ],
  })}${input({ id: 'coordinatorId', type: 'text', label: T.coordinator[lang], value: filters.coordinatorId })}${input(
    {
      id: 'client',
      type: 'text',
      label: T.client[lang],
      value: filters.client,
    },
  )}</div><button type="submit" class="button secondary">${T.filter[lang]}</button></form>`;
}

export function staffScreens(app: FastifyInstance, routes: ConsoleRoutes): void {
  app.get<{ Querystring: { q?: string; compliant?: string } }>('/facilitators', async (request, reply) => {
    const who = routes.requireSignIn(request, reply);
    if (!who) return reply;
    const lang = language(request);
    const q = request.query.q?.trim().slice(0, 200) || undefined;
    const compliant =
      request.query.compliant === 'true' ? true : request.query.compliant === 'false' ? false : undefined;
    const page = await answer(
      who.api.GET('/facilitators', {
        params: {
          query: { limit: 100, ...(q ? { q } : {}), ...(compliant === undefined ? {} : { compliant }) },
        },
      }),
    );
    return sendPage(
      reply,
      200,
      renderConsolePage({
        language: lang,
        title: T.directory[lang],
        path: request.url,
        viewer: who.viewer,
        section: 'facilitators',
        body: html`<h1>${T.directory[lang]}</h1>
<form method="get" action="/facilitators" class="filters"><div class="group-fields">${input({ id: 'q', type: 'text', label: T.search[lang], value: q })}${select(
          {
            id: 'compliant',
            label: T.compliance[lang],
            value: compliant === undefined ? '' : String(compliant),
            choices: [
              { value: '', label: T.any[lang] },
              { value: 'true', label: T.compliantOnly[lang] },
              { value: 'false', label: T.notCompliant[lang] },
            ],
          },
        )}</div><button type="submit" class="button secondary">${T.filter[lang]}</button></form>
${
  page.items.length === 0
    ? html`<p>${T.none[lang]}</p>`
    : html`<ul class="cards">${page.items.map(
        (
          person,
        ) => html`<li class="card"><h2 class="card-title"><a href="/facilitators/${encodeURIComponent(person.id)}">${person.firstName} ${person.lastName}</a></h2>
<p class="card-meta">${person.email} · <code>${person.id}</code></p>
<p>${
          person.compliance.compliant
            ? html`${badge(T.compliant[lang], 'good')}${
                person.compliantUntil
                  ? html` ${T.until[lang]} ${formatDay(`${person.compliantUntil}T12:00:00Z`, lang)}`
                  : ''
              }`
            : html`${badge(T.notCompliantBadge[lang], 'bad')} ${person.compliance.reason ?? ''}`
        }</p></li>`,
      )}</ul>`
}
${page.nextCursor ? html`<p class="hint">${T.more[lang]}</p>` : ''}`,
      }),
    );
  });
}
