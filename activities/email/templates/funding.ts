import type { Language } from '../../../workflows/messages/domain.ts';
import type { EmailTemplateData } from '../../../workflows/messages/email.ts';
import { formatDate, formatEuros } from '../../format/french.ts';
import type { EmailContent } from '../layout.ts';
import { sessionFacts } from './session-facts.ts';

type Data<T extends keyof EmailTemplateData> = EmailTemplateData[T];

const FUNDERS: Record<string, string> = {
  opco: "l'OPCO de votre entreprise",
  cpf: 'votre CPF',
  france_travail: 'France Travail',
  fifpl: 'le FIFPL',
  agefice: "l'AGEFICE",
  client: 'vous-même',
};

/** Funding correspondence is with French clients and funders: French only. */
export function fundingProposal(
  data: Data<'fundingProposal'>,
  _language: Language,
  link: string,
): EmailContent {
  return {
    subject: `Proposition de formation n° ${data.proposalNumber} : ${data.sessionTitle}`,
    paragraphs: [
      `Bonjour ${data.contactName},`,
      `Vous trouverez ci-joint le devis, la convention et le programme de la formation « ${data.sessionTitle} » du ${formatDate(data.startsAt)} (total ${formatEuros(data.totalCents)}).`,
      data.funder === 'client'
        ? 'Merci de nous retourner la convention signée.'
        : `Merci de transmettre ces documents à ${FUNDERS[data.funder] ?? 'votre financeur'} pour demander la prise en charge, puis de nous indiquer sa décision : prise en charge totale, partielle ou refus. Sans décision avant la formation, elle vous sera facturée en totalité.`,
    ],
    facts: sessionFacts(data, 'fr', { client: false }),
    ...(data.funder === 'client'
      ? {}
      : { action: { label: 'Indiquer la décision du financeur', url: link } }),
  };
}

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
