/**
 * The client's contact passes on the funder's decision on a training's proposal: full, partial
 * (with the amount the funder takes over) or refused. Once a decision is recorded, by this link
 * or by the association's staff, the link shows it.
 */
import type { FastifyInstance } from 'fastify';
import type { ApiDependencies } from '../../api/dependencies.ts';
import { passFundingDecision, sessionOwnerOf } from '../../api/links/link-actions.ts';
import { ProblemError } from '../../api/problems.ts';
import { findMission } from '../../db/queries/missions.ts';
import { findSessionFunding, isLinkTokenUsed } from '../../db/queries/session-staffing.ts';
import type { FundingDecision, FundingKind, FundingState } from '../../workflows/messages/funding.ts';
import { AGREEMENT_NUMBER_PATTERN, clientContact } from '../../workflows/rules/funding.ts';
import { button, form, panel, radios, summaryList, textField } from '../forms.ts';
import { type Html, html } from '../html.ts';
import { formatDateTime, formatMoney, type Language, parseAmountCents } from '../i18n.ts';
import { type FieldError, renderPage } from '../layout.ts';
import { missionEnded, statePage } from '../link-states.ts';
import { field, pageLanguage, readLink, redirectToPage, sendHtml } from '../page-context.ts';
import { sessionDays, sessionOf } from '../session-facts.ts';
import { PAGE_SURFACE } from '../surface.ts';

const T = {
  title: { fr: 'Décision de financement', en: 'Funding decision' },
  hello: { fr: 'Bonjour', en: 'Hello' },
  why: {
    fr: 'vous avez transmis notre proposition à votre financeur. Dites-nous ici ce qu’il a décidé : la coordination en est prévenue aussitôt et la facturation suit sa décision.',
    en: 'you passed our proposal on to your funder. Tell us here what they decided: the coordinator is told at once and billing follows their decision.',
  },
  training: { fr: 'Formation', en: 'Training' },
  days: { fr: 'Dates et horaires', en: 'Dates and times' },
  funder: { fr: 'Financeur', en: 'Funder' },
  coordinator: { fr: 'Coordination', en: 'Coordinator' },
  proposal: { fr: 'Proposition', en: 'Proposal' },
  total: { fr: 'Montant de la proposition', en: 'Amount of the proposal' },
  outcome: { fr: 'Qu’a décidé le financeur ?', en: 'What did the funder decide?' },
  decision: { fr: 'Décision', en: 'Decision' },
  full: { fr: 'Prise en charge totale', en: 'Full funding' },
  fullHint: { fr: 'Le financeur paie l’intégralité.', en: 'The funder pays it all.' },
  partial: { fr: 'Prise en charge partielle', en: 'Partial funding' },
  partialHint: {
    fr: 'Indiquez ci-dessous le montant pris en charge ; le reste vous sera facturé.',
    en: 'Give the amount funded below; you will be billed for the rest.',
  },
  refused: { fr: 'Refus de prise en charge', en: 'Funding refused' },
  refusedHint: {
    fr: 'La coordination vous contactera pour décider de maintenir ou non la formation.',
    en: 'The coordinator will contact you to decide whether the training goes ahead.',
  },
  agreement: {
    fr: 'Numéro d’accord de prise en charge (facultatif)',
    en: 'Agreement number (optional)',
  },
  agreementNumber: { fr: 'Numéro d’accord de prise en charge', en: 'Agreement number' },
  agreementHint: {
    fr: 'Tel qu’il figure sur l’accord du financeur, par exemple PEC-2027/0042.',
    en: 'As it appears on the funder’s agreement, for example PEC-2027/0042.',
  },
  agreementInvalid: {
    fr: 'De 1 à 50 lettres, chiffres, tirets, barres obliques, points ou espaces',
    en: '1 to 50 letters, digits, hyphens, slashes, dots or spaces',
  },
  agreementWithRefusal: {
    fr: 'Un refus n’a pas de numéro d’accord : videz ce champ',
    en: 'A refusal has no agreement number: empty this field',
  },
  outcomeMissing: { fr: 'Choisissez la décision du financeur', en: 'Choose the funder’s decision' },
  amount: { fr: 'Montant pris en charge, en euros', en: 'Amount funded, in euros' },
  amountHint: {
    fr: 'Seulement pour une prise en charge partielle. Par exemple : 1\u00a0234,50',
    en: 'Only for partial funding. For example: 1,234.50',
  },
  amountMissing: {
    fr: 'Indiquez le montant pris en charge par le financeur',
    en: 'Give the amount the funder takes over',
  },
  amountInvalid: {
    fr: 'Écrivez le montant en chiffres, par exemple 1\u00a0234,50',
    en: 'Write the amount in figures, for example 1,234.50',
  },
  amountTooHigh: {
    fr: 'Le montant d’une prise en charge partielle est inférieur au total de',
    en: 'A partial funding is less than the total of',
  },
  amountZero: {
    fr: 'Le montant pris en charge est supérieur à zéro',
    en: 'The amount funded is more than zero',
  },
  send: { fr: 'Transmettre la décision', en: 'Send the decision' },
  decided: { fr: 'La décision du financeur est enregistrée', en: 'The funder’s decision is recorded' },
  decidedOn: { fr: 'Enregistrée le', en: 'Recorded on' },
  funded: { fr: 'Montant pris en charge', en: 'Amount funded' },
  billed: { fr: 'Reste facturé au client', en: 'Billed to the client' },
  sent: {
    fr: 'Merci : la décision est transmise à la coordination. Elle s’affichera ici dans un instant.',
    en: 'Thank you: the decision has gone to the coordinator. It will show here in a moment.',
  },
  next: {
    fr: 'La coordination est prévenue. Pour toute question, répondez à l’e-mail de la proposition.',
    en: 'The coordinator has been told. For any question, reply to the proposal’s e-mail.',
  },
} as const;

const FUNDERS: Record<FundingKind, string> = {
  opco: 'OPCO',
  cpf: 'CPF (Mon Compte Formation)',
  france_travail: 'France Travail',
  fifpl: 'FIFPL',
  agefice: 'AGEFICE',
  client: '—',
};

const OUTCOMES = ['full', 'partial', 'refused'] as const;

/** How long a decision just sent may take to reach the session's read model before the answer page shows it. */
const PROJECTION_WAIT_MS = 3000;

export function fundingDecisionPages(app: FastifyInstance, deps: ApiDependencies): void {
  async function load(token: string) {
    const claims = await readLink(deps, token, 'fundingDecision');
    const owner = await sessionOwnerOf(deps, claims.sessionId);
    const { mission, session } = sessionOf(await findMission(deps.pool, owner.missionId), claims.sessionId);
    const funding = (await findSessionFunding(deps.pool, claims.sessionId)) as Partial<FundingState> | null;
    if (!funding?.request) throw new ProblemError(401, 'LINK_INVALID', 'This link is not valid.');
    // The proposal's total, as the session's workflow prices it: the order's price for the session plus its expenses.
    const unitPriceCents = mission.orderLines.find((line) => line.kind === session.kind)?.unitPriceCents ?? 0;
    const totalCents =
      funding.billing?.totalCents ??
      unitPriceCents + funding.request.expenses.reduce((sum, expense) => sum + expense.amountCents, 0);
    return { claims, mission, session, funding, request: funding.request, totalCents };
  }

  type Loaded = Awaited<ReturnType<typeof load>>;

  function facts(loaded: Loaded, language: Language): Html {
    const { mission, session, funding, request, totalCents } = loaded;
    return summaryList([
      { key: T.training[language], value: session.title },
      {
        key: T.days[language],
        value: html`${sessionDays(session, language).map((day, index) => html`${index > 0 ? html`<br>` : ''}${day}`)}`,
      },
      { key: T.funder[language], value: FUNDERS[request.kind] },
      ...(funding.proposal ? [{ key: T.proposal[language], value: funding.proposal.number }] : []),
      { key: T.total[language], value: formatMoney(totalCents, language) },
      { key: T.coordinator[language], value: mission.coordinatorName },
    ]);
  }

  function decisionShown(loaded: Loaded, language: Language): Html {
    const { funding, session } = loaded;
    const decision = funding.decision;
    if (!decision) return panel(T.decided[language], T.sent[language]);
    const billing = funding.billing;
    return panel(
      T.decided[language],
      html`${summaryList([
        { key: T.decision[language], value: T[decision.outcome][language] },
        ...('agreementNumber' in decision && decision.agreementNumber
          ? [{ key: T.agreementNumber[language], value: decision.agreementNumber }]
          : []),
        ...(billing
          ? [
              { key: T.funded[language], value: formatMoney(billing.fundedCents, language) },
              { key: T.billed[language], value: formatMoney(billing.clientCents, language) },
            ]
          : []),
        { key: T.decidedOn[language], value: formatDateTime(decision.decidedAt, language, session.timeZone) },
      ])}<p>${T.next[language]}</p>`,
    );
  }

  function render(
    loaded: Loaded,
    language: Language,
    path: string,
    errors: FieldError[] = [],
    values: { outcome?: string; amount?: string; agreementNumber?: string } = {},
  ): string {
    return renderPage({
      language,
      title: T.title[language],
      path,
      errors,
      body: html`<h1>${T.title[language]}</h1>
<p class="lead">${T.hello[language]} ${clientContact(loaded.request.client).name}, ${T.why[language]}</p>
${facts(loaded, language)}
${form(
  path,
  html`${radios({
    id: 'outcome',
    label: T.outcome[language],
    errors,
    value: values.outcome,
    choices: OUTCOMES.map((outcome) => ({
      value: outcome,
      label: T[outcome][language],
      hint: T[`${outcome}Hint`][language],
    })),
  })}
${textField({
  id: 'amount',
  label: T.amount[language],
  hint: T.amountHint[language],
  errors,
  value: values.amount,
  inputmode: 'decimal',
  autocomplete: 'off',
  maxlength: 20,
})}
${textField({
  id: 'agreementNumber',
  label: T.agreement[language],
  hint: T.agreementHint[language],
  errors,
  value: values.agreementNumber,
  autocomplete: 'off',
  maxlength: 60,
})}
${button(T.send[language])}`,
)}`,
    });
  }

  function closed(loaded: Loaded, language: Language) {
    if (loaded.mission.status !== 'open') return statePage(missionEnded(loaded.mission.status), language);
    if (loaded.session.status === 'cancelled') return statePage('sessionCancelled', language);
    // Silence until the day before: the client is billed in full and no decision is awaited any more.
    if (loaded.funding.status === 'no_decision' || loaded.funding.status === 'self_funded')
      return statePage('refused', language, { code: 'FUNDING_CLOSED' });
    return null;
  }

  function decide(loaded: Loaded, body: unknown, language: Language) {
    const outcome = field(body, 'outcome');
    const amount = field(body, 'amount');
    const agreementNumber = field(body, 'agreementNumber').trim();
    const errors: FieldError[] = [];
    if (agreementNumber !== '' && outcome === 'refused')
      errors.push({ field: 'agreementNumber', message: T.agreementWithRefusal[language] });
    else if (agreementNumber !== '' && !new RegExp(AGREEMENT_NUMBER_PATTERN, 'u').test(agreementNumber))
      errors.push({ field: 'agreementNumber', message: T.agreementInvalid[language] });
    const agreement = agreementNumber && errors.length === 0 ? { agreementNumber } : {};
    let decision: FundingDecision | null = null;
    if (outcome === 'refused') decision = { outcome };
    else if (outcome === 'full') decision = { outcome, ...agreement };
    else if (outcome === 'partial') {
      const cents = amount === '' ? null : parseAmountCents(amount);
      const message =
        amount === ''
          ? T.amountMissing[language]
          : cents === null
            ? T.amountInvalid[language]
            : cents <= 0
              ? T.amountZero[language]
              : cents >= loaded.totalCents
                ? `${T.amountTooHigh[language]} ${formatMoney(loaded.totalCents, language)}`
                : null;
      if (message) errors.push({ field: 'amount', message });
      else decision = { outcome: 'partial', amountCents: cents as number, ...agreement };
    } else errors.push({ field: 'outcome', message: T.outcomeMissing[language] });
    return { decision, errors, values: { outcome, amount, agreementNumber } };
  }

  /** The funder's workflow has taken the decision; its session projects it a moment later. */
  async function projected(sessionId: string): Promise<void> {
    const until = Date.now() + PROJECTION_WAIT_MS;
    while (Date.now() < until) {
      const funding = (await findSessionFunding(deps.pool, sessionId)) as Partial<FundingState> | null;
      if (funding?.decision) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  app.get<{ Params: { token: string } }>(
    '/links/funding-decisions/:token',
    { constraints: PAGE_SURFACE, schema: { hide: true } },
    async (request, reply) => {
      pageLanguage(request);
      const loaded = await load(request.params.token);
      const language = pageLanguage(request, loaded.session.language);
      const used = await isLinkTokenUsed(deps.pool, loaded.claims.tokenId);
      if (!loaded.funding.decision && !used) {
        const refused = closed(loaded, language);
        if (refused) return sendHtml(reply, refused.status, refused.body);
        return sendHtml(reply, 200, render(loaded, language, request.url));
      }
      return sendHtml(
        reply,
        200,
        renderPage({
          language,
          title: T.title[language],
          path: request.url,
          body: html`<h1>${T.title[language]}</h1>
${decisionShown(loaded, language)}
${facts(loaded, language)}`,
        }),
      );
    },
  );

  app.post<{ Params: { token: string } }>(
    '/links/funding-decisions/:token',
    { constraints: PAGE_SURFACE, schema: { hide: true } },
    async (request, reply) => {
      pageLanguage(request);
      const loaded = await load(request.params.token);
      const language = pageLanguage(request, loaded.session.language);
      // Decided already (here or by staff): the page shows the decision.
      if (loaded.funding.decision || (await isLinkTokenUsed(deps.pool, loaded.claims.tokenId)))
        return redirectToPage(reply, request);
      const refused = closed(loaded, language);
      if (refused) return sendHtml(reply, refused.status, refused.body);
      const { decision, errors, values } = decide(loaded, request.body, language);
      if (!decision || errors.length > 0)
        return sendHtml(reply, 422, render(loaded, language, request.url, errors, values));
      try {
        await passFundingDecision(deps, loaded.claims, decision);
      } catch (error) {
        // The workflow prices the proposal itself; should its total differ from ours, its word is final.
        if (error instanceof ProblemError && error.code === 'FUNDING_AMOUNT_INVALID') {
          const message = `${T.amountTooHigh[language]} ${formatMoney(loaded.totalCents, language)}`;
          return sendHtml(
            reply,
            422,
            render(loaded, language, request.url, [{ field: 'amount', message }], values),
          );
        }
        throw error;
      }
      await projected(loaded.claims.sessionId);
      return redirectToPage(reply, request);
    },
  );
}
