/**
 * A facilitator's directory entry. Coordinators read it to know whom they invite; staff also see
 * and change the billing details and the self-billing mandate (how the person's payouts are paid,
 * seed 000) and the satisfaction results of the sessions the person took part in.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { button, form, summaryList, textArea, textField } from '../../pages/forms.ts';
import { type Html, html } from '../../pages/html.ts';
import { formatDay, type Language } from '../../pages/i18n.ts';
import type { FieldError } from '../../pages/layout.ts';
import { ApiProblem, answer, type BillingView, type Schemas } from '../api/client.ts';
import { field, language, type SignedIn, seeOther, sendPage } from '../context.ts';
import { input } from '../fields.ts';
import { renderConsolePage } from '../layout.ts';
import type { ConsoleRoutes } from '../routes.ts';
import { badge, PAYOUT_CHANNEL, SUPPLIER_INVOICE_REASON, surveySummary } from '../words.ts';

type Facilitator = Schemas['Facilitator'];
type BillingForm = Record<(typeof BILLING_FIELDS)[number], string>;

const BILLING_FIELDS = [
  'billingName',
  'billingAddress',
  'siret',
  'vatNumber',
  'vatRatePercent',
  'selfBillingMandateSignedOn',
] as const;

const T = {
  directory: { fr: 'Annuaire', en: 'Directory' },
  email: { fr: 'E-mail', en: 'E-mail' },
  id: { fr: 'Identifiant', en: 'Id' },
  country: { fr: 'Pays de facturation', en: 'Billing country' },
  providerNumber: { fr: 'Numéro de déclaration d’activité', en: 'Training-provider number' },
  checkedOn: { fr: 'Dernière vérification de conformité', en: 'Last compliance check' },
  compliance: { fr: 'Conformité OF aujourd’hui', en: 'Compliance today' },
  compliant: { fr: 'Conforme OF', en: 'Compliant' },
  until: { fr: 'jusqu’au', en: 'until' },
  notCompliant: { fr: 'Non conforme', en: 'Not compliant' },
  employer: { fr: 'Employeur', en: 'Employer' },
  manager: { fr: 'Manager (validation)', en: 'Manager (approval)' },
  none: { fr: 'non renseigné', en: 'not given' },
  billing: { fr: 'Facturation et mandat d’autofacturation', en: 'Billing details and self-billing mandate' },
  channelNow: {
    fr: 'Une rétribution demandée aujourd’hui serait payée par',
    en: 'A payout requested today would be paid by',
  },
  billingLead: {
    fr: 'L’autofacturation demande un·e prestataire en France, un mandat signé, un SIRET et une adresse ; sinon la personne dépose sa propre facture.',
    en: 'Self-billing needs a provider in France, a signed mandate, a SIRET and an address; otherwise the person uploads their own invoice.',
  },
  billingName: {
    fr: 'Raison sociale (si ce n’est pas le nom de la personne)',
    en: 'Legal name (if not the person’s name)',
  },
  billingAddress: { fr: 'Adresse de facturation', en: 'Billing address' },
  siret: { fr: 'SIRET', en: 'SIRET' },
  siretHint: { fr: '14 chiffres, espaces acceptés', en: '14 digits, spaces allowed' },
  vatNumber: { fr: 'Numéro de TVA intracommunautaire', en: 'VAT number' },
  vatNumberHint: { fr: 'Par exemple FR12345678901', en: 'For example FR12345678901' },
  vatRate: { fr: 'Taux de TVA en %', en: 'VAT rate in %' },
  vatRateHint: {
    fr: 'Vide : franchise en base de TVA (art. 293 B du CGI), pas de TVA facturée. Par exemple 20 ou 5,5.',
    en: 'Empty: VAT franchise (art. 293 B du CGI), no VAT charged. For example 20 or 5.5.',
  },
  mandate: { fr: 'Mandat d’autofacturation signé le', en: 'Self-billing mandate signed on' },
  mandateHint: { fr: 'Vide : pas de mandat signé', en: 'Empty: no signed mandate' },
  save: { fr: 'Enregistrer la facturation', en: 'Save billing details' },
  saved: { fr: 'Facturation enregistrée.', en: 'Billing details saved.' },
  toInvite: {
    fr: 'Pour l’inviter, saisissez son adresse e-mail ou son identifiant dans l’onglet Animateur·ices d’une session de votre mission. Seules les personnes conformes OF à la date de la session peuvent intervenir.',
    en: 'To invite them, enter their e-mail address or id in the Facilitators tab of a session of your mission. Only people compliant on the session’s day may take part.',
  },
  surveys: { fr: 'Satisfaction des participant·es', en: 'Participants’ satisfaction' },
  surveysLead: {
    fr: 'Questionnaires des sessions où cette personne est intervenue (invitation acceptée).',
    en: 'Surveys of the sessions this person took part in (invitation accepted).',
  },
  wrong: {
    siret: { fr: 'Le SIRET compte 14 chiffres.', en: 'A SIRET has 14 digits.' },
    vatNumber: {
      fr: 'Le numéro de TVA commence par le code du pays en majuscules, suivi de chiffres ou lettres, par exemple FR12345678901.',
      en: 'A VAT number starts with the country code in capitals, then digits or letters, e.g. FR12345678901.',
    },
    vatRatePercent: {
      fr: 'Saisissez un taux entre 0 et 99,99, par exemple 20 ou 5,5, ou laissez vide.',
      en: 'Enter a rate between 0 and 99.99, e.g. 20 or 5.5, or leave it empty.',
    },
    selfBillingMandateSignedOn: {
      fr: 'Saisissez une date, ou laissez vide.',
      en: 'Enter a date, or leave it empty.',
    },
    billingName: { fr: 'Au plus 200 caractères.', en: 'At most 200 characters.' },
    billingAddress: { fr: 'Au plus 500 caractères.', en: 'At most 500 characters.' },
  } satisfies Record<(typeof BILLING_FIELDS)[number], Record<Language, string>>,
};

const day = (date: string | null, lang: Language) =>
  date ? formatDay(`${date}T12:00:00Z`, lang) : T.none[lang];

function entry(person: Facilitator, lang: Language): Html {
  return summaryList([
    { key: T.email[lang], value: person.email },
    { key: T.id[lang], value: html`<code>${person.id}</code>` },
    {
      key: T.compliance[lang],
      value: person.compliance.compliant
        ? html`${badge(T.compliant[lang], 'good')}${person.compliantUntil ? ` ${T.until[lang]} ${day(person.compliantUntil, lang)}` : ''}`
        : html`${badge(T.notCompliant[lang], 'bad')} ${person.compliance.reason ?? ''}`,
    },
    { key: T.providerNumber[lang], value: person.trainingProviderNumber ?? T.none[lang] },
    { key: T.checkedOn[lang], value: day(person.complianceCheckedOn, lang) },
    { key: T.country[lang], value: person.country },
    { key: T.employer[lang], value: person.employer ?? T.none[lang] },
    { key: T.manager[lang], value: person.managerEmail ?? T.none[lang] },
  ]);
}

function billingForm(
  person: Facilitator,
  billing: BillingView,
  values: BillingForm,
  lang: Language,
  errors: FieldError[],
): Html {
  const { channel, supplierInvoiceReason } = billing.payoutChannel;
  return html`<h2 id="billing" tabindex="-1">${T.billing[lang]}</h2>
<p>${T.channelNow[lang]} ${badge(PAYOUT_CHANNEL[channel][lang], channel === 'self_billing' ? 'good' : 'warn')}${
    supplierInvoiceReason ? html` — ${SUPPLIER_INVOICE_REASON[supplierInvoiceReason][lang]}` : ''
  }</p>
<p class="hint">${T.billingLead[lang]}</p>
${form(
  `/facilitators/${encodeURIComponent(person.id)}/billing`,
  html`${textField({ id: 'billingName', label: T.billingName[lang], value: values.billingName, errors, maxlength: 200, autocomplete: 'organization' })}
${textArea({ id: 'billingAddress', label: T.billingAddress[lang], value: values.billingAddress, errors, maxlength: 500 })}
${textField({ id: 'siret', label: T.siret[lang], hint: T.siretHint[lang], value: values.siret, errors, inputmode: 'numeric', maxlength: 20 })}
${textField({ id: 'vatNumber', label: T.vatNumber[lang], hint: T.vatNumberHint[lang], value: values.vatNumber, errors, maxlength: 20 })}
${textField({ id: 'vatRatePercent', label: T.vatRate[lang], hint: T.vatRateHint[lang], value: values.vatRatePercent, errors, inputmode: 'decimal', maxlength: 6 })}
${input({ id: 'selfBillingMandateSignedOn', type: 'date', label: T.mandate[lang], hint: T.mandateHint[lang], value: values.selfBillingMandateSignedOn, errors })}
${button(T.save[lang])}`,
)}`;
}

function formOf(billing: BillingView, lang: Language): BillingForm {
  const rate = billing.vatRatePercent;
  return {
    billingName: billing.billingName ?? '',
    billingAddress: billing.billingAddress ?? '',
    siret: billing.siret ?? '',
    vatNumber: billing.vatNumber ?? '',
    vatRatePercent: rate === null ? '' : lang === 'fr' ? String(rate).replace('.', ',') : String(rate),
    selfBillingMandateSignedOn: billing.selfBillingMandateSignedOn ?? '',
  };
}

/** What staff typed, as the API's body; errors for what cannot be sent at all. */
function readBilling(values: BillingForm, lang: Language, errors: FieldError[]) {
  const text = (value: string) => (value === '' ? null : value);
  const rate = values.vatRatePercent.replace(/\s|%/g, '').replace(',', '.');
  if (rate !== '' && !/^\d{1,2}(\.\d{1,2})?$/.test(rate))
    errors.push({ field: 'vatRatePercent', message: T.wrong.vatRatePercent[lang] });
  const date = values.selfBillingMandateSignedOn;
  if (date !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(date))
    errors.push({ field: 'selfBillingMandateSignedOn', message: T.wrong.selfBillingMandateSignedOn[lang] });
  return {
    billingName: text(values.billingName),
    // Browsers send a textarea's line breaks as CRLF; the invoice is built with plain newlines.
    billingAddress: text(values.billingAddress.replace(/\r\n?/g, '\n')),
    siret: text(values.siret.replace(/\s/g, '')),
    vatNumber: text(values.vatNumber.replace(/\s/g, '').toUpperCase()),
    vatRatePercent: rate === '' ? null : Number(rate),
    selfBillingMandateSignedOn: text(date),
  };
}

async function facilitatorPage(
  request: FastifyRequest<{ Params: { facilitatorId: string } }>,
  reply: FastifyReply,
  who: SignedIn,
  extras: { values?: BillingForm; errors?: FieldError[] } = {},
  status = 200,
) {
  const lang = language(request);
  const path = { facilitatorId: request.params.facilitatorId };
  const staff = who.viewer.role === 'staff';
  const [person, billing, surveys] = await Promise.all([
    answer(who.api.GET('/facilitators/{facilitatorId}', { params: { path } })),
    staff ? answer(who.api.GET('/facilitators/{facilitatorId}/billing', { params: { path } })) : null,
    staff ? answer(who.api.GET('/facilitators/{facilitatorId}/surveys/summary', { params: { path } })) : null,
  ]);
  const name = `${person.firstName} ${person.lastName}`;
  const saved = (request.query as { saved?: string }).saved === 'billing' && status === 200;
  return sendPage(
    reply,
    status,
    renderConsolePage({
      language: lang,
      title: name,
      // A refused form answers at its POST address: the language switch goes back to the page.
      path: `/facilitators/${encodeURIComponent(person.id)}`,
      viewer: who.viewer,
      section: 'facilitators',
      ...(extras.errors ? { errors: extras.errors } : {}),
      body: html`${saved ? html`<div class="panel" role="status"><p>${T.saved[lang]}</p></div>` : ''}
<p class="breadcrumb"><a href="/facilitators">${T.directory[lang]}</a></p>
<h1>${name}</h1>
${entry(person, lang)}
${who.viewer.role === 'coordinator' ? html`<p>${T.toInvite[lang]}</p>` : ''}
${billing ? billingForm(person, billing, extras.values ?? formOf(billing, lang), lang, extras.errors ?? []) : ''}
${surveys ? html`<h2>${T.surveys[lang]}</h2><p class="hint">${T.surveysLead[lang]}</p>${surveySummary(surveys, lang)}` : ''}`,
    }),
  );
}

export function facilitatorScreens(app: FastifyInstance, routes: ConsoleRoutes): void {
  app.get<{ Params: { facilitatorId: string } }>('/facilitators/:facilitatorId', async (request, reply) => {
    const who = routes.requireSignIn(request, reply);
    return who ? facilitatorPage(request, reply, who) : reply;
  });

  app.post<{ Params: { facilitatorId: string } }>(
    '/facilitators/:facilitatorId/billing',
    async (request, reply) => {
      const who = routes.requireSignIn(request, reply);
      if (!who) return reply;
      const lang = language(request);
      const values = Object.fromEntries(
        BILLING_FIELDS.map((name) => [name, field(request.body, name)]),
      ) as BillingForm;
      const errors: FieldError[] = [];
      const body = readBilling(values, lang, errors);
      if (errors.length > 0) return facilitatorPage(request, reply, who, { values, errors }, 422);
      try {
        await answer(
          who.api.PUT('/facilitators/{facilitatorId}/billing', {
            params: { path: { facilitatorId: request.params.facilitatorId } },
            body,
          }),
        );
      } catch (error) {
        if (!(error instanceof ApiProblem) || error.problem.status !== 422) throw error;
        // Each refused field gets the console's own words for what that field expects, once
        // (a nullable field's value fails both of its branches: the API lists each).
        const names = new Set(
          (error.problem.errors ?? []).map(
            (issue) =>
              BILLING_FIELDS.find((candidate) => issue.path === `body/${candidate}`) ?? 'billingName',
          ),
        );
        const refused = [...names].map((name) => ({ field: name, message: T.wrong[name][lang] }));
        return facilitatorPage(
          request,
          reply,
          who,
          {
            values,
            errors: refused.length > 0 ? refused : [{ field: 'billingName', message: error.problem.detail }],
          },
          422,
        );
      }
      return seeOther(
        reply,
        `/facilitators/${encodeURIComponent(request.params.facilitatorId)}?saved=billing#billing`,
      );
    },
  );
}
