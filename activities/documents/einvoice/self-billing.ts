/**
 * The self-billing invoice as EN 16931 sees it: type 389 (self-billed), the provider as seller
 * and the association, which issues it under the provider's mandate, as buyer. The same facts
 * as the Word document (self-billing-invoice.ts) shows, so the two agree.
 */
import type { PricedLine, SelfBillingRequest } from '../../../workflows/messages/payouts.ts';
import { dueDate } from '../../../workflows/rules/client-invoices.ts';
import { zonedDate } from '../../../workflows/rules/zoned-time.ts';
import { formatDate } from '../../format/french.ts';
import type { Organisation } from '../organisation.ts';
import { type EInvoice, sirenOf, splitFrenchAddress } from './model.ts';

const ROLE_LABELS: Record<PricedLine['role'], string> = {
  lead: 'animation',
  co_facilitator: 'co-animation',
  coordination: 'coordination',
};
const KIND_LABELS: Record<PricedLine['kind'], string> = { workshop: 'atelier', training: 'formation' };

/** The mention of VAT franchise the Word document prints (CGI art. 293 B). */
const FRANCHISE = 'TVA non applicable, art. 293 B du CGI';

export function selfBillingEInvoice(
  request: SelfBillingRequest,
  invoiceNumber: string,
  organisation: Organisation,
): EInvoice {
  const { provider } = request;
  const { settings } = organisation;
  const days = request.lines.map((line) => zonedDate(new Date(line.date), 'Europe/Paris')).sort();
  const address = splitFrenchAddress(provider.address ?? '');
  return {
    number: invoiceNumber,
    typeCode: '389',
    issuedOn: request.issuedOn,
    dueOn: dueDate(request.issuedOn, settings.paymentTermDays),
    deliveredOn: days.at(-1) ?? request.issuedOn,
    seller: {
      name: provider.legalName,
      siren: sirenOf(provider.siret),
      vatNumber: provider.vatNumber,
      address: { ...address, country: provider.country },
    },
    buyer: {
      name: settings.legalName,
      siren: sirenOf(settings.siret),
      vatNumber: settings.vatNumber,
      address: splitFrenchAddress(settings.address),
    },
    lines: request.lines.map((line) => ({
      name: `${ROLE_LABELS[line.role]} — ${KIND_LABELS[line.kind]} « ${line.title} »`,
      description: formatDate(line.date),
      netCents: line.amountCents,
    })),
    vat:
      provider.vatRatePercent === null
        ? { kind: 'exempt', mention: FRANCHISE }
        : { kind: 'standard', ratePercent: provider.vatRatePercent },
    contractReference: null,
    paymentTerms: `Paiement à ${settings.paymentTermDays} jours, au plus tard le ${formatDate(dueDate(request.issuedOn, settings.paymentTermDays))}, par virement.`,
    notes: [
      {
        subject: 'AAI',
        text: `Autofacturation : facture émise par ${settings.legalName} au nom et pour le compte de ${provider.legalName}, en vertu du mandat d'autofacturation signé le ${formatDate(provider.selfBillingMandateSignedOn ?? request.issuedOn)}.`,
      },
      { subject: 'AAB', text: "Pas d'escompte pour paiement anticipé." },
      {
        subject: 'PMD',
        text: "En cas de retard de paiement, pénalités au taux de trois fois le taux d'intérêt légal (art. L441-10 du Code de commerce).",
      },
      {
        subject: 'PMT',
        text: 'Indemnité forfaitaire pour frais de recouvrement due en cas de retard de paiement : 40 € (art. L441-10 et D441-5 du Code de commerce).',
      },
      { subject: 'AAI', text: 'Nature des opérations : prestations de services.' },
    ],
  };
}
