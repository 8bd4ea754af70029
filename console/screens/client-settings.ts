/**
 * A client's settings, for staff (DESIGN.md §5: "what silence means is a per-client setting"):
 * what a manager's silence means at the approval deadline. Reached from a mission's client line.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { button, form, panel, radios, summaryList } from '../../pages/forms.ts';
import { html } from '../../pages/html.ts';
import { formatDateTime, type Language } from '../../pages/i18n.ts';
import type { FieldError } from '../../pages/layout.ts';
import { ApiProblem, answer } from '../api/client.ts';
import { field, language, type SignedIn, seeOther, sendPage } from '../context.ts';
import { renderConsolePage } from '../layout.ts';
import { fieldErrors } from '../problems.ts';
import type { ConsoleRoutes } from '../routes.ts';
import { clientBillingPath } from './billing-party.ts';

const OUTCOMES = ['wait', 'approve', 'refuse'] as const;
type Outcome = (typeof OUTCOMES)[number];

/** What silence means, as a coordinator or staff member reads it. */
export const MANAGER_SILENCE: Record<Outcome, Record<Language, string>> = {
  wait: { fr: 'le silence ne décide rien : on attend encore', en: 'silence decides nothing: keep waiting' },
  approve: { fr: 'le silence vaut accord', en: 'silence means yes' },
  refuse: { fr: 'le silence vaut refus', en: 'silence means no' },
};

const capitalised = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

const T = {
  title: { fr: 'Réglages du client', en: 'Client settings' },
  silence: {
    fr: 'Si le manager ne répond pas à temps',
    en: 'When the manager does not answer in time',
  },
  silenceHint: {
    fr: 'Un·e salarié·e du client qui anime sur son temps de travail a besoin de l’accord de son manager. Sans réponse à l’échéance (5 jours après la demande, ou 3 jours avant la session), la règle choisie ici s’applique ; la décision automatique le dit au coordinateur ou à la coordinatrice.',
    en: 'An employee of the client who facilitates during working time needs their manager’s approval. With no answer by the deadline (5 days after the request, or 3 days before the session), the rule chosen here applies; the automatic decision says so to the coordinator.',
  },
  wait: {
    fr: 'Attendre encore : l’équipe et le coordinateur ou la coordinatrice relancent',
    en: 'Keep waiting: staff and the coordinator follow up',
  },
  approve: { fr: 'Considérer que le manager est d’accord', en: 'Take it that the manager approves' },
  refuse: {
    fr: 'Considérer que le manager refuse : la place se libère',
    en: 'Take it that the manager refuses: the slot opens again',
  },
  current: { fr: 'Règle en vigueur', en: 'Rule in force' },
  source: { fr: 'Origine', en: 'Source' },
  clientChoice: {
    fr: (by: string, at: string) => `choix du client, enregistré par ${by} le ${at}`,
    en: (by: string, at: string) => `the client’s choice, saved by ${by} on ${at}`,
  },
  byDefault: {
    fr: 'règle par défaut : ce client n’a pas encore choisi',
    en: 'the default rule: this client has not chosen yet',
  },
  save: { fr: 'Enregistrer', en: 'Save' },
  saved: {
    fr: 'Réglage enregistré : il s’applique aux demandes d’accord qui partent désormais.',
    en: 'Setting saved: it applies to approval requests sent from now on.',
  },
  later: {
    fr: 'Une demande déjà partie garde la règle en vigueur à son départ.',
    en: 'A request already sent keeps the rule in force when it was sent.',
  },
  back: { fr: 'Retour à la mission', en: 'Back to the mission' },
  billing: { fr: 'Adresse de facturation', en: 'Billing address' },
  choose: { fr: 'Choisissez une règle.', en: 'Choose a rule.' },
};

type Params = { Params: { clientName: string }; Querystring: { mission?: string; done?: string } };

/** A mission id to come back to, only when it looks like one (it goes into a link). */
const missionBack = (id: string | undefined) => (id && /^[0-9a-f-]{36}$/.test(id) ? id : undefined);

export const clientSettingsPath = (clientName: string, missionId?: string) =>
  `/clients/${encodeURIComponent(clientName)}/settings${missionId ? `?mission=${missionId}` : ''}`;

async function render(
  request: FastifyRequest<Params>,
  reply: FastifyReply,
  who: SignedIn,
  errors: FieldError[] = [],
  status = 200,
) {
  const lang = language(request);
  const { clientName } = request.params;
  const settings = await answer(
    who.api.GET('/clients/{clientName}/settings', { params: { path: { clientName } } }),
  );
  const back = missionBack(request.query.mission);
  const chosen = field(request.body, 'managerSilence') || settings.managerSilence;
  return sendPage(
    reply,
    status,
    renderConsolePage({
      language: lang,
      title: `${T.title[lang]} — ${clientName}`,
      path: request.url,
      viewer: who.viewer,
      section: 'missions',
      errors,
      body: html`${request.query.done === 'saved' ? panel(T.saved[lang], '') : ''}${
        back ? html`<p class="breadcrumb"><a href="/missions/${back}">${T.back[lang]}</a></p>` : ''
      }
<h1>${T.title[lang]} — ${clientName}</h1>
<ul class="mission-links"><li><a href="${clientBillingPath(clientName)}">${T.billing[lang]}</a></li></ul>
${summaryList([
  { key: T.current[lang], value: capitalised(MANAGER_SILENCE[settings.managerSilence][lang]) },
  {
    key: T.source[lang],
    value: capitalised(
      settings.source === 'client' && settings.updatedAt
        ? T.clientChoice[lang](settings.updatedBy ?? '?', formatDateTime(settings.updatedAt, lang))
        : T.byDefault[lang],
    ),
  },
])}
${form(
  clientSettingsPath(clientName, back),
  html`${radios({
    id: 'managerSilence',
    label: T.silence[lang],
    hint: T.silenceHint[lang],
    errors,
    value: chosen,
    choices: OUTCOMES.map((outcome) => ({ value: outcome, label: T[outcome][lang] })),
  })}<p class="hint">${T.later[lang]}</p>${button(T.save[lang])}`,
)}`,
    }),
  );
}

export function clientSettingsScreens(app: FastifyInstance, routes: ConsoleRoutes): void {
  app.get<Params>('/clients/:clientName/settings', async (request, reply) => {
    const who = routes.requireSignIn(request, reply);
    return who ? render(request, reply, who) : reply;
  });

  app.post<Params>('/clients/:clientName/settings', async (request, reply) => {
    const who = routes.requireSignIn(request, reply);
    if (!who) return reply;
    const lang = language(request);
    const managerSilence = OUTCOMES.find((outcome) => outcome === field(request.body, 'managerSilence'));
    if (!managerSilence)
      return render(request, reply, who, [{ field: 'managerSilence', message: T.choose[lang] }], 422);
    try {
      await answer(
        who.api.PUT('/clients/{clientName}/settings', {
          params: { path: { clientName: request.params.clientName } },
          body: { managerSilence },
        }),
      );
    } catch (error) {
      if (!(error instanceof ApiProblem) || error.problem.status !== 422) throw error;
      const errors = fieldErrors(
        error.problem,
        { codes: {}, paths: { 'body/managerSilence': 'managerSilence' }, fallback: 'managerSilence' },
        lang,
      );
      return render(request, reply, who, errors, 422);
    }
    const back = missionBack(request.query.mission);
    return seeOther(
      reply,
      `${clientSettingsPath(request.params.clientName)}?done=saved${back ? `&mission=${back}` : ''}`,
    );
  });
}
