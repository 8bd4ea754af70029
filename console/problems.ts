/**
 * An API refusal shown where it belongs: beside the field it concerns (by the rule's `code`, or
 * by the `path` of a validation error) and in the error summary. Known codes get the console's
 * words in French; the API's own `detail` is the English text and the fallback.
 */
import type { Language } from '../pages/i18n.ts';
import type { FieldError } from '../pages/layout.ts';
import type { Problem } from './api/client.ts';

export interface ProblemFields {
  /** Rule codes to the form's field id. */
  codes: Record<string, string>;
  /** Body paths (`body/capacity`, `body/location/address`) to the form's field id, longest prefix first. */
  paths: Record<string, string>;
  /** Where a refusal that names no field goes (the form's main field or its button). */
  fallback: string;
}

/** French words for the refusals a coordinator meets; `{n}` parts come from the API's detail. */
const FRENCH: Record<string, (problem: Problem) => string> = {
  ORDER_QUANTITY_EXCEEDED: (problem) => {
    const [ordered, planned] = (problem.detail.match(/\d+/g) ?? []) as [string?, string?];
    const kind = /workshop/.test(problem.detail) ? 'atelier(s)' : 'formation(s)';
    return ordered && planned
      ? `La commande prévoit ${ordered} ${kind} et ${planned} sont déjà planifié·es : demandez à l’équipe de modifier la commande pour en planifier davantage.`
      : 'La commande ne prévoit pas d’autre session de ce type : demandez à l’équipe de modifier la commande.';
  },
  KIND_NOT_ORDERED: () =>
    'Le client n’a pas commandé ce type de session : demandez à l’équipe de modifier la commande.',
  CAPACITY_EXCEEDS_ORDER: (problem) =>
    `La commande permet au plus ${problem.detail.match(/up to (\d+)/)?.[1] ?? '?'} participant·es par session.`,
  SESSION_START_IN_PAST: () =>
    'Une session se planifie avant d’avoir lieu : choisissez un début dans le futur.',
  SESSION_END_BEFORE_START: () => 'La fin doit venir après le début.',
  SESSION_DAILY_TIMES: () =>
    'Une session sur plusieurs jours a lieu chaque jour de l’heure de début à l’heure de fin : l’heure de fin doit venir après l’heure de début.',
  SESSION_TOO_LONG: () => 'Une session dure au plus 14 jours : planifiez-en plusieurs.',
  SESSION_TOO_SHORT: (problem) =>
    `Une session dure au moins ${problem.detail.match(/at least (\d+) minutes/)?.[1] ?? '?'} minutes : les attestations comptent les heures au quart d’heure, une session plus courte n’en donnerait aucune.`,
  SESSION_AFTER_MISSION_END: (problem) =>
    `La mission se termine le ${
      problem.detail
        .match(/\d{4}-\d{2}-\d{2}/)?.[0]
        ?.split('-')
        .reverse()
        .join('/') ?? '?'
    } : chaque session doit avoir lieu avant.`,
  SESSION_ALREADY_STARTED: () =>
    'Cette session a déjà commencé : elle ne peut plus être déplacée ni annulée.',
  SESSION_CANCELLED: () => 'Cette session est annulée.',
  SESSION_CLOSED: () => 'Le suivi de cette session est terminé : elle ne prend plus de demande.',
  NO_RECIPIENTS: (problem) => {
    const audience = (problem as Problem & { audience?: string }).audience;
    return audience === 'facilitators'
      ? 'Aucun·e animateur·ice n’a encore accepté cette session : personne à qui écrire.'
      : audience === 'both'
        ? 'Personne n’est inscrit·e et aucun·e animateur·ice n’a accepté : personne à qui écrire.'
        : 'Personne n’est encore inscrit·e à cette session : personne à qui écrire.';
  },
  MISSION_CLOSED: () => 'La mission est clôturée : plus rien ne peut y être modifié.',
  OFFER_KIND_MISMATCH: () =>
    'Cette offre n’est pas du type de la session : choisissez une formation pour une formation, un atelier pour un atelier.',
  OFFER_NOT_FOUND: () => 'Cette offre n’existe pas dans le catalogue.',
  OFFER_RETIRED: () => 'Cette offre est retirée du catalogue : choisissez-en une autre.',
  MISSION_CANCELLED: () => 'La mission est annulée.',
  REASON_REQUIRED: () => 'Dites pourquoi : la raison est transmise aux personnes concernées.',
  FACILITATOR_NOT_COMPLIANT: () =>
    'Cet·te animateur·ice n’est pas conforme OF à la date de la session : seul·es les animateur·ices conformes peuvent intervenir.',
  NO_OPEN_SLOT: () =>
    'Plus aucune place d’animateur·ice n’est ouverte sur cette session (voir « il y aura d’autres animateur·ices »).',
  FACILITATOR_ALREADY_ON_SESSION: () => 'Cet·te animateur·ice est déjà invité·e sur cette session.',
  INVITATION_ALREADY_EXISTS: () => 'Cet·te animateur·ice est déjà invité·e sur cette session.',
  VOLUNTEER_OUTSIDE_EDUCATION: () =>
    'Le statut bénévole n’est possible que pour les missions de l’enseignement.',
  UNKNOWN_FACILITATOR: () => 'Personne avec cet identifiant dans l’annuaire des animateur·ices.',
  CAPACITY_EXCEEDED: () => 'La session est complète : ces inscriptions dépasseraient sa capacité.',
  REGISTRATION_CLOSED: () => 'Les inscriptions sont closes : la session a commencé.',
  DUPLICATE_PARTICIPANT: () => 'Cette adresse figure deux fois dans la liste.',
  PAYOUT_WINDOW_CLOSED: (problem) => {
    const next = (problem as Problem & { nextWindowOpensOn?: string }).nextWindowOpensOn;
    return `Les rétributions de cette mission ont déjà été demandées ce mois-ci : une demande par mois. ${
      next ? `Prochaine demande possible le ${next.split('-').reverse().join('/')}.` : ''
    }`.trim();
  },
  NOTHING_TO_REQUEST: (problem) =>
    /already been requested/.test(problem.detail)
      ? 'Toutes les rétributions de cette mission ont déjà été demandées.'
      : /no paid facilitator/.test(problem.detail)
        ? 'Rien à demander : aucun·e animateur·ice rémunéré·e n’est encore intervenu·e sur une session.'
        : 'Rien n’est encore demandable : voir pourquoi pour chaque animateur·ice ci-dessus.',
};

export function problemMessage(problem: Problem, language: Language): string {
  const french = FRENCH[problem.code];
  return language === 'fr' && french ? french(problem) : problem.detail;
}

/** What the validation message says in French, for the few shapes the console's own bodies can fail. */
function validationMessage(message: string, language: Language): string {
  if (language === 'en') return message;
  if (/must match format "email"/.test(message))
    return 'Saisissez une adresse e-mail valide, comme nom@exemple.fr.';
  if (/must match format "uri"|must match pattern "\^https/.test(message))
    return 'Saisissez l’adresse complète du lien, qui commence par https://.';
  if (/must NOT have fewer than|must match pattern "\\\\S"/.test(message)) return 'Ce champ est obligatoire.';
  if (/must be <=/.test(message)) return `Saisissez au plus ${message.match(/<= (\d+)/)?.[1]}.`;
  if (/must be >=/.test(message)) return `Saisissez au moins ${message.match(/>= (\d+)/)?.[1]}.`;
  if (/must match pattern/.test(message))
    return 'Lettres, chiffres, espaces, traits d’union, apostrophes et points uniquement.';
  return `Valeur refusée (${message}).`;
}

export function fieldErrors(problem: Problem, fields: ProblemFields, language: Language): FieldError[] {
  const byCode = fields.codes[problem.code];
  if (byCode) return [{ field: byCode, message: problemMessage(problem, language) }];
  if (problem.errors && problem.errors.length > 0) {
    const prefixes = Object.keys(fields.paths).sort((a, b) => b.length - a.length);
    return problem.errors.map((error) => {
      const prefix = prefixes.find(
        (candidate) => error.path === candidate || error.path.startsWith(`${candidate}/`),
      );
      return {
        field: prefix ? (fields.paths[prefix] as string) : fields.fallback,
        message: validationMessage(error.message, language),
      };
    });
  }
  return [{ field: fields.fallback, message: problemMessage(problem, language) }];
}
