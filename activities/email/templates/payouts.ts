import type { Language } from '../../../workflows/messages/domain.ts';
import type { EmailTemplateData } from '../../../workflows/messages/email.ts';
import { formatDate, formatEuros } from '../../format/french.ts';
import type { EmailContent } from '../layout.ts';

type Data<T extends keyof EmailTemplateData> = EmailTemplateData[T];

/** The provider's copy of the invoice issued in their name. */
export function selfBillingInvoiceIssued(
  data: Data<'selfBillingInvoiceIssued'>,
  language: Language,
): EmailContent {
  if (language === 'en')
    return {
      subject: `Self-billing invoice ${data.invoiceNumber} — ${data.missionTitle}`,
      paragraphs: [
        `Hello ${data.providerName},`,
        `Under your self-billing mandate, we issued invoice ${data.invoiceNumber} in your name for the mission "${data.missionTitle}" (${data.clientName}): ${formatEuros(data.totalCents, language)}. It is attached; keep it with your accounts.`,
        'The billing team pays it within 30 days. Tell us within 15 days if anything on it is wrong.',
      ],
    };
  return {
    subject: `Autofacture ${data.invoiceNumber} — ${data.missionTitle}`,
    paragraphs: [
      `Bonjour ${data.providerName},`,
      `En vertu de votre mandat d'autofacturation, nous avons émis en votre nom la facture ${data.invoiceNumber} pour la mission « ${data.missionTitle} » (${data.clientName}) : ${formatEuros(data.totalCents, language)}. Elle est jointe ; conservez-la dans votre comptabilité.`,
      "L'équipe facturation la règle sous 30 jours. Signalez-nous sous 15 jours toute erreur qu'elle contiendrait.",
    ],
  };
}

/** The billing team works in French. */
export function selfBillingInvoiceToBilling(
  data: Data<'selfBillingInvoiceToBilling'>,
  _language: Language,
  missionPage: string,
): EmailContent {
  return {
    subject: `À payer : autofacture ${data.invoiceNumber} — ${data.providerName}`,
    paragraphs: [
      `L'autofacture ${data.invoiceNumber} a été émise au nom de ${data.providerName} (${data.providerId}) pour la mission « ${data.missionTitle} » (${data.clientName}) : ${formatEuros(data.totalCents)}.`,
      'Elle est jointe. Une fois le virement fait, marquez la rétribution comme payée.',
    ],
    action: { label: 'Ouvrir la mission', url: missionPage },
  };
}

export function supplierInvoiceRequest(
  data: Data<'supplierInvoiceRequest'>,
  language: Language,
  link: string,
): EmailContent {
  const reminder = data.reminder > 0;
  if (language === 'en')
    return {
      subject: `${reminder ? 'Reminder: ' : ''}your invoice for "${data.missionTitle}"`,
      paragraphs: [
        `Hello ${data.providerName},`,
        `Your payout for the mission "${data.missionTitle}" (${data.clientName}) has been requested: ${formatEuros(data.totalCents, language)} excluding VAT.`,
        'As we cannot self-bill you, please upload your own invoice (PDF) for this amount with the form below. We pay once it is received.',
      ],
      action: { label: 'Upload my invoice', url: link },
    };
  return {
    subject: `${reminder ? 'Relance : ' : ''}votre facture pour « ${data.missionTitle} »`,
    paragraphs: [
      `Bonjour ${data.providerName},`,
      `Votre rétribution pour la mission « ${data.missionTitle} » (${data.clientName}) a été demandée : ${formatEuros(data.totalCents, language)} HT.`,
      "Comme nous ne pouvons pas émettre d'autofacture pour vous, déposez votre propre facture (PDF) de ce montant avec le formulaire ci-dessous. Le paiement suit sa réception.",
    ],
    action: { label: 'Déposer ma facture', url: link },
  };
}

export function supplierInvoiceOverdue(
  data: Data<'supplierInvoiceOverdue'>,
  _language: Language,
  missionPage: string,
): EmailContent {
  return {
    subject: `Facture fournisseur attendue depuis ${data.days} jours — ${data.providerName}`,
    paragraphs: [
      `${data.providerName} (${data.providerEmail}) n'a pas déposé sa facture pour la mission « ${data.missionTitle} » (${data.clientName}), demandée le ${formatDate(data.requestedAt)} : ${formatEuros(data.totalCents)} HT.`,
      'Les relances hebdomadaires continuent. Merci de prendre contact avec le ou la prestataire.',
    ],
    action: { label: 'Ouvrir la mission', url: missionPage },
  };
}

export function supplierInvoiceReceived(
  data: Data<'supplierInvoiceReceived'>,
  _language: Language,
  missionPage: string,
): EmailContent {
  return {
    subject: `À payer : facture fournisseur de ${data.providerName}`,
    paragraphs: [
      `${data.providerName} (${data.providerId}) a déposé sa facture pour la mission « ${data.missionTitle} » (${data.clientName}) ; montant attendu ${formatEuros(data.totalCents)} HT.`,
      'Elle est jointe. Une fois le virement fait, marquez la rétribution comme payée.',
    ],
    action: { label: 'Ouvrir la mission', url: missionPage },
  };
}
