import type { Language } from '../../../workflows/messages/domain.ts';
import type { EmailTemplateData } from '../../../workflows/messages/email.ts';
import { describeGap } from '../../../workflows/rules/closure-gaps.ts';
import { formatDate, formatEuros } from '../../format/french.ts';
import type { EmailContent } from '../layout.ts';

type Data<T extends keyof EmailTemplateData> = EmailTemplateData[T];

const FUNDERS: Record<string, string> = {
  opco: 'OPCO',
  cpf: 'CPF',
  france_travail: 'France Travail',
  fifpl: 'FIFPL',
  agefice: 'AGEFICE',
  client: 'client',
};

export function closureReminder(
  data: Data<'closureReminder'>,
  _language: Language,
  missionPage: string,
): EmailContent {
  return {
    subject: `Rappel : clôturer la mission « ${data.missionTitle} »`,
    paragraphs: [
      `Bonjour ${data.coordinatorName},`,
      `Toutes les sessions de la mission « ${data.missionTitle} » (${data.clientName}) ont eu lieu, mais elle ne peut pas encore être clôturée :`,
      ...(data.gaps?.map((gap) => describeGap(gap, 'fr')) ?? data.missing).map((line) => `– ${line}`),
      'Demandez les rétributions restantes (une demande par mois) : la mission se clôturera ensuite et votre rétribution de coordination suivra.',
    ],
    action: { label: 'Ouvrir la mission', url: missionPage },
  };
}

export function usageRightsRequest(
  data: Data<'usageRightsRequest'>,
  _language: Language,
  missionPage: string,
): EmailContent {
  return {
    subject: `Déclarez vos droits d'utilisation — ${data.missionTitle}`,
    paragraphs: [
      `Bonjour ${data.facilitatorName},`,
      `Les sessions de la mission « ${data.missionTitle} » (${data.clientName}), en apport d'affaires, ont eu lieu. Merci de déclarer vos droits d'utilisation (chiffre d'affaires facturé au client et nombre de participant·es) : la mission ne peut être clôturée qu'ensuite.`,
    ],
    action: { label: 'Déclarer mes droits', url: missionPage },
  };
}

/** To the billing team: what to invoice the client, and what funders take over. */
export function clientInvoiceable(
  data: Data<'clientInvoiceable'>,
  _language: Language,
  missionPage: string,
): EmailContent {
  return {
    subject: `À facturer : mission « ${data.missionTitle} » (${data.clientName}) clôturée`,
    paragraphs: [
      `La mission « ${data.missionTitle} » pour ${data.clientName}, coordonnée par ${data.coordinatorName}, est clôturée : ${data.delivered} session${data.delivered > 1 ? 's réalisées' : ' réalisée'} sur ${data.ordered} commandée${data.ordered > 1 ? 's' : ''}.`,
      ...data.sessions.map(
        (session) =>
          `– ${formatDate(session.date)} « ${session.title} » : ${formatEuros(session.priceCents)}${
            session.fundedCents > 0
              ? `, dont ${formatEuros(session.fundedCents)} pris en charge (${FUNDERS[session.funder ?? ''] ?? session.funder}${session.agreementNumber ? `, accord n° ${session.agreementNumber}` : ''}) et ${formatEuros(session.clientCents)} à la charge du client`
              : session.funder && session.funder !== 'client'
                ? ` à la charge du client (${FUNDERS[session.funder] ?? session.funder} n'a pas financé)`
                : ''
          }`,
      ),
      `Part financée : ${formatEuros(data.fundedCents)}. Part à facturer au client : ${formatEuros(data.clientCents)}.`,
      ...invoiceParagraphs(data.invoices),
    ],
    action: { label: 'Ouvrir la mission', url: missionPage },
  };
}

const TO_PAYER = { funder: "à l'OPCO (subrogation)", client: 'au client' } as const;

/** The invoices issued at closure, in the e-mail's attachments, and what is left to do by hand. */
function invoiceParagraphs(invoices: Data<'clientInvoiceable'>['invoices']): string[] {
  if (!invoices) return [];
  return [
    ...(invoices.issued.length > 0
      ? [
          `Factures émises (jointes, au format Factur-X ; celles des OPCO avec les certificats de réalisation et la feuille d'émargement à leur transmettre) :`,
          ...invoices.issued.map(
            (invoice) =>
              `– ${invoice.invoiceNumber} ${TO_PAYER[invoice.payer]}, « ${invoice.title} » : ${formatEuros(invoice.grossCents)}`,
          ),
        ]
      : []),
    ...(invoices.notIssued.length > 0
      ? [
          'Factures non émises, à compléter puis établir à la main :',
          ...invoices.notIssued.map(
            (invoice) => `– « ${invoice.title} », facture ${TO_PAYER[invoice.payer]} : ${invoice.reason}`,
          ),
        ]
      : []),
    ...invoices.notInvoiced.map(
      (share) =>
        `– « ${share.title} » : ${formatEuros(share.amountCents)} pris en charge par ${FUNDERS[share.funder] ?? share.funder}, qui ne paie pas sur facture du prestataire (à régler selon sa procédure).`,
    ),
  ];
}

export function missionClosed(
  data: Data<'missionClosed'>,
  _language: Language,
  missionPage: string,
): EmailContent {
  return {
    subject: `Mission clôturée : « ${data.missionTitle} »`,
    paragraphs: [
      `Bonjour ${data.coordinatorName},`,
      data.automatic
        ? `Toutes les sessions ont eu lieu et toutes les rétributions ont été demandées : la mission « ${data.missionTitle} » (${data.clientName}) est clôturée.`
        : `Vous avez clôturé la mission « ${data.missionTitle} » (${data.clientName}).`,
      data.coordinatorPayout
        ? "Votre rétribution de coordination est lancée : vous recevrez l'autofacture, ou une demande de facture."
        : "L'association a été informée que le client peut être facturé.",
      'La mission est désormais verrouillée : plus rien ne peut y être modifié ni ajouté.',
    ],
    action: { label: 'Ouvrir la mission', url: missionPage },
  };
}
