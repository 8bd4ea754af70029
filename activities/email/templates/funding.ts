import type { Language } from '../../../workflows/messages/domain.ts';
import type { EmailTemplateData } from '../../../workflows/messages/email.ts';
import type { FundingKind } from '../../../workflows/messages/funding.ts';
import {
  type BuyerStep,
  type ContractKind,
  MAX_ADVANCE_PERCENT,
  type ProposalDocument,
  proposalPlan,
  WITHDRAWAL_DAYS,
} from '../../../workflows/rules/contract.ts';
import { formatDate, formatEuros } from '../../format/french.ts';
import type { EmailContent } from '../layout.ts';
import type { AttachedFile } from './send-context.ts';
import { sessionFacts } from './session-facts.ts';

type Data<T extends keyof EmailTemplateData> = EmailTemplateData[T];

/**
 * What the buyer receives and must do depends on the contract that binds them
 * (workflows/rules/contract.ts): sign the agreement and ask the OPCO or the fund, sign the
 * contrat de formation professionnelle with its withdrawal period, book on Mon Compte Formation,
 * or let France Travail approve the quote. Written in both languages; the documents stay French.
 */
export function fundingProposal(
  data: Data<'fundingProposal'>,
  language: Language,
  link: string,
  attached: ReadonlySet<AttachedFile> = new Set(),
): EmailContent {
  const funder = data.funder as FundingKind;
  // Proposals sent before the buyer was recorded went to companies and independents alike.
  const plan = proposalPlan({
    fundingKind: funder,
    clientType: data.buyer ?? 'company',
    trainingAction: true,
  });
  const words = PROPOSAL_WORDS[language];
  const date = formatDate(data.startsAt, language);
  const total = formatEuros(data.totalCents, language);
  const decisionAsked = funder !== 'client';
  return {
    subject: words.subject(data.proposalNumber, data.sessionTitle),
    paragraphs: [
      words.greeting(data.contactName),
      words.attached(
        plan.documents.map((kind) => words.documents[kind]),
        data.sessionTitle,
        date,
        total,
      ),
      ...plan.buyerSteps.map((step) => words.steps[step](funder, data.sessionTitle, date)),
      ...(attached.has('internalRules') ? [words.internalRules] : []),
    ],
    facts: sessionFacts(data, language, { client: false }),
    ...(decisionAsked ? { action: { label: words.action(plan.contract), url: link } } : {}),
  };
}

type ProposalWords = {
  subject: (number: string, title: string) => string;
  greeting: (name: string) => string;
  documents: Record<ProposalDocument, string>;
  attached: (documents: string[], title: string, date: string, total: string) => string;
  steps: Record<BuyerStep, (funder: FundingKind, title: string, date: string) => string>;
  action: (contract: ContractKind) => string;
  internalRules: string;
};

const list = (items: string[], and: string) =>
  items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1)}`;

const PROPOSAL_WORDS: Record<Language, ProposalWords> = {
  fr: {
    subject: (number, title) => `Proposition de formation n°\u00a0${number} : ${title}`,
    greeting: (name) => `Bonjour ${name},`,
    documents: {
      quote: 'le devis',
      agreement: 'la convention de formation',
      trainingContract: 'le contrat de formation professionnelle',
      programme: 'le programme',
    },
    attached: (documents, title, date, total) =>
      `Vous trouverez ci-joint ${list(documents, 'et')} de la formation « ${title} » du ${date} (total ${total}).`,
    steps: {
      signAgreement: () =>
        'Merci de nous retourner la convention signée, précédée de la mention « Lu et approuvé ».',
      forwardToOpco: () =>
        "Transmettez ensuite la convention, le devis et le programme à l'OPCO de votre entreprise pour demander la prise en charge, puis indiquez-nous sa décision : prise en charge totale, partielle ou refus. Sans décision avant la formation, elle vous sera facturée en totalité.",
      requestFundReimbursement: (funder) =>
        funder === 'fifpl'
          ? 'Vous réglez la formation, puis vous en demandez le remboursement au FIFPL sur fifpl.fr, au plus tard 10 jours après le premier jour de formation, avec le devis et le programme ; après la formation, joignez la facture acquittée et l’attestation d’assiduité. Indiquez-nous la décision du FIFPL.'
          : "Vous réglez la formation, puis vous en demandez le remboursement à l'AGEFICE, avant le début de la formation, avec le devis et le programme ; après la formation, joignez la facture acquittée et l’attestation d’assiduité. Indiquez-nous la décision de l'AGEFICE.",
      signContract: () =>
        'Pour vous inscrire, signez le contrat de formation professionnelle, précédé de la mention « Lu et approuvé », et renvoyez-le-nous.',
      withdrawalPeriod: () =>
        `À compter de votre signature, vous disposez de ${WITHDRAWAL_DAYS} jours pour vous rétracter, de préférence par lettre recommandée avec avis de réception. Aucune somme ne vous est demandée avant la fin de ce délai ; ensuite, un acompte de ${MAX_ADVANCE_PERCENT}\u00a0% au plus, le solde au fil de la formation.`,
      registerOnCpfPlatform: (_funder, title, date) =>
        `Votre formation est financée par votre compte personnel de formation : il n’y a rien à nous signer ni à envoyer. Connectez-vous sur moncompteformation.gouv.fr, cherchez la formation « ${title} », choisissez la session du ${date} et envoyez votre demande d’inscription ; nous la validons, puis vous confirmez votre inscription sur la plateforme. Ses conditions générales tiennent lieu de contrat ; le devis et le programme joints sont pour votre information.`,
      awaitFranceTravail: () =>
        'Nous déposons ce devis sur Kairos, la plateforme de France Travail ; vous le validez ensuite dans votre espace personnel sur francetravail.fr et votre conseiller ou conseillère décide du financement. Indiquez-nous sa décision. Vous n’avez rien à payer : France Travail règle directement l’organisme de formation.',
      signQuote: () => 'Merci de nous retourner le devis signé, précédé de la mention « Bon pour accord ».',
    },
    internalRules:
      'Le règlement intérieur applicable à la formation est joint, pour que vous le lisiez avant de signer.',
    action: (contract) =>
      contract === 'platformTerms'
        ? 'Indiquer où en est votre inscription'
        : contract === 'approvedQuote'
          ? 'Indiquer la décision de France Travail'
          : 'Indiquer la décision du financeur',
  },
  en: {
    subject: (number, title) => `Training proposal no. ${number}: ${title}`,
    greeting: (name) => `Hello ${name},`,
    documents: {
      quote: 'the quote',
      agreement: 'the training agreement',
      trainingContract: 'the training contract (contrat de formation professionnelle)',
      programme: 'the programme',
    },
    attached: (documents, title, date, total) =>
      `Please find attached ${list(documents, 'and')} for the training “${title}” on ${date} (total ${total}). The documents are in French, the language of the contract.`,
    steps: {
      signAgreement: () =>
        'Please sign the agreement, write “Lu et approuvé” above your signature, and send it back to us.',
      forwardToOpco: () =>
        "Then send the agreement, the quote and the programme to your company's OPCO to apply for funding, and tell us its decision: full funding, partial funding or refusal. Without a decision before the training, you will be invoiced in full.",
      requestFundReimbursement: (funder) =>
        funder === 'fifpl'
          ? 'You pay for the training, then claim the reimbursement from FIFPL at fifpl.fr, no later than 10 days after the first day of training, with the quote and the programme; after the training, add the receipted invoice and the attendance certificate. Tell us FIFPL’s decision.'
          : 'You pay for the training, then claim the reimbursement from AGEFICE before the training starts, with the quote and the programme; after the training, add the receipted invoice and the attendance certificate. Tell us AGEFICE’s decision.',
      signContract: () =>
        'To register, sign the training contract, write “Lu et approuvé” above your signature, and send it back to us.',
      withdrawalPeriod: () =>
        `From your signature, you have ${WITHDRAWAL_DAYS} days to withdraw, preferably by registered letter with acknowledgement of receipt. Nothing is asked of you before that period ends; then an advance of at most ${MAX_ADVANCE_PERCENT}%, the balance as the training goes on.`,
      registerOnCpfPlatform: (_funder, title, date) =>
        `Your training is paid from your personal training account (CPF): there is nothing to sign with us and nothing to send. Log in at moncompteformation.gouv.fr, look for the training “${title}”, choose the session on ${date} and send your registration request; we accept it, then you confirm your registration on the platform. Its terms of use stand as the contract; the attached quote and programme are for your information.`,
      awaitFranceTravail: () =>
        'We submit this quote on Kairos, France Travail’s platform; you then confirm it in your personal space at francetravail.fr and your adviser decides on the funding. Tell us the decision. You have nothing to pay: France Travail pays the training provider directly.',
      signQuote: () =>
        'Please sign the quote, write “Bon pour accord” above your signature, and send it back to us.',
    },
    internalRules:
      'The internal rules that apply to the training are attached, for you to read before signing.',
    action: (contract) =>
      contract === 'platformTerms'
        ? 'Tell us where your registration stands'
        : contract === 'approvedQuote'
          ? 'Tell us France Travail’s decision'
          : 'Tell us the funder’s decision',
  },
};

export function fundingReminder(
  data: Data<'fundingReminder'>,
  _language: Language,
  link: string,
): EmailContent {
  return {
    subject: `Rappel : décision de financement attendue — ${data.sessionTitle} dans ${data.daysBefore} jours`,
    paragraphs: [
      `Bonjour ${data.contactName},`,
      `La formation « ${data.sessionTitle} » commence le ${formatDate(data.startsAt)} et nous n'avons pas encore la décision de votre financeur. Sans décision avant le début, la formation vous sera facturée en totalité.`,
    ],
    facts: sessionFacts(data, 'fr', { client: false }),
    action: { label: 'Indiquer la décision du financeur', url: link },
  };
}

export function fundingEscalation(
  data: Data<'fundingEscalation'>,
  _language: Language,
  missionPage: string,
): EmailContent {
  return {
    subject: `Alerte : financement sans décision à J-${data.daysBefore} — ${data.sessionTitle} (${data.clientName})`,
    paragraphs: [
      `La formation « ${data.sessionTitle} » pour ${data.clientName} commence le ${formatDate(data.startsAt)} : aucune décision de financement n'a été reçue malgré deux rappels au client (${data.contactEmail}).`,
    ],
    facts: sessionFacts(data, 'fr'),
    action: { label: 'Ouvrir la mission', url: missionPage },
  };
}

export function fundingNotice(
  data: Data<'fundingNotice'>,
  _language: Language,
  missionPage: string,
): EmailContent {
  return {
    subject: `Facturation intégrale au client — ${data.sessionTitle} (${data.clientName}) commence demain`,
    paragraphs: [
      `La formation « ${data.sessionTitle} » commence le ${formatDate(data.startsAt)} sans décision de financement : le client (${data.contactEmail}) sera facturé en totalité, soit ${formatEuros(data.totalCents)}.`,
    ],
    facts: sessionFacts(data, 'fr'),
    action: { label: 'Ouvrir la mission', url: missionPage },
  };
}

const OUTCOMES = {
  full: 'prise en charge totale',
  partial: 'prise en charge partielle',
  refused: 'refus de prise en charge',
  none: 'aucune décision avant la formation',
};

export function fundingDecided(
  data: Data<'fundingDecided'>,
  _language: Language,
  missionPage: string,
): EmailContent {
  return {
    subject: `Financement : ${OUTCOMES[data.outcome]} — ${data.sessionTitle}`,
    paragraphs: [
      `Bonjour ${data.coordinatorName},`,
      `Pour la formation « ${data.sessionTitle} » (${data.clientName}) : ${OUTCOMES[data.outcome]}. Financé : ${formatEuros(data.fundedCents)} ; à la charge du client : ${formatEuros(data.clientCents)}.`,
      ...(data.outcome === 'refused'
        ? [
            'Souhaitez-vous maintenir la session (le client paie) ou l’annuler ? Indiquez-le depuis la page de la mission.',
          ]
        : []),
    ],
    facts: sessionFacts(data, 'fr'),
    action: { label: 'Ouvrir la mission', url: missionPage },
  };
}
