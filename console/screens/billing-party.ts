/**
 * Who closure's invoices are addressed to (issue #19 item 3), for staff: a client's billing
 * identity, and the OPCO that funds a company. Without one, closure issues no invoice for it and
 * the billing e-mail links here. Reached from a client's settings and from that e-mail.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { button, form, panel, summaryList, textField } from '../../pages/forms.ts';
import { type Html, html } from '../../pages/html.ts';
import type { Language } from '../../pages/i18n.ts';
import type { FieldError } from '../../pages/layout.ts';
import { ApiProblem, answer } from '../api/client.ts';
import { field, language, type SignedIn, seeOther, sendPage } from '../context.ts';
import { renderConsolePage } from '../layout.ts';
import type { ConsoleRoutes } from '../routes.ts';

const FIELDS = ['legalName', 'addressLine', 'postalCode', 'city', 'country', 'siren', 'vatNumber'] as const;
type FieldName = (typeof FIELDS)[number];
type Values = Record<FieldName, string>;

const T = {
  clientTitle: { fr: 'Facturation du client', en: 'Client billing' },
  opcoTitle: { fr: 'OPCO de l’entreprise', en: 'The company’s OPCO' },
  clientLead: {
    fr: 'À qui s’adressent les factures de ce client émises à la clôture de ses missions, quand aucune demande de financement ne le dit.',
    en: 'Who this client’s invoices issued at the closure of its missions are addressed to, when no funding request says so.',
  },
  opcoLead: {
    fr: (siren: string) =>
      `L’OPCO qui finance les formations de l’entreprise de SIREN ${siren} : les factures de sa prise en charge (subrogation) lui sont adressées.`,
    en: (siren: string) =>
      `The OPCO that funds the trainings of the company with SIREN ${siren}: the invoices for its share (subrogation) are addressed to it.`,
  },
  none: {
    fr: 'Aucune adresse de facturation n’est enregistrée : les factures qui en ont besoin ne sont pas émises à la clôture.',
    en: 'No billing address is recorded: the invoices that need it are not issued at closure.',
  },
  legalName: { fr: 'Raison sociale ou nom', en: 'Legal name' },
  legalNameHint: { fr: 'Tel qu’il doit figurer sur la facture.', en: 'As the invoice must show it.' },
  addressLine: { fr: 'Adresse', en: 'Address' },
  addressHint: { fr: 'Numéro et rue.', en: 'Number and street.' },
  postalCode: { fr: 'Code postal', en: 'Postal code' },
  city: { fr: 'Ville', en: 'City' },
  country: { fr: 'Pays', en: 'Country' },
  countryHint: {
    fr: 'Code à deux lettres : FR pour la France.',
    en: 'Two-letter code: FR for France.',
  },
  siren: { fr: 'SIREN', en: 'SIREN' },
  sirenHint: {
    fr: '9 chiffres, mention obligatoire des factures. Laissez vide pour un particulier.',
    en: '9 digits, required on invoices. Leave empty for a private person.',
  },
  vatNumber: { fr: 'Numéro de TVA intracommunautaire (facultatif)', en: 'EU VAT number (optional)' },
  vatHint: { fr: 'Par exemple FR40303265045.', en: 'For example FR40303265045.' },
  save: { fr: 'Enregistrer', en: 'Save' },
  saved: {
    fr: 'Adresse de facturation enregistrée : elle sert aux factures émises désormais.',
    en: 'Billing address saved: it is used by invoices issued from now on.',
  },
  issued: {
    fr: 'Les factures déjà émises gardent l’adresse qu’elles portent.',
    en: 'Invoices already issued keep the address they carry.',
  },
  required: {
    legalName: { fr: 'Saisissez la raison sociale ou le nom.', en: 'Enter the legal name.' },
    addressLine: { fr: 'Saisissez le numéro et la rue.', en: 'Enter the number and street.' },
    postalCode: { fr: 'Saisissez le code postal.', en: 'Enter the postal code.' },
    city: { fr: 'Saisissez la ville.', en: 'Enter the city.' },
    country: { fr: 'Saisissez le pays, FR pour la France.', en: 'Enter the country, FR for France.' },
  },
  postalFormat: { fr: 'Saisissez un code postal de 5 chiffres.', en: 'Enter a 5-digit postal code.' },
  countryFormat: {
    fr: 'Saisissez le code du pays en deux lettres, comme FR.',
    en: 'Enter the country as two letters, such as FR.',
  },
  sirenFormat: { fr: 'Un SIREN compte 9 chiffres.', en: 'A SIREN has 9 digits.' },
  sirenChecksum: {
    fr: 'Ce SIREN n’existe pas : sa clé de contrôle ne correspond pas. Vérifiez les chiffres.',
    en: 'This SIREN does not exist: its check digit does not match. Check the digits.',
  },
  vatFormat: {
    fr: 'Un numéro de TVA commence par le code du pays, comme FR40303265045.',
    en: 'A VAT number starts with the country code, such as FR40303265045.',
  },
  vatMismatch: {
    fr: (expected: string) => `Le numéro de TVA français de ce SIREN est ${expected}.`,
    en: (expected: string) => `The French VAT number of this SIREN is ${expected}.`,
  },
  back: { fr: 'Retour aux réglages du client', en: 'Back to the client settings' },
};

type Party = { kind: 'client'; clientName: string } | { kind: 'opco'; companySiren: string };

const pathOf = (party: Party) =>
  party.kind === 'client'
    ? `/clients/${encodeURIComponent(party.clientName)}/billing`
    : `/opcos/${party.companySiren}/billing`;

/** The recorded address, or null when there is none yet (the API answers 404). */
async function recorded(who: SignedIn, party: Party) {
  try {
    return party.kind === 'client'
      ? await answer(
          who.api.GET('/clients/{clientName}/billing-party', {
            params: { path: { clientName: party.clientName } },
          }),
        )
      : await answer(
          who.api.GET('/opcos/{companySiren}/billing-party', {
            params: { path: { companySiren: party.companySiren } },
          }),
        );
  } catch (error) {
    if (error instanceof ApiProblem && error.problem.status === 404) return null;
    throw error;
  }
}

/** What a person types, read as the API takes it: trimmed, upper-case codes, empty optional fields null. */
function bodyOf(values: Values) {
  const optional = (value: string) => (value === '' ? null : value.replace(/\s+/g, '').toUpperCase());
  return {
    legalName: values.legalName,
    addressLine: values.addressLine,
    postalCode: values.postalCode.replace(/\s+/g, ''),
    city: values.city,
    country: values.country.toUpperCase(),
    siren: optional(values.siren),
    vatNumber: optional(values.vatNumber),
  };
}

/** The checks a person can be told about before the API is asked, each beside its field. */
function formErrors(values: Values, lang: Language): FieldError[] {
  const body = bodyOf(values);
  const errors: FieldError[] = [];
  for (const name of ['legalName', 'addressLine', 'postalCode', 'city', 'country'] as const)
    if (values[name] === '') errors.push({ field: name, message: T.required[name][lang] });
  if (body.postalCode !== '' && !/^[0-9]{5}$/.test(body.postalCode))
    errors.push({ field: 'postalCode', message: T.postalFormat[lang] });
  if (body.country !== '' && !/^[A-Z]{2}$/.test(body.country))
    errors.push({ field: 'country', message: T.countryFormat[lang] });
  if (body.siren !== null && !/^[0-9]{9}$/.test(body.siren))
    errors.push({ field: 'siren', message: T.sirenFormat[lang] });
  if (body.vatNumber !== null && !/^[A-Z]{2}[0-9A-Z]{2,13}$/.test(body.vatNumber))
    errors.push({ field: 'vatNumber', message: T.vatFormat[lang] });
  return errors;
}

/** The API's own refusals (a SIREN's check digit, a VAT number that is not the SIREN's), beside their field. */
function refusals(problem: ApiProblem['problem'], lang: Language): FieldError[] {
  return (problem.violations ?? []).map((violation) =>
    violation.code === 'VAT_NUMBER_MISMATCH'
      ? {
          field: 'vatNumber',
          message: T.vatMismatch[lang](violation.message.match(/is (\S+)\.$/)?.[1] ?? '?'),
        }
      : violation.code === 'SIREN_CHECKSUM'
        ? { field: 'siren', message: T.sirenChecksum[lang] }
        : { field: 'legalName', message: violation.message },
  );
}

async function render(
  request: FastifyRequest,
  reply: FastifyReply,
  who: SignedIn,
  party: Party,
  typed: Values | null = null,
  errors: FieldError[] = [],
  status = 200,
) {
  const lang = language(request);
  const current = await recorded(who, party);
  const values: Values = typed ?? {
    legalName: current?.legalName ?? '',
    addressLine: current?.addressLine ?? '',
    postalCode: current?.postalCode ?? '',
    city: current?.city ?? '',
    country: current?.country ?? 'FR',
    siren: current?.siren ?? '',
    vatNumber: current?.vatNumber ?? '',
  };
  const title =
    party.kind === 'client'
      ? `${T.clientTitle[lang]} — ${party.clientName}`
      : `${T.opcoTitle[lang]} — SIREN ${party.companySiren}`;
  const saved = (request.query as { done?: string }).done === 'saved' && status === 200;
  const text = (
    name: FieldName,
    label: string,
    hint?: string,
    extra: { autocomplete?: string; inputmode?: string; maxlength?: number } = {},
  ) => textField({ id: name, label, ...(hint ? { hint } : {}), errors, value: values[name], ...extra });
  return sendPage(
    reply,
    status,
    renderConsolePage({
      language: lang,
      title,
      path: pathOf(party),
      viewer: who.viewer,
      section: 'missions',
      errors,
      body: html`${saved ? panel(T.saved[lang], '') : ''}${
        party.kind === 'client'
          ? html`<p class="breadcrumb"><a href="/clients/${encodeURIComponent(party.clientName)}/settings">${T.back[lang]}</a></p>`
          : ''
      }
<h1>${title}</h1>
<p class="lead">${party.kind === 'client' ? T.clientLead[lang] : T.opcoLead[lang](party.companySiren)}</p>
${current ? summaryFor(current, lang) : html`<p>${T.none[lang]}</p>`}
${form(
  pathOf(party),
  html`${text('legalName', T.legalName[lang], T.legalNameHint[lang], { autocomplete: 'organization', maxlength: 200 })}
${text('addressLine', T.addressLine[lang], T.addressHint[lang], { autocomplete: 'address-line1', maxlength: 200 })}
${text('postalCode', T.postalCode[lang], undefined, { autocomplete: 'postal-code', inputmode: 'numeric', maxlength: 8 })}
${text('city', T.city[lang], undefined, { autocomplete: 'address-level2', maxlength: 100 })}
${text('country', T.country[lang], T.countryHint[lang], { maxlength: 2 })}
${text('siren', T.siren[lang], T.sirenHint[lang], { inputmode: 'numeric', maxlength: 11 })}
${text('vatNumber', T.vatNumber[lang], T.vatHint[lang], { maxlength: 20 })}
<p class="hint">${T.issued[lang]}</p>${button(T.save[lang])}`,
)}`,
    }),
  );
}

function summaryFor(
  current: {
    legalName: string;
    addressLine: string;
    postalCode: string;
    city: string;
    country: string;
    siren: string | null;
    vatNumber: string | null;
  },
  lang: Language,
): Html {
  return summaryList([
    { key: T.legalName[lang], value: current.legalName },
    {
      key: T.addressLine[lang],
      value: `${current.addressLine}, ${current.postalCode} ${current.city}, ${current.country}`,
    },
    { key: T.siren[lang], value: current.siren ?? '—' },
    { key: T.vatNumber[lang], value: current.vatNumber ?? '—' },
  ]);
}

async function save(request: FastifyRequest, reply: FastifyReply, who: SignedIn, party: Party) {
  const lang = language(request);
  const typed = Object.fromEntries(FIELDS.map((name) => [name, field(request.body, name).trim()])) as Values;
  const errors = formErrors(typed, lang);
  if (errors.length > 0) return render(request, reply, who, party, typed, errors, 422);
  try {
    if (party.kind === 'client')
      await answer(
        who.api.PUT('/clients/{clientName}/billing-party', {
          params: { path: { clientName: party.clientName } },
          body: bodyOf(typed),
        }),
      );
    else
      await answer(
        who.api.PUT('/opcos/{companySiren}/billing-party', {
          params: { path: { companySiren: party.companySiren } },
          body: bodyOf(typed),
        }),
      );
  } catch (error) {
    if (!(error instanceof ApiProblem) || error.problem.status !== 422) throw error;
    return render(request, reply, who, party, typed, refusals(error.problem, lang), 422);
  }
  return seeOther(reply, `${pathOf(party)}?done=saved`);
}

export const clientBillingPath = (clientName: string) => pathOf({ kind: 'client', clientName });

export function billingPartyScreens(app: FastifyInstance, routes: ConsoleRoutes): void {
  type ClientParams = { Params: { clientName: string } };
  type OpcoParams = { Params: { companySiren: string } };
  const opco = (siren: string): Party | null =>
    /^[0-9]{9}$/.test(siren) ? { kind: 'opco', companySiren: siren } : null;

  app.get<ClientParams>('/clients/:clientName/billing', async (request, reply) => {
    const who = routes.requireSignIn(request, reply);
    return who
      ? render(request, reply, who, { kind: 'client', clientName: request.params.clientName })
      : reply;
  });
  app.post<ClientParams>('/clients/:clientName/billing', async (request, reply) => {
    const who = routes.requireSignIn(request, reply);
    return who ? save(request, reply, who, { kind: 'client', clientName: request.params.clientName }) : reply;
  });
  app.get<OpcoParams>('/opcos/:companySiren/billing', async (request, reply) => {
    const who = routes.requireSignIn(request, reply);
    if (!who) return reply;
    const party = opco(request.params.companySiren);
    return party ? render(request, reply, who, party) : reply.callNotFound();
  });
  app.post<OpcoParams>('/opcos/:companySiren/billing', async (request, reply) => {
    const who = routes.requireSignIn(request, reply);
    if (!who) return reply;
    const party = opco(request.params.companySiren);
    return party ? save(request, reply, who, party) : reply.callNotFound();
  });
}
