/**
 * A training's funding tab (seed 004): who funds it and the client details that funder needs
 * (a company for an OPCO, a person for CPF or France Travail, an independent for FIFPL or
 * AGEFICE), sending the proposal (the documents of the buyer's contract), and the funder's decision, which
 * staff record; after a refusal, keeping the training with the client paying.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { button, form, radios, summaryList, textField } from '../../pages/forms.ts';
import { type Html, html } from '../../pages/html.ts';
import { formatDateTime, formatMoney, type Language, parseAmountCents } from '../../pages/i18n.ts';
import type { FieldError } from '../../pages/layout.ts';
import { AGREEMENT_NUMBER_PATTERN } from '../../workflows/rules/funding.ts';
import { ApiProblem, answer, type Schemas } from '../api/client.ts';
import type { paths } from '../api/schema.d.ts';
import { field, language, type SignedIn, seeOther } from '../context.ts';
import { input } from '../fields.ts';
import { fieldErrors } from '../problems.ts';
import type { ConsoleRoutes } from '../routes.ts';
import { type Extras, type Loaded, renderSession } from './session.ts';

type FundingBody =
  paths['/missions/{missionId}/sessions/{sessionId}/funding']['put']['requestBody']['content']['application/json'];
type Decision =
  paths['/missions/{missionId}/sessions/{sessionId}/funding/decision']['post']['requestBody']['content']['application/json'];
type Kind = FundingBody['kind'];
type ClientType = FundingBody['client']['type'];

const KINDS: Record<Kind, Record<Language, string>> = {
  opco: { fr: 'OPCO (fonds de formation de l’entreprise)', en: 'OPCO (the company’s training fund)' },
  cpf: { fr: 'CPF (compte personnel de formation)', en: 'CPF (personal training account)' },
  france_travail: { fr: 'France Travail', en: 'France Travail' },
  fifpl: { fr: 'FIFPL (professions libérales)', en: 'FIFPL (liberal professions)' },
  agefice: { fr: 'AGEFICE (dirigeant·es non salarié·es)', en: 'AGEFICE (self-employed managers)' },
  client: { fr: 'Le client paie lui-même', en: 'The client pays' },
};

const CLIENT_TYPES: Record<ClientType, Record<Language, string>> = {
  company: { fr: 'Une entreprise ou une organisation', en: 'A company or organisation' },
  individual: { fr: 'Une personne (particulier)', en: 'A person' },
  independent: { fr: 'Un·e indépendant·e', en: 'An independent' },
};

const STATUS: Record<string, Record<Language, string>> = {
  proposal_pending: { fr: 'Proposition à envoyer', en: 'Proposal to send' },
  awaiting_decision: { fr: 'Décision du financeur attendue', en: 'Awaiting the funder’s decision' },
  funded: { fr: 'Prise en charge totale', en: 'Fully funded' },
  partially_funded: { fr: 'Prise en charge partielle', en: 'Partly funded' },
  refused: { fr: 'Prise en charge refusée', en: 'Funding refused' },
  no_decision: { fr: 'Pas de décision avant le début', en: 'No decision before the start' },
  self_funded: { fr: 'Payée par le client', en: 'Paid by the client' },
};

/** Each client type's fields: id suffix, label, optional, and a shape check typed beside the field. */
const FIELDS: Record<ClientType, { name: string; label: Record<Language, string>; optional?: boolean }[]> = {
  company: [
    { name: 'companyName', label: { fr: 'Raison sociale', en: 'Company name' } },
    { name: 'siret', label: { fr: 'SIRET (14 chiffres)', en: 'SIRET (14 digits)' } },
    { name: 'managerName', label: { fr: 'Nom du ou de la dirigeant·e', en: 'Manager’s name' } },
    {
      name: 'trainingContactName',
      label: { fr: 'Contact formation (facultatif)', en: 'Training contact (optional)' },
      optional: true,
    },
    { name: 'phone', label: { fr: 'Téléphone', en: 'Phone' } },
    { name: 'street', label: { fr: 'Adresse', en: 'Street' } },
    { name: 'postalCode', label: { fr: 'Code postal', en: 'Postal code' } },
    { name: 'city', label: { fr: 'Ville', en: 'City' } },
    { name: 'trainingPlace', label: { fr: 'Lieu de la formation', en: 'Place of the training' } },
    { name: 'contactEmail', label: { fr: 'E-mail du contact', en: 'Contact’s e-mail' } },
  ],
  individual: [
    { name: 'firstName', label: { fr: 'Prénom', en: 'First name' } },
    { name: 'lastName', label: { fr: 'Nom', en: 'Last name' } },
    { name: 'email', label: { fr: 'E-mail', en: 'E-mail' } },
    { name: 'phone', label: { fr: 'Téléphone', en: 'Phone' } },
    {
      name: 'franceTravailId',
      label: {
        fr: 'Identifiant France Travail (si France Travail)',
        en: 'France Travail id (if France Travail)',
      },
      optional: true,
    },
    {
      name: 'agencyLocality',
      label: { fr: 'Ville de l’agence France Travail', en: 'France Travail agency’s town' },
      optional: true,
    },
  ],
  independent: [
    { name: 'firstName', label: { fr: 'Prénom', en: 'First name' } },
    { name: 'lastName', label: { fr: 'Nom', en: 'Last name' } },
    { name: 'email', label: { fr: 'E-mail', en: 'E-mail' } },
    { name: 'phone', label: { fr: 'Téléphone', en: 'Phone' } },
    { name: 'siret', label: { fr: 'SIRET (14 chiffres)', en: 'SIRET (14 digits)' } },
    { name: 'street', label: { fr: 'Adresse', en: 'Street' } },
    { name: 'postalCode', label: { fr: 'Code postal', en: 'Postal code' } },
    { name: 'city', label: { fr: 'Ville', en: 'City' } },
  ],
};

const PREFIX: Record<ClientType, string> = { company: 'c', individual: 'i', independent: 'n' };
const idOf = (type: ClientType, name: string) => `${PREFIX[type]}-${name}`;

const T = {
  onlyTrainings: {
    fr: 'Le financement ne concerne que les formations.',
    en: 'Funding concerns trainings only.',
  },
  where: { fr: 'Où en est le financement', en: 'Where funding stands' },
  notSet: { fr: 'Pas encore renseigné', en: 'Not set yet' },
  kind: { fr: 'Financeur', en: 'Funder' },
  status: { fr: 'État', en: 'Status' },
  proposal: { fr: 'Proposition', en: 'Proposal' },
  proposalText: {
    fr: (number: string, version: number, sentAt: string) =>
      `n° ${number}, version ${version}, envoyée le ${sentAt}`,
    en: (number: string, version: number, sentAt: string) =>
      `No. ${number}, version ${version}, sent on ${sentAt}`,
  },
  billing: { fr: 'Facturation', en: 'Billing' },
  billingText: {
    fr: (b: { totalCents: number; fundedCents: number; clientCents: number }) =>
      `${formatMoney(b.totalCents, 'fr')} au total : ${formatMoney(b.fundedCents, 'fr')} pris en charge, ${formatMoney(b.clientCents, 'fr')} facturés au client`,
    en: (b: { totalCents: number; fundedCents: number; clientCents: number }) =>
      `${formatMoney(b.totalCents, 'en')} in all: ${formatMoney(b.fundedCents, 'en')} funded, ${formatMoney(b.clientCents, 'en')} billed to the client`,
  },
  who: { fr: 'Qui finance', en: 'Who funds' },
  clientType: { fr: 'Le client est', en: 'The client is' },
  detailsOf: { fr: 'Coordonnées —', en: 'Details —' },
  detailsHint: {
    fr: 'Remplissez seulement le bloc qui correspond au client choisi ci-dessus.',
    en: 'Fill in only the block matching the client chosen above.',
  },
  save: { fr: 'Enregistrer le financement', en: 'Save the funding' },
  send: { fr: 'Envoyer la proposition au client', en: 'Send the proposal to the client' },
  sendLead: {
    fr:
      'Le devis et le programme partent au client, avec la convention de formation pour une entreprise ou un·e indépendant·e, ' +
      'ou le contrat de formation professionnelle pour un particulier qui paie lui-même ; ni l’une ni l’autre pour le CPF ' +
      '(inscription sur Mon Compte Formation) ni pour France Travail (devis approuvé sur Kairos). L’e-mail dit au client quoi faire.',
    en:
      'The quote and the programme go to the client, with the training agreement for a company or an independent, or the ' +
      'training contract for a person paying themselves; neither for CPF (booked on Mon Compte Formation) nor for France ' +
      'Travail (quote approved on Kairos). The e-mail tells the client what to do.',
  },
  decision: { fr: 'Décision du financeur (équipe)', en: 'The funder’s decision (staff)' },
  outcome: { fr: 'Décision', en: 'Decision' },
  full: { fr: 'Prise en charge totale', en: 'Full' },
  partial: { fr: 'Prise en charge partielle', en: 'Partial' },
  refused: { fr: 'Refus', en: 'Refused' },
  amount: { fr: 'Montant pris en charge (partielle), en euros', en: 'Amount funded (partial), in euros' },
  record: { fr: 'Enregistrer la décision', en: 'Record the decision' },
  keep: { fr: 'Maintenir la formation, le client payant', en: 'Keep the training, the client paying' },
  required: { fr: 'Ce champ est obligatoire.', en: 'This field is required.' },
  chooseKind: { fr: 'Choisissez qui finance la formation.', en: 'Choose who funds the training.' },
  chooseType: { fr: 'Choisissez le type de client.', en: 'Choose the kind of client.' },
  siret: { fr: 'Le SIRET compte 14 chiffres.', en: 'A SIRET has 14 digits.' },
  postalCode: { fr: 'Le code postal compte 5 chiffres.', en: 'A postal code has 5 digits.' },
  agreement: {
    fr: 'N° d’accord de prise en charge du financeur (facultatif)',
    en: 'The funder’s agreement number (optional)',
  },
  agreementHint: {
    fr: 'Tel qu’il figure sur l’accord, par exemple PEC-2027/0042 : il est imprimé sur les certificats et transmis à la facturation.',
    en: 'As it appears on the agreement, e.g. PEC-2027/0042: it is printed on the certificates and sent to billing.',
  },
  agreementBad: {
    fr: 'De 1 à 50 lettres, chiffres, tirets, barres obliques, points ou espaces.',
    en: '1 to 50 letters, digits, hyphens, slashes, dots or spaces.',
  },
  agreementWithRefusal: {
    fr: 'Un refus n’a pas de numéro d’accord : videz ce champ ou choisissez une prise en charge.',
    en: 'A refusal has no agreement number: empty this field or choose a funding.',
  },
  agreementNumber: { fr: 'N° d’accord de prise en charge', en: 'Agreement number' },
  amountBad: { fr: 'Saisissez un montant, par exemple 1 200,50.', en: 'Enter an amount, e.g. 1,200.50.' },
  french: {
    FUNDING_CLIENT_MISMATCH:
      'Ce financeur ne finance pas ce type de client (OPCO : entreprise ; CPF, France Travail : particulier ; FIFPL, AGEFICE : indépendant·e).',
    FRANCE_TRAVAIL_IDS_REQUIRED:
      'France Travail demande l’identifiant de la personne et la ville de son agence.',
    FUNDING_PROPOSAL_SENT: 'La proposition est partie chez le client : le financement ne peut plus changer.',
    FUNDING_NOT_SET: 'Enregistrez d’abord qui finance la formation.',
    FUNDING_ONLY_FOR_TRAININGS: 'Le financement ne concerne que les formations.',
    FUNDING_AMOUNT_INVALID: 'Une prise en charge partielle couvre plus de 0 et moins que le total.',
    FUNDING_ALREADY_DECIDED: 'La décision est déjà enregistrée.',
    FUNDING_NOT_REFUSED: 'Seul un refus se maintient avec le client payant.',
  } as Record<string, string>,
};

function errorLine(errors: FieldError[], id: string): Html {
  const error = errors.find((candidate) => candidate.field === id);
  return error ? html`<p class="error-message" id="${id}-error">${error.message}</p>` : html``;
}

function fundingTab(
  who: SignedIn,
  loaded: Loaded,
  funding: Schemas['Funding'],
  lang: Language,
  extras: Extras,
): Html {
  if (loaded.session.kind !== 'training') return html`<p>${T.onlyTrainings[lang]}</p>`;
  const errors = extras.errors ?? [];
  const values = extras.values ?? {};
  const base = `/missions/${loaded.mission.id}/sessions/${loaded.session.id}`;
  const editable = funding.proposal === null && loaded.session.status === 'planned';
  const blocks = (Object.keys(FIELDS) as ClientType[]).map(
    (type) =>
      html`<fieldset class="funding-client"><legend>${T.detailsOf[lang]} ${CLIENT_TYPES[type][lang]}</legend><div class="group-fields">${FIELDS[
        type
      ].map((entry) =>
        textField({
          id: idOf(type, entry.name),
          label: entry.label[lang],
          errors,
          value: values[idOf(type, entry.name)],
          maxlength: 300,
        }),
      )}</div></fieldset>`,
  );
  return html`<h2>${T.where[lang]}</h2>
${summaryList([
  {
    key: T.kind[lang],
    value: funding.kind ? (KINDS[funding.kind as Kind]?.[lang] ?? funding.kind) : T.notSet[lang],
  },
  {
    key: T.status[lang],
    value: funding.status ? (STATUS[funding.status]?.[lang] ?? funding.status) : T.notSet[lang],
  },
  ...(funding.proposal
    ? [
        {
          key: T.proposal[lang],
          value: T.proposalText[lang](
            funding.proposal.number,
            funding.proposal.version,
            formatDateTime(funding.proposal.sentAt, lang),
          ),
        },
      ]
    : []),
  ...(funding.billing ? [{ key: T.billing[lang], value: T.billingText[lang](funding.billing) }] : []),
  ...(funding.decision?.agreementNumber
    ? [{ key: T.agreementNumber[lang], value: funding.decision.agreementNumber }]
    : []),
])}
${
  editable
    ? html`<h2 id="set">${T.who[lang]}</h2>${form(
        `${base}/funding`,
        html`${radios({
          id: 'kind',
          label: T.who[lang],
          errors,
          value: values.kind ?? funding.kind ?? '',
          choices: (Object.keys(KINDS) as Kind[]).map((kind) => ({ value: kind, label: KINDS[kind][lang] })),
        })}${radios({
          id: 'clientType',
          label: T.clientType[lang],
          hint: T.detailsHint[lang],
          errors,
          value: values.clientType ?? 'company',
          choices: (Object.keys(CLIENT_TYPES) as ClientType[]).map((type) => ({
            value: type,
            label: CLIENT_TYPES[type][lang],
          })),
        })}${blocks}${button(T.save[lang])}`,
      )}
${
  funding.kind
    ? html`<h2 id="send">${T.send[lang]}</h2><p>${T.sendLead[lang]}</p><div id="proposal" tabindex="-1">${errorLine(errors, 'proposal')}${form(
        `${base}/funding/proposal`,
        button(T.send[lang]),
      )}</div>`
    : ''
}`
    : ''
}
${
  who.viewer.role === 'staff' && funding.status === 'awaiting_decision'
    ? html`<h2 id="decide">${T.decision[lang]}</h2>${form(
        `${base}/funding/decision`,
        html`${radios({
          id: 'outcome',
          label: T.outcome[lang],
          errors,
          value: values.outcome,
          choices: [
            { value: 'full', label: T.full[lang] },
            { value: 'partial', label: T.partial[lang] },
            { value: 'refused', label: T.refused[lang] },
          ],
        })}${input({ id: 'amount', type: 'text', label: T.amount[lang], errors, value: values.amount })}${input(
          {
            id: 'agreementNumber',
            type: 'text',
            label: T.agreement[lang],
            hint: T.agreementHint[lang],
            errors,
            value: values.agreementNumber,
          },
        )}${button(T.record[lang])}`,
      )}`
    : ''
}
${
  funding.status === 'refused' && !funding.keptAfterRefusal
    ? html`<div id="keep" tabindex="-1">${errorLine(errors, 'keep')}${form(`${base}/funding/keep`, button(T.keep[lang], { secondary: true }))}</div>`
    : ''
}`;
}

type Params = { Params: { missionId: string; sessionId: string } };

export function fundingScreens(app: FastifyInstance, routes: ConsoleRoutes): void {
  const show = (
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    who: SignedIn,
    extras: Extras = {},
    status = 200,
  ) =>
    renderSession(request, reply, who, request.params, 'funding', extras, status, async (loaded, lang) => {
      const funding =
        loaded.session.kind === 'training'
          ? await answer(
              who.api.GET('/missions/{missionId}/sessions/{sessionId}/funding', {
                params: { path: request.params },
              }),
            )
          : null;
      return funding ? fundingTab(who, loaded, funding, lang, extras) : html`<p>${T.onlyTrainings[lang]}</p>`;
    });
  const refusal = (error: unknown, lang: Language, fallback: string, paths: Record<string, string> = {}) => {
    if (!(error instanceof ApiProblem) || ![403, 409, 422].includes(error.problem.status)) throw error;
    const french = T.french[error.problem.code];
    return lang === 'fr' && french
      ? [{ field: fallback, message: french }]
      : fieldErrors(error.problem, { codes: {}, paths, fallback }, lang);
  };
  const done = (request: FastifyRequest<Params>, reply: FastifyReply, what: string) =>
    seeOther(
      reply,
      `/missions/${request.params.missionId}/sessions/${request.params.sessionId}/funding?done=${what}`,
    );

  app.get<Params>('/missions/:missionId/sessions/:sessionId/funding', async (request, reply) => {
    const who = routes.requireSignIn(request, reply);
    return who ? show(request, reply, who) : reply;
  });

  app.post<Params>('/missions/:missionId/sessions/:sessionId/funding', async (request, reply) => {
    const who = routes.requireSignIn(request, reply);
    if (!who) return reply;
    const lang = language(request);
    const values: Record<string, string> = {
      kind: field(request.body, 'kind'),
      clientType: field(request.body, 'clientType'),
    };
    for (const type of Object.keys(FIELDS) as ClientType[])
      for (const entry of FIELDS[type])
        values[idOf(type, entry.name)] = field(request.body, idOf(type, entry.name));
    const errors: FieldError[] = [];
    const kind = (Object.keys(KINDS) as Kind[]).find((candidate) => candidate === values.kind);
    const type = (Object.keys(CLIENT_TYPES) as ClientType[]).find(
      (candidate) => candidate === values.clientType,
    );
    if (!kind) errors.push({ field: 'kind', message: T.chooseKind[lang] });
    if (!type) errors.push({ field: 'clientType', message: T.chooseType[lang] });
    if (type)
      for (const entry of FIELDS[type]) {
        const id = idOf(type, entry.name);
        const value = values[id] ?? '';
        if (value === '' && !entry.optional) errors.push({ field: id, message: T.required[lang] });
        else if (entry.name === 'siret' && !/^\d{14}$/.test(value.replace(/\s/g, '')))
          errors.push({ field: id, message: T.siret[lang] });
        else if (entry.name === 'postalCode' && !/^\d{5}$/.test(value))
          errors.push({ field: id, message: T.postalCode[lang] });
      }
    if (errors.length > 0 || !kind || !type) return show(request, reply, who, { values, errors }, 422);
    const v = (name: string) => (values[idOf(type, name)] ?? '').trim();
    const orNull = (name: string) => v(name) || null;
    const address = { street: v('street'), postalCode: v('postalCode'), city: v('city') };
    const client: FundingBody['client'] =
      type === 'company'
        ? {
            type,
            companyName: v('companyName'),
            siret: v('siret').replace(/\s/g, ''),
            managerName: v('managerName'),
            trainingContactName: orNull('trainingContactName'),
            phone: v('phone'),
            address,
            trainingPlace: v('trainingPlace'),
            contactEmail: v('contactEmail'),
          }
        : type === 'individual'
          ? {
              type,
              firstName: v('firstName'),
              lastName: v('lastName'),
              email: v('email'),
              phone: v('phone'),
              franceTravailId: orNull('franceTravailId'),
              agencyLocality: orNull('agencyLocality'),
            }
          : {
              type,
              firstName: v('firstName'),
              lastName: v('lastName'),
              email: v('email'),
              phone: v('phone'),
              siret: v('siret').replace(/\s/g, ''),
              address,
            };
    try {
      await answer(
        who.api.PUT('/missions/{missionId}/sessions/{sessionId}/funding', {
          params: { path: request.params },
          body: { kind, client, expenses: [] },
        }),
      );
    } catch (error) {
      const paths = Object.fromEntries(
        FIELDS[type].flatMap((entry) => [
          [`body/client/${entry.name}`, idOf(type, entry.name)],
          [`body/client/address/${entry.name}`, idOf(type, entry.name)],
        ]),
      );
      const found = refusal(
        error,
        lang,
        type === 'individual' && values.kind === 'france_travail' ? idOf(type, 'franceTravailId') : 'kind',
        paths,
      );
      return show(request, reply, who, { values, errors: found }, 422);
    }
    return done(request, reply, 'funding');
  });

  app.post<Params>('/missions/:missionId/sessions/:sessionId/funding/proposal', async (request, reply) => {
    const who = routes.requireSignIn(request, reply);
    if (!who) return reply;
    try {
      await answer(
        who.api.POST('/missions/{missionId}/sessions/{sessionId}/funding/proposal', {
          params: { path: request.params },
        }),
      );
    } catch (error) {
      return show(request, reply, who, { errors: refusal(error, language(request), 'proposal') }, 422);
    }
    return done(request, reply, 'proposal');
  });

  app.post<Params>('/missions/:missionId/sessions/:sessionId/funding/decision', async (request, reply) => {
    const who = routes.requireSignIn(request, reply);
    if (!who) return reply;
    const lang = language(request);
    const values = {
      outcome: field(request.body, 'outcome'),
      amount: field(request.body, 'amount'),
      agreementNumber: field(request.body, 'agreementNumber'),
    };
    const agreementNumber = values.agreementNumber.trim();
    const agreementError =
      agreementNumber === ''
        ? null
        : values.outcome === 'refused'
          ? T.agreementWithRefusal[lang]
          : new RegExp(AGREEMENT_NUMBER_PATTERN, 'u').test(agreementNumber)
            ? null
            : T.agreementBad[lang];
    if (agreementError)
      return show(
        request,
        reply,
        who,
        { values, errors: [{ field: 'agreementNumber', message: agreementError }] },
        422,
      );
    const agreement = agreementNumber ? { agreementNumber } : {};
    let decision: Decision;
    if (values.outcome === 'refused') decision = { outcome: 'refused' };
    else if (values.outcome === 'full') decision = { outcome: 'full', ...agreement };
    else if (values.outcome === 'partial') {
      const cents = parseAmountCents(values.amount);
      if (cents === null || cents <= 0)
        return show(
          request,
          reply,
          who,
          { values, errors: [{ field: 'amount', message: T.amountBad[lang] }] },
          422,
        );
      decision = { outcome: 'partial', amountCents: cents, ...agreement };
    } else
      return show(
        request,
        reply,
        who,
        { values, errors: [{ field: 'outcome', message: T.required[lang] }] },
        422,
      );
    try {
      await answer(
        who.api.POST('/missions/{missionId}/sessions/{sessionId}/funding/decision', {
          params: { path: request.params },
          body: decision,
        }),
      );
    } catch (error) {
      const found = refusal(error, lang, values.outcome === 'partial' ? 'amount' : 'outcome', {
        'body/agreementNumber': 'agreementNumber',
      });
      return show(request, reply, who, { values, errors: found }, 422);
    }
    return done(request, reply, 'decision');
  });

  app.post<Params>('/missions/:missionId/sessions/:sessionId/funding/keep', async (request, reply) => {
    const who = routes.requireSignIn(request, reply);
    if (!who) return reply;
    try {
      await answer(
        who.api.POST('/missions/{missionId}/sessions/{sessionId}/funding/keep', {
          params: { path: request.params },
        }),
      );
    } catch (error) {
      return show(request, reply, who, { errors: refusal(error, language(request), 'keep') }, 422);
    }
    return done(request, reply, 'kept');
  });
}
