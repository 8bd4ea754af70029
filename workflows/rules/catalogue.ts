/**
 * The training catalogue (issue #15, item 2): what the association sells, as funders and Qualiopi
 * auditors read it (indicator 1; Code du travail D6353-1 for what an agreement's programme
 * states). Workflows hold only an offer's reference (`OfferRef`, in messages/domain.ts); documents load the
 * version a session was planned with when they are built, so no history keeps an offer's texts
 * and a document says which version it was built from.
 */
// The question-set schema is the one the positioning and survey pages check their sets with.
import { type Question, questionSet } from '../../config/question-schema.ts';
import { SESSION_KINDS, type SessionKind } from '../messages/domain.ts';
import type { FieldError } from './organisation-settings.ts';

/** One half-day of the programme as the catalogue describes it; the session gives it a date. */
export interface ProgrammeStep {
  title: string;
  content: string;
}

export interface TrainingOffer {
  offerId: string;
  version: number;
  /** YYYY-MM-DD: the programme's "version du" date auditors ask for. */
  versionDate: string;
  title: string;
  kind: SessionKind;
  /**
   * An "action de formation" (L6313-1, L6313-2) gets an agreement, a programme, a certificat de
   * réalisation and an attestation de fin de formation; anything else (a workshop, a talk) gets
   * an attestation de participation and none of the training paperwork.
   */
  trainingAction: boolean;
  /** Operational objectives, each something a learner can be assessed on. */
  objectives: string[];
  audience: string;
  prerequisites: string;
  durationHours: number;
  programme: ProgrammeStep[];
  teachingMethods: string;
  assessmentMethod: string;
  accessibility: string;
  /** "Délai d'accès": how long between a request and the start, e.g. "2 à 4 semaines". */
  accessTime: string;
  /** Trainers' qualifications, which a contrat de formation professionnelle must state (L6353-4). */
  trainerQualifications: string;
  /** Price of one session of this offer, without VAT. */
  priceCents: number;
  positioningQuestions: Question[];
  assessmentQuestions: Question[];
  /** The install's starter offers, shown to staff as not yet theirs (like the settings' version 1). */
  placeholder: boolean;
}

/** What staff write for a version: the server gives the id, the version number and its date. */
export type OfferContent = Omit<TrainingOffer, 'offerId' | 'version' | 'versionDate' | 'placeholder'>;

/**
 * A half-day holds at most 3.5 hours (the 7-hour training day funders count by, in two halves)
 * and, to be told apart from a sequence inside one, at least 2: so a training action of H hours
 * describes between ceil(H / 3.5) and floor(H / 2) half-days (14 h: 4 to 7; 7 h: 2 or 3), and
 * never fewer than ceil(H / 3.5) even when H / 2 is less (3 h: 1).
 */
export const HALF_DAY_MAX_HOURS = 3.5;
export const HALF_DAY_MIN_HOURS = 2;

export function halfDayRange(durationHours: number): { min: number; max: number } {
  const min = Math.max(1, Math.ceil(durationHours / HALF_DAY_MAX_HOURS));
  return { min, max: Math.max(min, Math.floor(durationHours / HALF_DAY_MIN_HOURS)) };
}

/** The texts a document prints in a paragraph; longer ones would not fit the programme's page. */
const TEXT_MAX = 2000;
const TITLE_MAX = 200;
/** Longer than any training a one-year agreement covers; catches a price typed as hours. */
const DURATION_MAX_HOURS = 1200;
/** An order line's own ceiling (api/schemas/mission.ts): a million euros. */
const PRICE_MAX_CENTS = 100_000_000;

const validDate = (value: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
};

/**
 * Every problem with an offer as staff wrote it, each naming its field by a JSON pointer; empty
 * when it can be saved. What a training action's programme must state follows Qualiopi's
 * indicator 1 and D6353-1 (objectives, audience, prerequisites, duration, content, methods,
 * assessment, accessibility, access time); the trainers' qualifications are what L6353-4 asks a
 * contrat de formation professionnelle to name.
 */
export function offerErrors(offer: OfferContent & { versionDate?: string }): FieldError[] {
  const errors: FieldError[] = [];
  const fail = (path: string, code: string, message: string) => errors.push({ path, code, message });
  const text = (path: string, value: unknown, what: string, max = TEXT_MAX) => {
    if (typeof value !== 'string' || value.trim() === '') fail(path, 'REQUIRED', `${what} cannot be empty.`);
    else if (value.length > max) fail(path, 'TOO_LONG', `${what} is at most ${max} characters.`);
  };

  if (offer.versionDate !== undefined && !validDate(offer.versionDate))
    fail('/versionDate', 'DATE_INVALID', `${offer.versionDate} is not a date (YYYY-MM-DD).`);
  text('/title', offer.title, 'The title', TITLE_MAX);
  if (!SESSION_KINDS.includes(offer.kind))
    fail('/kind', 'KIND_INVALID', `The kind is one of ${SESSION_KINDS.join(', ')}.`);
  // The session's kind already decides its paperwork (a workshop's attestation de participation,
  // a training's certificat de réalisation): an offer saying otherwise would contradict it.
  else if (offer.trainingAction !== (offer.kind === 'training'))
    fail(
      '/trainingAction',
      'NATURE_KIND_MISMATCH',
      offer.kind === 'training'
        ? 'A training is a training action (L6313-1); offer it as a workshop if it is not.'
        : 'A workshop is not a training action; offer it as a training if it is one.',
    );

  if (offer.objectives.length === 0)
    fail('/objectives', 'OBJECTIVES_MISSING', 'Give at least one operational objective.');
  offer.objectives.forEach((objective, index) => {
    text(`/objectives/${index}`, objective, 'An objective', 500);
  });
  text('/audience', offer.audience, 'The audience');
  text('/prerequisites', offer.prerequisites, 'The prerequisites (or "Aucun")');
  text('/teachingMethods', offer.teachingMethods, 'The teaching methods');
  text('/assessmentMethod', offer.assessmentMethod, 'The assessment method');
  text('/accessibility', offer.accessibility, 'The accessibility statement');
  text('/accessTime', offer.accessTime, 'The access time', TITLE_MAX);
  text('/trainerQualifications', offer.trainerQualifications, "The trainers' qualifications");

  const hours = offer.durationHours;
  const hoursValid =
    Number.isFinite(hours) && hours > 0 && hours <= DURATION_MAX_HOURS && Number.isInteger(hours * 4);
  if (!hoursValid)
    fail(
      '/durationHours',
      'DURATION_INVALID',
      `The duration is a positive number of hours in quarter hours, ${DURATION_MAX_HOURS} at most.`,
    );

  if (offer.programme.length === 0)
    fail('/programme', 'PROGRAMME_MISSING', 'Describe at least one step of the programme.');
  else if (offer.trainingAction && hoursValid) {
    const { min, max } = halfDayRange(hours);
    if (offer.programme.length < min || offer.programme.length > max)
      fail(
        '/programme',
        'PROGRAMME_HALF_DAYS',
        `${hours} hours make ${min === max ? min : `${min} to ${max}`} half-days (${HALF_DAY_MIN_HOURS} to ${HALF_DAY_MAX_HOURS} hours each): ` +
          `describe one step per half-day, not ${offer.programme.length}.`,
      );
  }
  offer.programme.forEach((step, index) => {
    text(`/programme/${index}/title`, step.title, "A step's title", TITLE_MAX);
    text(`/programme/${index}/content`, step.content, "A step's content");
  });

  if (!Number.isInteger(offer.priceCents) || offer.priceCents < 0 || offer.priceCents > PRICE_MAX_CENTS)
    fail(
      '/priceCents',
      'PRICE_INVALID',
      `The price is a whole number of cents, from 0 to ${PRICE_MAX_CENTS / 100} euros.`,
    );

  for (const field of ['positioningQuestions', 'assessmentQuestions'] as const) {
    // No questions is allowed: the positioning test then asks the default set.
    if (offer[field].length === 0) continue;
    const parsed = questionSet.safeParse(offer[field]);
    for (const issue of parsed.success ? [] : parsed.error.issues)
      fail(['', field, ...issue.path.map(String)].join('/'), 'QUESTION_SET_INVALID', issue.message);
  }
  return errors;
}
