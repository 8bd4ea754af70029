/**
 * A mission's payouts (seed 000: "Demander les rétributions", once a month) — each facilitator
 * and session eligible or not and why, the request button with the next window's date, the
 * provider payouts that came of it — and its closure: the checklist and "declare closed".
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { button, form, panel, textArea } from '../../pages/forms.ts';
import { type Html, html } from '../../pages/html.ts';
import { formatDay, formatMoney, type Language } from '../../pages/i18n.ts';
import type { FieldError } from '../../pages/layout.ts';
import { describeGap } from '../../workflows/rules/closure-gaps.ts';
import { ApiProblem, answer, type Mission, type Schemas } from '../api/client.ts';
import type { paths } from '../api/schema.d.ts';
import { field, language, type SignedIn, seeOther, sendPage } from '../context.ts';
import { input } from '../fields.ts';
import { renderConsolePage } from '../layout.ts';
import { problemMessage } from '../problems.ts';
import type { ConsoleRoutes } from '../routes.ts';
import { badge, PAYOUT_TAG, when } from '../words.ts';

type Payouts = paths['/missions/{missionId}/payouts']['get']['responses'][200]['content']['application/json'];
type Closure = paths['/missions/{missionId}/closure']['get']['responses'][200]['content']['application/json'];
type HoldReason = Payouts['items'][number]['holdReasons'][number];
type Role = Payouts['items'][number]['role'];
type ChecklistItem = Closure['checklist'][number]['item'];

const HOLD: Record<HoldReason, Record<Language, string>> = {
  SESSION_NOT_ENDED: { fr: 'la session n’est pas terminée', en: 'the session has not ended' },
  ATTENDANCE_NOT_RECORDED: { fr: 'les présences ne sont pas enregistrées', en: 'attendance is not recorded' },
  SHEET_NOT_CONFIRMED: {
    fr: 'la feuille signée n’est pas encore vérifiée',
    en: 'the signed sheet is not confirmed yet',
  },
  SHEET_NON_COMPLIANT: { fr: 'la feuille signée est non conforme', en: 'the signed sheet is not compliant' },
  AUDIT_MISMATCH: {
    fr: 'les documents de la session ne concordent pas (l’équipe est prévenue)',
    en: 'the session’s documents disagree (staff were told)',
  },
};

const ROLE: Record<Role, Record<Language, string>> = {
  lead: { fr: 'animation principale', en: 'lead' },
  co_facilitator: { fr: 'co-animation', en: 'co-facilitator' },
  coordination: { fr: 'coordination', en: 'coordination' },
};

const PROVIDER_STATUS: Record<Schemas['ProviderPayout']['status'], Record<Language, string>> = {
  pricing: { fr: 'En cours de calcul', en: 'Being priced' },
  invoiced: { fr: 'Autofacture émise', en: 'Self-billed' },
  awaiting_invoice: { fr: 'Facture du prestataire attendue', en: 'Awaiting the provider’s invoice' },
  invoice_received: { fr: 'Facture reçue', en: 'Invoice received' },
  paid: { fr: 'Payée', en: 'Paid' },
};

const CHECKLIST: Record<ChecklistItem, Record<Language, string>> = {
  order_delivered: { fr: 'La commande est livrée', en: 'The order is delivered' },
  sessions_ended: { fr: 'Toutes les sessions ont eu lieu', en: 'Every session has taken place' },
  attendance_compliant: {
    fr: 'Les feuilles d’émargement sont conformes',
    en: 'Attendance sheets are compliant',
  },
  certificates_sent: { fr: 'Les attestations sont envoyées', en: 'Certificates are sent' },
  payouts_requested: { fr: 'Les rétributions sont demandées', en: 'Payouts are requested' },
  usage_rights_declared: { fr: 'Les droits d’utilisation sont déclarés', en: 'Usage rights are declared' },
};

const T = {
  payouts: { fr: 'Rétributions', en: 'Payouts' },
  closure: { fr: 'Clôture', en: 'Closure' },
  window: { fr: 'Fenêtre de demande', en: 'Request window' },
  lastRequested: { fr: 'Dernière demande', en: 'Last request' },
  nextWindow: { fr: 'Prochaine demande possible', en: 'Next request possible' },
  now: { fr: 'dès maintenant', en: 'now' },
  never: { fr: 'jamais', en: 'never' },
  onceAMonth: {
    fr: 'Les rétributions se demandent une fois par mois et par mission ; chaque demande prend tout ce qui est demandable.',
    en: 'Payouts are requested once a month per mission; each request takes everything eligible.',
  },
  items: { fr: 'Par animateur·ice et par session', en: 'Per facilitator and session' },
  noItem: {
    fr: 'Aucun·e animateur·ice rémunéré·e n’est encore intervenu·e sur une session.',
    en: 'No paid facilitator has taken part in a session yet.',
  },
  because: { fr: 'parce que', en: 'because' },
  request: { fr: 'Demander les rétributions', en: 'Request payouts' },
  requested: { fr: 'Rétributions demandées', en: 'Payouts requested' },
  providers: { fr: 'Rétributions des prestataires', en: 'Provider payouts' },
  invoice: { fr: 'Facture', en: 'Invoice' },
  noPayoutsHere: {
    fr: 'En apport d’affaires, l’association ne verse pas de rétributions.',
    en: 'In a client introduction, the association pays no payouts.',
  },
  checklist: { fr: 'Vérifications avant la clôture', en: 'Checks before closure' },
  done: { fr: 'fait', en: 'done' },
  todo: { fr: 'à faire', en: 'to do' },
  reported: { fr: 'signalé, ne bloque pas', en: 'reported, not blocking' },
  closedOn: { fr: 'Mission clôturée le', en: 'Mission closed on' },
  automatic: { fr: '(automatiquement)', en: '(automatically)' },
  declare: { fr: 'Déclarer la mission clôturée', en: 'Declare the mission closed' },
  declareLead: {
    fr: 'La clôture déclenche la rétribution de la coordination, prévient la facturation et verrouille la mission : plus rien ne pourra y être modifié.',
    en: 'Closure triggers the coordinator’s payout, tells billing, and locks the mission: nothing can change afterwards.',
  },
  notClosable: {
    fr: 'La mission se clôturera d’elle-même quand tout ce qui bloque sera fait.',
    en: 'The mission closes by itself once nothing blocks it.',
  },
  closed: { fr: 'Mission clôturée', en: 'Mission closed' },
  paidOn: { fr: 'Date du virement', en: 'Date of the transfer' },
  markPaid: { fr: 'Marquer payée', en: 'Mark paid' },
  paid: { fr: 'Rétribution marquée payée', en: 'Payout marked paid' },
  waive: {
    fr: 'Lever la condition de feuille conforme (équipe)',
    en: 'Waive the compliant-sheet condition (staff)',
  },
  waiveReason: { fr: 'Pourquoi, pour la session', en: 'Why, for the session' },
  waiveButton: { fr: 'Lever la condition', en: 'Waive the condition' },
  waived: { fr: 'Condition levée pour la session', en: 'Condition waived for the session' },
  required: {
    paidOn: { fr: 'Saisissez la date du virement.', en: 'Enter the date of the transfer.' },
    reason: { fr: 'Dites pourquoi la condition est levée.', en: 'Say why the condition is waived.' },
  },
};

function frame(
  request: FastifyRequest,
  reply: FastifyReply,
  who: SignedIn,
  mission: Mission,
  title: string,
  body: Html,
  errors: FieldError[] = [],
) {
  const lang = language(request);
  const done = (request.query as { done?: string }).done;
  const notices: Record<string, Record<Language, string>> = {
    requested: T.requested,
    closed: T.closed,
    paid: T.paid,
    waived: T.waived,
  };
  const notice = done ? (notices[done]?.[lang] ?? '') : '';
  return sendPage(
    reply,
    errors.length > 0 ? 422 : 200,
    renderConsolePage({
      language: lang,
      title: `${title} — ${mission.title}`,
      path: request.url,
      viewer: who.viewer,
      section: 'missions',
      errors,
      body: html`${notice ? panel(notice, '') : ''}<p class="breadcrumb"><a href="/missions/${mission.id}">${mission.title}</a></p>
<h1>${title}</h1>
${body}`,
    }),
  );
}

/** Staff's actions on payouts: waive the sheet condition of a held session, mark a payout paid. */
function staffActions(mission: Mission, payouts: Payouts, lang: Language, errors: FieldError[]) {
  const held = [
    ...new Map(
      payouts.items
        .filter((item) => item.holdReasons.some((reason) => reason.startsWith('SHEET_')))
        .map((item) => [item.sessionId, item.sessionTitle]),
    ),
  ];
  const waivers = held.map(([sessionId, title]) =>
    form(
      `/missions/${mission.id}/sessions/${sessionId}/payout-waiver`,
      html`${textArea({ id: `waiver-${sessionId}`, name: 'reason', label: `${T.waiveReason[lang]} « ${title} »`, errors, maxlength: 1000 })}${button(T.waiveButton[lang], { secondary: true })}`,
    ),
  );
  const payable = (payout: Payouts['payouts'][number]) =>
    payout.status === 'invoiced' || payout.status === 'invoice_received';
  const markPaid = (payout: Payouts['payouts'][number]) =>
    payable(payout)
      ? form(
          `/missions/${mission.id}/payouts/${payout.id}/paid`,
          html`${input({ id: `paidOn-${payout.id}`, name: 'paidOn', type: 'date', label: `${T.paidOn[lang]} (${payout.provider.name})`, errors })}${button(T.markPaid[lang], { secondary: true })}`,
          { className: 'inline-form' },
        )
      : html``;
  return {
    waivers: waivers.length > 0 ? html`<h2>${T.waive[lang]}</h2>${waivers}` : html``,
    markPaid,
  };
}

function payoutsBody(
  mission: Mission,
  payouts: Payouts,
  lang: Language,
  errors: FieldError[],
  staff: boolean,
): Html {
  if (payouts.dealType === 'client_introduction') return html`<p>${T.noPayoutsHere[lang]}</p>`;
  const next = payouts.window.nextWindowOpensOn;
  const actions = staff ? staffActions(mission, payouts, lang, errors) : null;
  const error = errors.find((candidate) => candidate.field === 'request');
  return html`<p>${T.onceAMonth[lang]}</p>
<h2>${T.window[lang]}</h2>
<dl class="summary"><div><dt>${T.lastRequested[lang]}</dt><dd>${
    payouts.window.lastRequestedOn
      ? formatDay(`${payouts.window.lastRequestedOn}T12:00:00Z`, lang)
      : T.never[lang]
  }</dd></div><div><dt>${T.nextWindow[lang]}</dt><dd>${next ? formatDay(`${next}T12:00:00Z`, lang) : T.now[lang]}</dd></div></dl>
<h2>${T.items[lang]}</h2>
${
  payouts.items.length === 0
    ? html`<p>${T.noItem[lang]}</p>`
    : html`<ul class="cards">${payouts.items.map(
        (item) => html`<li class="card"><h3>${item.facilitator.name}</h3>
<p class="card-meta">${item.sessionTitle} · ${when(item.sessionStartsAt, lang)} · ${ROLE[item.role][lang]}</p>
<p>${badge(PAYOUT_TAG[item.status][lang], item.status === 'eligible' ? 'warn' : item.status === 'not_eligible' ? 'neutral' : 'good')}${
          item.holdReasons.length > 0
            ? html` ${T.because[lang]} ${item.holdReasons.map((reason) => HOLD[reason][lang]).join(', ')}`
            : ''
        }</p></li>`,
      )}</ul>`
}
${
  mission.status === 'open'
    ? html`<div id="request" tabindex="-1" class="field${error ? ' field-error' : ''}">${
        error ? html`<p class="error-message" id="request-error">${error.message}</p>` : ''
      }${form(`/missions/${mission.id}/payout-requests`, button(T.request[lang]))}</div>`
    : ''
}
${actions ? actions.waivers : ''}
${
  payouts.payouts.length === 0
    ? ''
    : html`<h2>${T.providers[lang]}</h2><ul class="cards">${payouts.payouts.map(
        (payout) => html`<li class="card"><h3>${payout.provider.name}</h3>
<p class="card-meta">${badge(PROVIDER_STATUS[payout.status][lang])}${
          payout.totalCents === null ? '' : html` · ${formatMoney(payout.totalCents, lang)}`
        }${payout.invoiceNumber ? html` · ${T.invoice[lang]} ${payout.invoiceNumber}` : ''}${
          payout.paidOn ? html` · ${formatDay(`${payout.paidOn}T12:00:00Z`, lang)}` : ''
        }</p>${actions ? actions.markPaid(payout) : ''}</li>`,
      )}</ul>`
}`;
}

function closureBody(mission: Mission, closure: Closure, lang: Language, errors: FieldError[]): Html {
  const error = errors.find((candidate) => candidate.field === 'declare');
  if (closure.closure)
    return html`<p class="lead">${T.closedOn[lang]} ${when(closure.closure.closedAt, lang)} ${
      closure.closure.automatic ? T.automatic[lang] : ''
    }</p>`;
  return html`<h2>${T.checklist[lang]}</h2>
<ul class="cards">${closure.checklist.map(
    (entry) =>
      html`<li class="card"><h3>${CHECKLIST[entry.item][lang]}</h3><p>${badge(
        entry.done ? T.done[lang] : entry.blocking ? T.todo[lang] : T.reported[lang],
        entry.done ? 'good' : entry.blocking ? 'bad' : 'warn',
      )}</p>${
        entry.gaps.length > 0
          ? html`<ul>${entry.gaps.map((gap) => html`<li>${describeGap(gap, lang)}</li>`)}</ul>`
          : ''
      }</li>`,
  )}</ul>
${
  mission.status === 'open'
    ? html`<p>${closure.closable ? T.declareLead[lang] : T.notClosable[lang]}</p><div id="declare" tabindex="-1" class="field${
        error ? ' field-error' : ''
      }">${error ? html`<p class="error-message" id="declare-error">${error.message}</p>` : ''}${form(
        `/missions/${mission.id}/closure`,
        button(T.declare[lang], { secondary: !closure.closable }),
      )}</div>`
    : ''
}`;
}

type Params = { Params: { missionId: string } };

export function payoutAndClosureScreens(app: FastifyInstance, routes: ConsoleRoutes): void {
  const load = (who: SignedIn, missionId: string) =>
    answer(who.api.GET('/missions/{missionId}', { params: { path: { missionId } } }));

  async function payoutsPage(
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    who: SignedIn,
    errors: FieldError[] = [],
  ) {
    const path = { missionId: request.params.missionId };
    const [mission, payouts] = await Promise.all([
      load(who, path.missionId),
      answer(who.api.GET('/missions/{missionId}/payouts', { params: { path } })),
    ]);
    const lang = language(request);
    return frame(
      request,
      reply,
      who,
      mission,
      T.payouts[lang],
      payoutsBody(mission, payouts, lang, errors, who.viewer.role === 'staff'),
      errors,
    );
  }

  async function closurePage(
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    who: SignedIn,
    errors: FieldError[] = [],
  ) {
    const path = { missionId: request.params.missionId };
    const [mission, closure] = await Promise.all([
      load(who, path.missionId),
      answer(who.api.GET('/missions/{missionId}/closure', { params: { path } })),
    ]);
    const lang = language(request);
    return frame(
      request,
      reply,
      who,
      mission,
      T.closure[lang],
      closureBody(mission, closure, lang, errors),
      errors,
    );
  }

  const refusal = (error: unknown, field: string, lang: Language): FieldError[] => {
    if (error instanceof ApiProblem && [409, 422].includes(error.problem.status))
      return [{ field, message: problemMessage(error.problem, lang) }];
    throw error;
  };

  app.get<Params>('/missions/:missionId/payouts', async (request, reply) => {
    const who = routes.requireSignIn(request, reply);
    return who ? payoutsPage(request, reply, who) : reply;
  });

  app.post<Params>('/missions/:missionId/payout-requests', async (request, reply) => {
    const who = routes.requireSignIn(request, reply);
    if (!who) return reply;
    try {
      await answer(
        who.api.POST('/missions/{missionId}/payout-requests', { params: { path: request.params } }),
      );
    } catch (error) {
      return payoutsPage(request, reply, who, refusal(error, 'request', language(request)));
    }
    return seeOther(reply, `/missions/${request.params.missionId}/payouts?done=requested`);
  });

  app.post<{ Params: { missionId: string; payoutId: string } }>(
    '/missions/:missionId/payouts/:payoutId/paid',
    async (request, reply) => {
      const who = routes.requireSignIn(request, reply);
      if (!who) return reply;
      const lang = language(request);
      const id = `paidOn-${request.params.payoutId}`;
      const paidOn = field(request.body, 'paidOn');
      if (!/^\d{4}-\d{2}-\d{2}$/.test(paidOn))
        return payoutsPage(request, reply, who, [{ field: id, message: T.required.paidOn[lang] }]);
      try {
        await answer(
          who.api.POST('/payouts/{payoutId}/paid', {
            params: { path: { payoutId: request.params.payoutId } },
            body: { paidOn },
          }),
        );
      } catch (error) {
        return payoutsPage(request, reply, who, refusal(error, id, lang));
      }
      return seeOther(reply, `/missions/${request.params.missionId}/payouts?done=paid`);
    },
  );

  app.post<{ Params: { missionId: string; sessionId: string } }>(
    '/missions/:missionId/sessions/:sessionId/payout-waiver',
    async (request, reply) => {
      const who = routes.requireSignIn(request, reply);
      if (!who) return reply;
      const lang = language(request);
      const id = `waiver-${request.params.sessionId}`;
      const reason = field(request.body, 'reason');
      if (reason === '')
        return payoutsPage(request, reply, who, [{ field: id, message: T.required.reason[lang] }]);
      try {
        await answer(
          who.api.POST('/missions/{missionId}/sessions/{sessionId}/payout-waiver', {
            params: { path: request.params },
            body: { reason },
          }),
        );
      } catch (error) {
        return payoutsPage(request, reply, who, refusal(error, id, lang));
      }
      return seeOther(reply, `/missions/${request.params.missionId}/payouts?done=waived`);
    },
  );

  app.get<Params>('/missions/:missionId/closure', async (request, reply) => {
    const who = routes.requireSignIn(request, reply);
    return who ? closurePage(request, reply, who) : reply;
  });

  app.post<Params>('/missions/:missionId/closure', async (request, reply) => {
    const who = routes.requireSignIn(request, reply);
    if (!who) return reply;
    try {
      await answer(who.api.POST('/missions/{missionId}/closure', { params: { path: request.params } }));
    } catch (error) {
      return closurePage(request, reply, who, refusal(error, 'declare', language(request)));
    }
    return seeOther(reply, `/missions/${request.params.missionId}/closure?done=closed`);
  });
}
