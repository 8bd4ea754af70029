/** Words the console's screens share, keyed by the API's own values (a new value fails type-check here). */
import { type Html, html } from '../pages/html.ts';
import { formatDateTime, type Language } from '../pages/i18n.ts';
import type { Invitation, MissionSummary, Schemas, Session } from './api/client.ts';

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
