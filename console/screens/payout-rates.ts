/**
 * The rate table payouts are priced from, per session kind and role. Staff change a rate here
 * (payouts already started keep their price); a rate missing from the table holds every payout
 * that needs it (a stuck activity), so the missing ones are listed to be set.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { form } from '../../pages/forms.ts';
import { type Html, html } from '../../pages/html.ts';
import { formatMoney, type Language, parseAmountCents } from '../../pages/i18n.ts';
import type { FieldError } from '../../pages/layout.ts';
import { ApiProblem, answer, type PayoutRate } from '../api/client.ts';
import { field, language, type SignedIn, seeOther, sendPage } from '../context.ts';
import { renderConsolePage } from '../layout.ts';
import { fieldErrors } from '../problems.ts';
import type { ConsoleRoutes } from '../routes.ts';
import { badge, KIND_PLURAL, PAYOUT_ROLE, when } from '../words.ts';

type Kind = PayoutRate['sessionKind'];
type Role = PayoutRate['role'];
const KINDS = Object.keys(KIND_PLURAL) as Kind[];
const ROLES = Object.keys(PAYOUT_ROLE) as Role[];

const T = {
  title: { fr: 'Taux de rétribution', en: 'Payout rates' },
  lead: {
    fr: 'Chaque rétribution est calculée avec ces montants (hors taxes, par session). Un changement vaut pour les rétributions demandées ensuite : celles déjà demandées gardent leur prix.',
    en: 'Every payout is priced from these amounts (excluding VAT, per session). A change applies to payouts requested afterwards: those already requested keep their price.',
  },
  amount: { fr: 'Montant HT en euros', en: 'Amount excluding VAT, in euros' },
  hint: { fr: 'Par exemple 450 ou 450,50', en: 'For example 450 or 450.50' },
  save: { fr: 'Enregistrer', en: 'Save' },
  saved: { fr: 'Taux enregistré.', en: 'Rate saved.' },
  current: { fr: 'Taux actuel :', en: 'Current rate:' },
  changed: { fr: 'modifié le', en: 'changed on' },
  missing: { fr: 'Aucun taux', en: 'No rate' },
  missingHelp: {
    fr: 'Sans taux, les rétributions de ce type restent en attente (voir Activités bloquées).',
    en: 'Without a rate, payouts of this kind wait (see Stuck activities).',
  },
  readOnly: {
    fr: 'Seule l’équipe permanente modifie ces taux.',
    en: 'Only the association’s staff change these rates.',
  },
  badAmount: {
    fr: 'Saisissez un montant en euros, avec au plus deux décimales, par exemple 450 ou 450,50.',
    en: 'Enter an amount in euros with at most two decimals, for example 450 or 450.50.',
  },
  tooHigh: {
    fr: 'Saisissez au plus 100 000 € par session.',
    en: 'Enter at most €100,000 per session.',
  },
} satisfies Record<string, Record<Language, string | ((...args: never[]) => string)>>;

const fieldId = (kind: Kind, role: Role) => `amount-${kind}-${role}`;
const euros = (cents: number) => (cents / 100).toFixed(2).replace(/\.00$/, '');

interface Extras {
  errors?: FieldError[];
  /** What staff typed, shown back beside the refusal. */
  typed?: { id: string; value: string };
}

function rateCard(
  kind: Kind,
  role: Role,
  rate: PayoutRate | undefined,
  staff: boolean,
  lang: Language,
  extras: Extras,
): Html {
  const id = fieldId(kind, role);
  const error = extras.errors?.find((candidate) => candidate.field === id);
  const value = extras.typed?.id === id ? extras.typed.value : rate ? euros(rate.amountCents) : '';
  const described = [`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<li class="card rate" id="rate-${kind}-${role}">
<h3>${PAYOUT_ROLE[role][lang]}</h3>
<p class="card-meta">${
    rate
      ? html`${T.current[lang]} <strong>${formatMoney(rate.amountCents, lang)}</strong> · ${T.changed[lang]} ${when(rate.updatedAt, lang)}`
      : html`${badge(T.missing[lang], 'bad')} ${T.missingHelp[lang]}`
  }</p>${
    staff
      ? form(
          `/payout-rates/${kind}/${role}`,
          html`<div class="field${error ? ' field-error' : ''}">
<label for="${id}">${T.amount[lang]}<span class="visually-hidden"> — ${KIND_PLURAL[kind][lang]}, ${PAYOUT_ROLE[role][lang].toLowerCase()}</span></label>
<p class="hint" id="${id}-hint">${T.hint[lang]}</p>${
            error ? html`<p class="error-message" id="${id}-error">${error.message}</p>` : ''
          }
<div class="inline-field"><input id="${id}" name="amount" type="text" inputmode="decimal" autocomplete="off" value="${value}" aria-describedby="${described}"${
            error ? html` aria-invalid="true"` : ''
          }> <button type="submit" class="button secondary">${T.save[lang]}</button></div>
</div>`,
          { className: 'rate-form' },
        )
      : ''
  }</li>`;
}

async function ratesPage(
  request: FastifyRequest,
  reply: FastifyReply,
  who: SignedIn,
  extras: Extras = {},
  status = 200,
) {
  const lang = language(request);
  const rates = await answer(who.api.GET('/payout-rates'));
  const staff = who.viewer.role === 'staff';
  const saved = (request.query as { saved?: string }).saved;
  return sendPage(
    reply,
    status,
    renderConsolePage({
      language: lang,
      title: T.title[lang],
      // A refused form answers at its POST address: the language switch goes back to the page.
      path: '/payout-rates',
      viewer: who.viewer,
      section: 'rates',
      ...(extras.errors ? { errors: extras.errors } : {}),
      body: html`${saved && status === 200 ? html`<div class="panel" role="status"><p>${T.saved[lang]}</p></div>` : ''}
<h1>${T.title[lang]}</h1>
<p class="lead">${T.lead[lang]}</p>
${staff ? '' : html`<p>${T.readOnly[lang]}</p>`}
${KINDS.map(
  (kind) => html`<h2>${KIND_PLURAL[kind][lang]}</h2>
<ul class="cards rates">${ROLES.map((role) =>
    rateCard(
      kind,
      role,
      rates.find((rate) => rate.sessionKind === kind && rate.role === role),
      staff,
      lang,
      extras,
    ),
  )}</ul>`,
)}`,
    }),
  );
}

export function payoutRateScreens(app: FastifyInstance, routes: ConsoleRoutes): void {
  app.get('/payout-rates', async (request, reply) => {
    const who = routes.requireSignIn(request, reply);
    return who ? ratesPage(request, reply, who) : reply;
  });

  app.post<{ Params: { sessionKind: string; role: string } }>(
    '/payout-rates/:sessionKind/:role',
    async (request, reply) => {
      const who = routes.requireSignIn(request, reply);
      if (!who) return reply;
      const lang = language(request);
      const kind = KINDS.find((candidate) => candidate === request.params.sessionKind);
      const role = ROLES.find((candidate) => candidate === request.params.role);
      if (!kind || !role) return reply.callNotFound();
      const id = fieldId(kind, role);
      const typed = { id, value: field(request.body, 'amount') };
      const refuse = (errors: FieldError[]) => ratesPage(request, reply, who, { errors, typed }, 422);
      // Six forms share the page: the error summary says which rate each message is about.
      const which = `${KIND_PLURAL[kind][lang]}, ${PAYOUT_ROLE[role][lang].toLowerCase()}${lang === 'fr' ? ' : ' : ': '}`;
      const amountCents = parseAmountCents(typed.value);
      if (amountCents === null) return refuse([{ field: id, message: `${which}${T.badAmount[lang]}` }]);
      try {
        await answer(
          who.api.PUT('/payout-rates/{sessionKind}/{role}', {
            params: { path: { sessionKind: kind, role } },
            body: { amountCents },
          }),
        );
      } catch (error) {
        if (!(error instanceof ApiProblem) || error.problem.status !== 422) throw error;
        const maximum = error.problem.errors?.some((issue) => /must be <=/.test(issue.message));
        return refuse(
          maximum
            ? [{ field: id, message: `${which}${T.tooHigh[lang]}` }]
            : fieldErrors(error.problem, { codes: {}, paths: {}, fallback: id }, lang),
        );
      }
      return seeOther(reply, `/payout-rates?saved=${kind}-${role}#rate-${kind}-${role}`);
    },
  );
}
