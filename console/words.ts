/** Words the console's screens share, keyed by the API's own values (a new value fails type-check here). */
import { type Html, html } from '../pages/html.ts';
import { formatDateTime, type Language } from '../pages/i18n.ts';
import type {
  BillingView,
  Invitation,
  MissionSummary,
  PayoutRate,
  Schemas,
  Session,
  SurveySummary,
} from './api/client.ts';

type Labels<K extends string> = Record<K, Record<Language, string>>;

export const KIND: Labels<Session['kind']> = {
  workshop: { fr: 'Atelier', en: 'Workshop' },
  training: { fr: 'Formation', en: 'Training' },
};

export const KIND_PLURAL: Labels<Session['kind']> = {
  workshop: { fr: 'Ateliers', en: 'Workshops' },
  training: { fr: 'Formations', en: 'Trainings' },
};

export const MISSION_STATUS: Labels<MissionSummary['status']> = {
  open: { fr: 'En cours', en: 'Open' },
  closed: { fr: 'Clôturée', en: 'Closed' },
  cancelled: { fr: 'Annulée', en: 'Cancelled' },
};

export const SESSION_STATUS: Labels<Session['status']> = {
  planned: { fr: 'Planifiée', en: 'Planned' },
  running: { fr: 'En cours', en: 'Running' },
  ended: { fr: 'Terminée', en: 'Ended' },
  cancelled: { fr: 'Annulée', en: 'Cancelled' },
};

export const INVITATION_STATUS: Labels<Invitation['status']> = {
  pending: { fr: 'En attente de réponse', en: 'Awaiting an answer' },
  accepted: { fr: 'Acceptée', en: 'Accepted' },
  declined: { fr: 'Déclinée', en: 'Declined' },
  expired: { fr: 'Expirée', en: 'Expired' },
  withdrawn: { fr: 'Retirée', en: 'Withdrawn' },
  refused_by_manager: { fr: 'Refusée par son manager', en: 'Refused by their manager' },
};

export const FACILITATOR_STATUS: Labels<Invitation['facilitatorStatus']> = {
  paid: { fr: 'Rémunéré·e', en: 'Paid' },
  internal: { fr: 'Interne', en: 'Internal' },
  volunteer: { fr: 'Bénévole', en: 'Volunteer' },
};

export const APPROVAL: Labels<Invitation['approval']> = {
  not_needed: { fr: 'Pas de validation nécessaire', en: 'No approval needed' },
  pending: { fr: 'Validation du manager attendue', en: 'Awaiting manager approval' },
  approved: { fr: 'Validé par son manager', en: 'Approved by their manager' },
  refused: { fr: 'Refusé par son manager', en: 'Refused by their manager' },
};

type PayoutTag = NonNullable<Schemas['Staffing']['payouts']>[number]['status'];
export const PAYOUT_TAG: Labels<PayoutTag> = {
  not_eligible: { fr: 'Rétribution pas encore demandable', en: 'Payout not yet requestable' },
  eligible: { fr: 'Rétribution à demander', en: 'Payout to request' },
  requested: { fr: 'Rétribution demandée', en: 'Payout requested' },
  paid: { fr: 'Rétribution payée', en: 'Payout paid' },
};

/** The seed's counter: planned against ordered, per kind, with what is left to plan. */
export function counters(mission: Pick<MissionSummary, 'counters'>, language: Language): Html {
  return html`<ul class="counters">${mission.counters.map(
    (counter) =>
      html`<li><span class="counter-kind">${KIND_PLURAL[counter.kind][language]}</span> <strong class="counter-figures">${counter.planned} / ${counter.ordered}</strong> <span class="counter-words">${
        language === 'fr'
          ? `planifié·es sur ${counter.ordered} commandé·es (reste ${counter.remaining})`
          : `planned of ${counter.ordered} ordered (${counter.remaining} left)`
      }</span></li>`,
  )}</ul>`;
}

export function when(iso: string | null, language: Language, timeZone?: string): string {
  if (!iso) return language === 'fr' ? 'aucune' : 'none';
  return formatDateTime(iso, language, timeZone);
}

export function badge(text: string, tone: 'neutral' | 'good' | 'warn' | 'bad' = 'neutral'): Html {
  return html`<span class="badge badge-${tone}">${text}</span>`;
}

export const PAYOUT_ROLE: Labels<PayoutRate['role']> = {
  lead: { fr: 'Animation (responsable)', en: 'Lead facilitator' },
  co_facilitator: { fr: 'Co-animation', en: 'Co-facilitator' },
  coordination: { fr: 'Coordination', en: 'Coordination' },
};

type Channel = BillingView['payoutChannel'];
export const PAYOUT_CHANNEL: Labels<Channel['channel']> = {
  self_billing: { fr: 'Autofacturation', en: 'Self-billing' },
  supplier_invoice: { fr: 'Facture du prestataire', en: 'The provider’s own invoice' },
};

export const SUPPLIER_INVOICE_REASON: Labels<NonNullable<Channel['supplierInvoiceReason']>> = {
  international_provider: {
    fr: 'prestataire hors de France : pas d’autofacturation, il·elle dépose sa facture',
    en: 'provider outside France: not self-billed, they upload their invoice',
  },
  no_self_billing_mandate: {
    fr: 'aucun mandat d’autofacturation signé à ce jour',
    en: 'no self-billing mandate signed as of today',
  },
  incomplete_billing_profile: {
    fr: 'il manque le SIRET ou l’adresse de facturation',
    en: 'the SIRET or the billing address is missing',
  },
  unknown_provider: { fr: 'prestataire absent de l’annuaire', en: 'provider not in the directory' },
};

const SURVEY_KIND: Labels<SurveySummary[number]['kind']> = {
  hot: { fr: 'À chaud (avec l’attestation)', en: 'Hot (with the certificate)' },
  cold: { fr: 'À froid (90 jours après)', en: 'Cold (90 days after)' },
};

/** Hot and cold side by side, each with its count, even when nobody answered yet. */
export function surveySummary(summary: SurveySummary, language: Language): Html {
  const number = new Intl.NumberFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 2 });
  return html`<dl class="summary survey-summary">${(['hot', 'cold'] as const).map((kind) => {
    const row = summary.find((candidate) => candidate.kind === kind);
    const answers = row?.answers ?? 0;
    const average =
      row?.averageRating === null || row?.averageRating === undefined
        ? language === 'fr'
          ? 'pas encore de note'
          : 'no rating yet'
        : `${language === 'fr' ? 'note moyenne' : 'average rating'} ${number.format(row.averageRating)} / 5`;
    return html`<div><dt>${SURVEY_KIND[kind][language]}</dt><dd>${
      language === 'fr'
        ? `${answers} réponse${answers > 1 ? 's' : ''}`
        : `${answers} answer${answers === 1 ? '' : 's'}`
    } · ${average}</dd></div>`;
  })}</dl>`;
}
