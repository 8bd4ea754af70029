/**
 * A mission's dashboard (seed 000): the order, the counter per kind, the sessions in time order
 * with their states, and the form that plans one ("il y aura d'autres animateur·ices"). Moving
 * and cancelling a session have a page each. Every refusal is shown beside its field.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { button, form, panel, radios, summaryList, textArea, textField } from '../../pages/forms.ts';
import { type Html, html } from '../../pages/html.ts';
import { formatDay, formatMoney, formatTime, type Language } from '../../pages/i18n.ts';
import type { FieldError } from '../../pages/layout.ts';
import { ApiProblem, answer, type Mission, type Offer, type Session } from '../api/client.ts';
import { field, language, type SignedIn, seeOther, sendPage } from '../context.ts';
import { group, input, select } from '../fields.ts';
import { renderConsolePage } from '../layout.ts';
import { fieldErrors } from '../problems.ts';
import type { ConsoleRoutes } from '../routes.ts';
import { missionWorkflowsLink, type TemporalUiSettings, workflowLink } from '../temporal-ui.ts';
import { dayAndHour, instant, isDay, isHour } from '../times.ts';
import { badge, counters, KIND, MISSION_STATUS, SESSION_STATUS, when } from '../words.ts';
import { clientSettingsPath } from './client-settings.ts';

const T = {
  client: { fr: 'Client', en: 'Client' },
  clientSettings: { fr: 'Réglages du client', en: 'Client settings' },
  status: { fr: 'État', en: 'Status' },
  ends: { fr: 'Fin de mission', en: 'Mission ends' },
  next: { fr: 'Prochaine échéance', en: 'Next deadline' },
  coordinator: { fr: 'Coordination', en: 'Coordinator' },
  order: { fr: 'Commande du client', en: 'The client’s order' },
  payouts: { fr: 'Rétributions', en: 'Payouts' },
  closure: { fr: 'Clôture', en: 'Closure' },
  surveys: { fr: 'Satisfaction', en: 'Satisfaction' },
  workflows: { fr: 'Workflows dans Temporal Web UI', en: 'Workflows in the Temporal Web UI' },
  workflowsLead: {
    fr: 'Pour inspecter et débloquer la mission. Les commandes passent par la console ou l’API, pas par Temporal.',
    en: 'To inspect and unblock the mission. Commands go through the console or the API, not through Temporal.',
  },
  allWorkflows: {
    fr: 'Tous les workflows de la mission (sessions, validations, rétributions)',
    en: 'Every workflow of the mission (sessions, approvals, payouts)',
  },
  missionWorkflow: { fr: 'Le workflow de la mission', en: 'The mission’s workflow' },
  workflowsShort: { fr: 'Workflows (Temporal)', en: 'Workflows (Temporal)' },
  sessionWorkflow: { fr: 'Session', en: 'Session' },
  kind: { fr: 'Type', en: 'Kind' },
  orderLine: {
    fr: (quantity: number, per: number, price: string) =>
      `${quantity} commandé·es, jusqu’à ${per} participant·es par session, ${price} l’unité`,
    en: (quantity: number, per: number, price: string) =>
      `${quantity} ordered, up to ${per} participants per session, ${price} each`,
  },
  counter: { fr: 'Planifié par rapport à la commande', en: 'Planned against the order' },
  sessions: { fr: 'Sessions', en: 'Sessions' },
  noSession: { fr: 'Aucune session planifiée pour l’instant.', en: 'No session planned yet.' },
  plus: { fr: '+ Planifier une session', en: '+ Plan a session' },
  plan: { fr: 'Planifier une session', en: 'Plan a session' },
  offer: { fr: 'Offre du catalogue', en: 'Catalogue offer' },
  offerHint: {
    fr: 'Ce que les documents de la session décrivent (objectifs, programme, test de positionnement). Elle doit être du même type que la session.',
    en: 'What the session’s documents describe (objectives, programme, positioning test). It must be of the session’s kind.',
  },
  offerDefault: {
    fr: 'Celle de la ligne de commande, sinon aucune',
    en: 'The order line’s, else none',
  },
  offerOf: { fr: 'Offre', en: 'Offer' },
  offerRetired: { fr: 'retirée du catalogue', en: 'retired from the catalogue' },
  offerKeep: { fr: 'Garder son offre', en: 'Keep its offer' },
  offerNone: {
    fr: 'Aucune (les documents reprennent l’offre d’exemple)',
    en: 'None (documents use the sample offer)',
  },
  planLead: {
    fr: 'Une session se planifie avant d’avoir lieu. Les horaires sont ceux de Paris.',
    en: 'A session is planned before it takes place. Times are Paris time.',
  },
  title: { fr: 'Titre', en: 'Title' },
  titleHint: {
    fr: 'Ce que verront les participant·es, par exemple « Fresque du climat — groupe 1 ».',
    en: 'What participants will see.',
  },
  start: { fr: 'Début', en: 'Start' },
  end: { fr: 'Fin', en: 'End' },
  day: { fr: 'Jour', en: 'Day' },
  hour: { fr: 'Heure', en: 'Time' },
  where: { fr: 'Lieu', en: 'Place' },
  onsite: { fr: 'Sur place', en: 'On site' },
  online: { fr: 'En visio', en: 'Online' },
  address: { fr: 'Adresse (sur place)', en: 'Address (on site)' },
  url: { fr: 'Lien de la visio (en ligne)', en: 'Video link (online)' },
  urlHint: {
    fr: 'L’adresse complète, qui commence par https://',
    en: 'The full address, starting with https://',
  },
  lang: { fr: 'Langue de la session', en: 'Language of the session' },
  langHint: {
    fr: 'Celle des e-mails et des pages des participant·es ; les documents légaux restent en français.',
    en: 'Of e-mails and participants’ pages; legal documents stay in French.',
  },
  french: { fr: 'Français', en: 'French' },
  english: { fr: 'Anglais', en: 'English' },
  capacity: { fr: 'Nombre de places', en: 'Places' },
  capacityHint: {
    fr: 'Au plus ce que la commande prévoit par session.',
    en: 'At most what the order allows per session.',
  },
  others: {
    fr: 'Il y aura d’autres animateur·ices : combien ?',
    en: 'Other facilitators will join: how many?',
  },
  othersHint: {
    fr: 'En plus de vous. Chacun·e ouvre une place d’animateur·ice à laquelle inviter. 0 si vous animez seul·e.',
    en: 'Besides you. Each opens a facilitator slot to invite to. 0 if you facilitate alone.',
  },
  submitPlan: { fr: 'Planifier la session', en: 'Plan the session' },
  planned: { fr: 'Session planifiée', en: 'Session planned' },
  moved: { fr: 'Session déplacée', en: 'Session moved' },
  cancelled: { fr: 'Session annulée', en: 'Session cancelled' },
  open: { fr: 'Ouvrir', en: 'Open' },
  move: { fr: 'Déplacer', en: 'Move' },
  cancel: { fr: 'Annuler', en: 'Cancel' },
  moveTitle: { fr: 'Déplacer la session', en: 'Move the session' },
  moveLead: {
    fr: 'Les personnes inscrites et les animateur·ices sont prévenu·es des nouveaux horaires.',
    en: 'Registered participants and facilitators are told of the new times.',
  },
  submitMove: { fr: 'Déplacer la session', en: 'Move the session' },
  cancelTitle: { fr: 'Annuler la session', en: 'Cancel the session' },
  cancelLead: {
    fr: 'Convocations, questionnaires et demandes de validation en attente sont retirés ; les personnes concernées sont prévenues avec la raison.',
    en: 'Pending convocations, surveys and approval requests are withdrawn; the people concerned are told, with the reason.',
  },
  reason: { fr: 'Raison de l’annulation', en: 'Reason for cancelling' },
  reasonHint: {
    fr: 'Elle est transmise aux personnes concernées.',
    en: 'It is passed on to the people concerned.',
  },
  submitCancel: { fr: 'Annuler la session', en: 'Cancel the session' },
  back: { fr: 'Retour à la mission', en: 'Back to the mission' },
  required: {
    title: { fr: 'Donnez un titre à la session.', en: 'Give the session a title.' },
    kind: { fr: 'Choisissez atelier ou formation.', en: 'Choose workshop or training.' },
    day: { fr: 'Saisissez le jour, par exemple 23/11/2026.', en: 'Enter the day, e.g. 23/11/2026.' },
    hour: { fr: 'Saisissez l’heure, par exemple 09:30.', en: 'Enter the time, e.g. 09:30.' },
    address: { fr: 'Saisissez l’adresse du lieu.', en: 'Enter the address.' },
    url: { fr: 'Saisissez le lien de la visio.', en: 'Enter the video link.' },
    number: { fr: 'Saisissez un nombre entier.', en: 'Enter a whole number.' },
    reason: { fr: 'Dites pourquoi la session est annulée.', en: 'Say why the session is cancelled.' },
  },
};

type Form = Record<string, string>;

const PLAN_FIELDS = [
  'kind',
  'title',
  'startDate',
  'startTime',
  'endDate',
  'endTime',
  'locationMode',
  'address',
  'url',
  'language',
  'capacity',
  'otherFacilitators',
  'offerId',
  'requestKey',
] as const;

/** One key per form shown: a double tap or a resubmitted form plans the session once (Idempotency-Key). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const sortedSessions = (sessions: Session[]) =>
  [...sessions].sort((a, b) => a.startsAt.localeCompare(b.startsAt));

export function sessionTimes(session: Session, lang: Language): string {
  const start = formatDay(session.startsAt, lang, session.timeZone);
  const end = formatDay(session.endsAt, lang, session.timeZone);
  const from = formatTime(session.startsAt, lang, session.timeZone);
  const to = formatTime(session.endsAt, lang, session.timeZone);
  return start === end ? `${start}, ${from} – ${to}` : `${start}, ${from} – ${end}, ${to}`;
}

export function sessionPlace(session: Session): string {
  return session.location.mode === 'onsite' ? session.location.address : session.location.url;
}

const changeable = (session: Session) =>
  session.status === 'planned' && Date.parse(session.startsAt) > Date.now();

function sessionCard(mission: Mission, session: Session, lang: Language): Html {
  const base = `/missions/${mission.id}/sessions/${session.id}`;
  const tone = session.status === 'cancelled' ? 'bad' : session.status === 'planned' ? 'good' : 'neutral';
  return html`<li class="card">
<h3><a href="${base}">${session.title}</a></h3>
<p class="card-meta">${KIND[session.kind][lang]} · ${badge(SESSION_STATUS[session.status][lang], tone)}</p>
<p class="card-meta">${sessionTimes(session, lang)}</p>
<p class="card-meta">${sessionPlace(session)}</p>
${session.offer ? html`<p class="card-meta">${T.offerOf[lang]} : ${session.offer.title} (v${session.offer.version})</p>` : ''}
${
  changeable(session)
    ? html`<p class="card-actions"><a href="${base}/move">${T.move[lang]}<span class="visually-hidden"> ${session.title}</span></a> <a href="${base}/cancel">${T.cancel[lang]}<span class="visually-hidden"> ${session.title}</span></a></p>`
    : ''
}
</li>`;
}

function planForm(
  mission: Mission,
  lang: Language,
  values: Form,
  errors: FieldError[],
  offers: Offer[],
): Html {
  const ordered = mission.orderLines.map((line) => line.kind);
  return form(
    `/missions/${mission.id}/sessions`,
    html`<input type="hidden" name="requestKey" value="${values.requestKey ?? randomUUID()}">${radios({
      id: 'kind',
      label: T.kind[lang],
      errors,
      inline: true,
      value: values.kind,
      choices: ordered.map((kind) => ({ value: kind, label: KIND[kind][lang] })),
    })}
${textField({ id: 'title', label: T.title[lang], hint: T.titleHint[lang], errors, value: values.title, maxlength: 200 })}
${select({
  id: 'offerId',
  label: T.offer[lang],
  hint: T.offerHint[lang],
  errors,
  value: values.offerId ?? '',
  choices: [
    { value: '', label: T.offerDefault[lang] },
    ...offers.map((offer) => ({
      value: offer.offerId,
      label: `${KIND[offer.kind][lang]} — ${offer.title} (v${offer.version})`,
    })),
  ],
})}
${group(
  T.start[lang],
  html`${input({ id: 'startDate', type: 'date', label: T.day[lang], errors, value: values.startDate })}${input({ id: 'startTime', type: 'time', label: T.hour[lang], errors, value: values.startTime })}`,
)}
${group(
  T.end[lang],
  html`${input({ id: 'endDate', type: 'date', label: T.day[lang], errors, value: values.endDate })}${input({ id: 'endTime', type: 'time', label: T.hour[lang], errors, value: values.endTime })}`,
)}
${radios({
  id: 'locationMode',
  label: T.where[lang],
  errors,
  inline: true,
  value: values.locationMode,
  choices: [
    { value: 'onsite', label: T.onsite[lang] },
    { value: 'online', label: T.online[lang] },
  ],
})}
${textField({ id: 'address', label: T.address[lang], errors, value: values.address, maxlength: 500 })}
${input({ id: 'url', type: 'url', label: T.url[lang], hint: T.urlHint[lang], errors, value: values.url })}
${radios({
  id: 'language',
  label: T.lang[lang],
  hint: T.langHint[lang],
  errors,
  inline: true,
  value: values.language,
  choices: [
    { value: 'fr', label: T.french[lang] },
    { value: 'en', label: T.english[lang] },
  ],
})}
${input({ id: 'capacity', type: 'number', min: '1', label: T.capacity[lang], hint: T.capacityHint[lang], errors, value: values.capacity })}
${input({ id: 'otherFacilitators', type: 'number', min: '0', label: T.others[lang], hint: T.othersHint[lang], errors, value: values.otherFacilitators })}
${button(T.submitPlan[lang])}`,
    { className: 'plan-form' },
  );
}

function defaultPlan(mission: Mission): Form {
  const open = mission.counters.find((counter) => counter.remaining > 0) ?? mission.counters[0];
  const line = mission.orderLines.find((candidate) => candidate.kind === open?.kind) ?? mission.orderLines[0];
  return {
    kind: line?.kind ?? '',
    startTime: '09:00',
    endTime: '17:00',
    locationMode: 'onsite',
    language: 'fr',
    capacity: String(line?.participantsPerSession ?? ''),
    otherFacilitators: '0',
    requestKey: randomUUID(),
  };
}

const DONE: Record<string, keyof typeof T> = { planned: 'planned', moved: 'moved', cancelled: 'cancelled' };

/** Staff's way into Temporal: the mission's workflow, each session's child workflow, and all of them at once. */
function workflowsSection(mission: Mission, ui: TemporalUiSettings, lang: Language): Html {
  const sessions = sortedSessions(mission.sessions);
  return html`<h2 id="workflows" tabindex="-1">${T.workflows[lang]}</h2>
<p class="hint">${T.workflowsLead[lang]}</p>
<ul class="workflow-links">
<li><a href="${missionWorkflowsLink(ui, mission.id)}">${T.allWorkflows[lang]}</a></li>
<li><a href="${workflowLink(ui, mission.workflowId)}">${T.missionWorkflow[lang]}</a> <code>${mission.workflowId}</code></li>
${sessions.map(
  (session) =>
    html`<li><a href="${workflowLink(ui, session.workflowId)}">${T.sessionWorkflow[lang]} ${lang === 'fr' ? `« ${session.title} »` : `“${session.title}”`}, ${when(session.startsAt, lang, session.timeZone)}</a> <code>${session.workflowId}</code></li>`,
)}
</ul>`;
}

/** The offer an order line names, as its sessions are planned with by default. */
function orderedOffer(offerId: string | undefined, offers: Offer[], lang: Language): Html | string {
  if (!offerId) return '';
  const offer = offers.find((candidate) => candidate.offerId === offerId);
  return html`<br><span class="card-meta">${T.offerOf[lang]} : ${offer ? `${offer.title} (v${offer.version})` : T.offerRetired[lang]}</span>`;
}

function dashboard(
  request: FastifyRequest,
  who: SignedIn,
  mission: Mission,
  values: Form,
  offers: Offer[],
  errors: FieldError[] = [],
  ui?: TemporalUiSettings,
): string {
  const lang = language(request);
  const done = DONE[(request.query as { done?: string }).done ?? ''];
  const sessions = sortedSessions(mission.sessions);
  const doneWords = done ? (T[done] as Record<Language, string>)[lang] : '';
  const temporal = who.viewer.role === 'staff' ? ui : undefined;
  return renderConsolePage({
    language: lang,
    title: mission.title,
    path: request.url,
    viewer: who.viewer,
    section: 'missions',
    errors,
    body: html`${done ? panel(doneWords, '') : ''}
<h1>${mission.title}</h1>
${summaryList([
  {
    key: T.client[lang],
    // Staff set the client's own rules (a manager's silence); coordinators only read the name.
    value:
      who.viewer.role === 'staff'
        ? html`${mission.client.name} · <a href="${clientSettingsPath(mission.client.name, mission.id)}">${T.clientSettings[lang]}</a>`
        : mission.client.name,
  },
  { key: T.status[lang], value: MISSION_STATUS[mission.status][lang] },
  { key: T.next[lang], value: when(mission.nextDeadline, lang) },
  { key: T.ends[lang], value: formatDay(`${mission.endDate}T12:00:00Z`, lang) },
  { key: T.coordinator[lang], value: mission.coordinator.name },
])}
<ul class="mission-links"><li><a href="/missions/${mission.id}/payouts">${T.payouts[lang]}</a></li><li><a href="/missions/${mission.id}/closure">${T.closure[lang]}</a></li><li><a href="/missions/${mission.id}/surveys">${T.surveys[lang]}</a></li>${
      temporal ? html`<li><a href="#workflows">${T.workflowsShort[lang]}</a></li>` : ''
    }</ul>
<h2>${T.counter[lang]}</h2>
${counters(mission, lang)}
<h2>${T.order[lang]}</h2>
<ul class="order">${mission.orderLines.map(
      (line) =>
        html`<li><strong>${KIND[line.kind][lang]}</strong> : ${T.orderLine[lang](line.quantity, line.participantsPerSession, formatMoney(line.unitPriceCents, lang))}${orderedOffer(line.offerId, offers, lang)}</li>`,
    )}</ul>
<h2 id="sessions">${T.sessions[lang]}</h2>
${mission.status === 'open' ? html`<p><a class="button secondary" href="#plan">${T.plus[lang]}</a></p>` : ''}
${
  sessions.length === 0
    ? html`<p>${T.noSession[lang]}</p>`
    : html`<ul class="cards">${sessions.map((session) => sessionCard(mission, session, lang))}</ul>`
}
${temporal ? workflowsSection(mission, temporal, lang) : ''}
${
  mission.status === 'open'
    ? html`<h2 id="plan" tabindex="-1">${T.plan[lang]}</h2><p>${T.planLead[lang]}</p>${planForm(mission, lang, values, errors, offers)}`
    : ''
}`,
  });
}

/** The catalogue's offers a session may be planned with: retired ones are not offered. */
async function plannableOffers(who: SignedIn): Promise<Offer[]> {
  return (await answer(who.api.GET('/catalogue/offers', { params: { query: {} } }))).offers;
}

async function loadMission(who: SignedIn, missionId: string): Promise<Mission> {
  return answer(who.api.GET('/missions/{missionId}', { params: { path: { missionId } } }));
}

/** The console's own checks, for what the API could only call malformed; the API checks the rest. */
function readTimes(
  body: Form,
  lang: Language,
  errors: FieldError[],
): { startsAt: string; endsAt: string } | null {
  for (const [id, check, words] of [
    ['startDate', isDay, T.required.day],
    ['startTime', isHour, T.required.hour],
    ['endDate', isDay, T.required.day],
    ['endTime', isHour, T.required.hour],
  ] as const) {
    if (!check(body[id] ?? '')) errors.push({ field: id, message: words[lang] });
  }
  if (errors.length > 0) return null;
  return {
    startsAt: instant(body.startDate as string, body.startTime as string),
    endsAt: instant(body.endDate as string, body.endTime as string),
  };
}

const OFFER_CODES = { OFFER_KIND_MISMATCH: 'offerId', OFFER_NOT_FOUND: 'offerId', OFFER_RETIRED: 'offerId' };

export const TIME_FIELDS = {
  codes: {
    SESSION_START_IN_PAST: 'startDate',
    SESSION_END_BEFORE_START: 'endDate',
    SESSION_TOO_LONG: 'endDate',
    SESSION_TOO_SHORT: 'endDate',
    SESSION_DAILY_TIMES: 'endTime',
    SESSION_AFTER_MISSION_END: 'endDate',
  },
  paths: { 'body/startsAt': 'startDate', 'body/endsAt': 'endDate' },
};

function formOf(body: unknown, names: readonly string[]): Form {
  return Object.fromEntries(names.map((name) => [name, field(body, name)]));
}

export function missionScreens(app: FastifyInstance, routes: ConsoleRoutes): void {
  app.get<{ Params: { missionId: string } }>('/missions/:missionId', async (request, reply) => {
    const who = routes.requireSignIn(request, reply);
    if (!who) return reply;
    const mission = await loadMission(who, request.params.missionId);
    return sendPage(
      reply,
      200,
      dashboard(
        request,
        who,
        mission,
        defaultPlan(mission),
        await plannableOffers(who),
        [],
        routes.options.temporalUi,
      ),
    );
  });

  app.post<{ Params: { missionId: string } }>('/missions/:missionId/sessions', async (request, reply) => {
    const who = routes.requireSignIn(request, reply);
    if (!who) return reply;
    const lang = language(request);
    const { missionId } = request.params;
    const values = formOf(request.body, PLAN_FIELDS);
    if (values.endDate === '' && values.startDate) values.endDate = values.startDate;
    const errors: FieldError[] = [];
    if (values.kind === '') errors.push({ field: 'kind', message: T.required.kind[lang] });
    if (values.title === '') errors.push({ field: 'title', message: T.required.title[lang] });
    const times = readTimes(values, lang, errors);
    const online = values.locationMode === 'online';
    if (online && values.url === '') errors.push({ field: 'url', message: T.required.url[lang] });
    if (!online && values.address === '')
      errors.push({ field: 'address', message: T.required.address[lang] });
    for (const id of ['capacity', 'otherFacilitators'] as const)
      if (!/^\d+$/.test(values[id] ?? '')) errors.push({ field: id, message: T.required.number[lang] });
    const fail = async (found: FieldError[]) =>
      sendPage(
        reply,
        422,
        dashboard(
          request,
          who,
          await loadMission(who, missionId),
          values,
          await plannableOffers(who),
          found,
          routes.options.temporalUi,
        ),
      );
    if (errors.length > 0 || !times) return fail(errors);
    try {
      await answer(
        who.api.POST('/missions/{missionId}/sessions', {
          params: {
            path: { missionId },
            ...(UUID.test(values.requestKey ?? '')
              ? { header: { 'idempotency-key': values.requestKey as string } }
              : {}),
          },
          body: {
            kind: values.kind as Session['kind'],
            title: values.title as string,
            ...times,
            location: online
              ? { mode: 'online', url: values.url as string }
              : { mode: 'onsite', address: values.address as string },
            language: values.language === 'en' ? 'en' : 'fr',
            capacity: Number(values.capacity),
            otherFacilitators: Number(values.otherFacilitators),
            ...(UUID.test(values.offerId ?? '') ? { offerId: values.offerId as string } : {}),
          },
        }),
      );
    } catch (error) {
      if (!(error instanceof ApiProblem) || ![409, 422].includes(error.problem.status)) throw error;
      return fail(
        fieldErrors(
          error.problem,
          {
            codes: {
              ...TIME_FIELDS.codes,
              ORDER_QUANTITY_EXCEEDED: 'kind',
              KIND_NOT_ORDERED: 'kind',
              CAPACITY_EXCEEDS_ORDER: 'capacity',
              ...OFFER_CODES,
            },
            paths: {
              ...TIME_FIELDS.paths,
              'body/kind': 'kind',
              'body/title': 'title',
              'body/location': online ? 'url' : 'address',
              'body/language': 'language',
              'body/capacity': 'capacity',
              'body/otherFacilitators': 'otherFacilitators',
            },
            fallback: 'kind',
          },
          lang,
        ),
      );
    }
    return seeOther(reply, `/missions/${missionId}?done=planned#sessions`);
  });

  type SessionParams = { Params: { missionId: string; sessionId: string } };

  async function loadSession(who: SignedIn, params: SessionParams['Params']) {
    const mission = await loadMission(who, params.missionId);
    const session = mission.sessions.find((candidate) => candidate.id === params.sessionId);
    if (!session)
      throw new ApiProblem({
        type: 'about:blank',
        title: 'Not Found',
        status: 404,
        code: 'SESSION_NOT_FOUND',
        detail: 'No such session.',
      });
    return { mission, session };
  }

  function changePage(
    request: FastifyRequest,
    reply: FastifyReply,
    who: SignedIn,
    loaded: { mission: Mission; session: Session },
    what: 'move' | 'cancel',
    values: Form,
    errors: FieldError[],
    offers: Offer[] = [],
  ) {
    const lang = language(request);
    const { mission, session } = loaded;
    const title = what === 'move' ? T.moveTitle[lang] : T.cancelTitle[lang];
    const action = `/missions/${mission.id}/sessions/${session.id}/${what}`;
    const fields =
      what === 'move'
        ? html`${group(
            T.start[lang],
            html`${input({ id: 'startDate', type: 'date', label: T.day[lang], errors, value: values.startDate })}${input({ id: 'startTime', type: 'time', label: T.hour[lang], errors, value: values.startTime })}`,
          )}${group(
            T.end[lang],
            html`${input({ id: 'endDate', type: 'date', label: T.day[lang], errors, value: values.endDate })}${input({ id: 'endTime', type: 'time', label: T.hour[lang], errors, value: values.endTime })}`,
          )}${select({
            id: 'offerId',
            label: T.offer[lang],
            errors,
            value: values.offerId ?? '',
            choices: [
              {
                value: '',
                label: session.offer
                  ? `${T.offerKeep[lang]} : ${session.offer.title} (v${session.offer.version})`
                  : T.offerNone[lang],
              },
              // The same offer again takes its newest version.
              ...offers
                .filter((offer) => offer.kind === session.kind)
                .map((offer) => ({ value: offer.offerId, label: `${offer.title} (v${offer.version})` })),
            ],
          })}${button(T.submitMove[lang])}`
        : html`${textArea({ id: 'reason', label: T.reason[lang], hint: T.reasonHint[lang], errors, value: values.reason, maxlength: 1000 })}${button(T.submitCancel[lang])}`;
    return sendPage(
      reply,
      errors.length > 0 ? 422 : 200,
      renderConsolePage({
        language: lang,
        title: `${title} — ${session.title}`,
        path: request.url,
        viewer: who.viewer,
        section: 'missions',
        errors,
        body: html`<p class="breadcrumb"><a href="/missions/${mission.id}">${mission.title}</a></p>
<h1>${title}</h1>
${summaryList([
  { key: T.title[lang], value: session.title },
  { key: KIND[session.kind][lang], value: sessionTimes(session, lang) },
  { key: T.where[lang], value: sessionPlace(session) },
])}
<p>${what === 'move' ? T.moveLead[lang] : T.cancelLead[lang]}</p>
${form(action, fields)}
<p><a href="/missions/${mission.id}">${T.back[lang]}</a></p>`,
      }),
    );
  }

  app.get<SessionParams>('/missions/:missionId/sessions/:sessionId/move', async (request, reply) => {
    const who = routes.requireSignIn(request, reply);
    if (!who) return reply;
    const loaded = await loadSession(who, request.params);
    const start = dayAndHour(loaded.session.startsAt, loaded.session.timeZone);
    const end = dayAndHour(loaded.session.endsAt, loaded.session.timeZone);
    const values = { startDate: start.day, startTime: start.hour, endDate: end.day, endTime: end.hour };
    return changePage(request, reply, who, loaded, 'move', values, [], await plannableOffers(who));
  });

  app.post<SessionParams>('/missions/:missionId/sessions/:sessionId/move', async (request, reply) => {
    const who = routes.requireSignIn(request, reply);
    if (!who) return reply;
    const lang = language(request);
    const loaded = await loadSession(who, request.params);
    const values = formOf(request.body, ['startDate', 'startTime', 'endDate', 'endTime', 'offerId']);
    const errors: FieldError[] = [];
    const times = readTimes(values, lang, errors);
    const offers = await plannableOffers(who);
    if (!times) return changePage(request, reply, who, loaded, 'move', values, errors, offers);
    try {
      await answer(
        who.api.PATCH('/missions/{missionId}/sessions/{sessionId}', {
          params: { path: request.params },
          body: {
            startsAt: instant(
              values.startDate as string,
              values.startTime as string,
              loaded.session.timeZone,
            ),
            endsAt: instant(values.endDate as string, values.endTime as string, loaded.session.timeZone),
            ...(UUID.test(values.offerId ?? '') ? { offerId: values.offerId as string } : {}),
          },
        }),
      );
    } catch (error) {
      if (!(error instanceof ApiProblem) || ![409, 422].includes(error.problem.status)) throw error;
      const found = fieldErrors(
        error.problem,
        {
          codes: { ...TIME_FIELDS.codes, ...OFFER_CODES },
          paths: { ...TIME_FIELDS.paths, 'body/offerId': 'offerId' },
          fallback: 'startDate',
        },
        lang,
      );
      return changePage(request, reply, who, loaded, 'move', values, found, offers);
    }
    return seeOther(reply, `/missions/${request.params.missionId}?done=moved#sessions`);
  });

  app.get<SessionParams>('/missions/:missionId/sessions/:sessionId/cancel', async (request, reply) => {
    const who = routes.requireSignIn(request, reply);
    if (!who) return reply;
    return changePage(request, reply, who, await loadSession(who, request.params), 'cancel', {}, []);
  });

  app.post<SessionParams>('/missions/:missionId/sessions/:sessionId/cancel', async (request, reply) => {
    const who = routes.requireSignIn(request, reply);
    if (!who) return reply;
    const lang = language(request);
    const loaded = await loadSession(who, request.params);
    const values = formOf(request.body, ['reason']);
    if (values.reason === '')
      return changePage(request, reply, who, loaded, 'cancel', values, [
        { field: 'reason', message: T.required.reason[lang] },
      ]);
    try {
      await answer(
        who.api.POST('/missions/{missionId}/sessions/{sessionId}/cancel', {
          params: { path: request.params },
          body: { reason: values.reason as string },
        }),
      );
    } catch (error) {
      if (!(error instanceof ApiProblem) || ![409, 422].includes(error.problem.status)) throw error;
      const found = fieldErrors(
        error.problem,
        { codes: {}, paths: { 'body/reason': 'reason' }, fallback: 'reason' },
        lang,
      );
      return changePage(request, reply, who, loaded, 'cancel', values, found);
    }
    return seeOther(reply, `/missions/${request.params.missionId}?done=cancelled#sessions`);
  });
}
