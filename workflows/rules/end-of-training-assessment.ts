/**
 * The attestation de fin de formation (Code du travail L6353-1, al. 2): at the end of a training
 * action the provider gives the trainee an attestation stating the objectives, the nature and the
 * duration of the action and the results of the assessment of what was learnt. These rules say
 * who gets one and what each objective's result reads, from the trainee's answers.
 */
import type { OfferRef } from '../messages/domain.ts';
import type { TrainingOffer } from './catalogue.ts';

/**
 * Only an action de formation (L6313-1, 1°) gets one; a workshop that is not a training action
 * gets its attestation de participation and nothing claims it assessed anything.
 */
export function attestationApplies(offer: Pick<TrainingOffer, 'trainingAction'>): boolean {
  return offer.trainingAction;
}

/** What the trainee answers for each objective on the assessment page. */
export const SELF_ASSESSMENT_LEVELS = ['acquired', 'partly', 'notYet'] as const;
export type SelfAssessmentLevel = (typeof SELF_ASSESSMENT_LEVELS)[number];

/** One objective's result as the attestation prints it; `not_assessed` when nothing was answered. */
export type ObjectiveResult = 'acquired' | 'in_progress' | 'not_acquired' | 'not_assessed';

export const OBJECTIVE_RESULT_LABELS: Record<ObjectiveResult, string> = {
  acquired: 'Acquis',
  in_progress: 'En cours d’acquisition',
  not_acquired: 'Non acquis',
  not_assessed: 'Non évalué',
};

const RESULT_OF_LEVEL: Record<SelfAssessmentLevel, ObjectiveResult> = {
  acquired: 'acquired',
  partly: 'in_progress',
  notYet: 'not_acquired',
};

/** The page's field for objective `index` (0-based): the stored answer keeps only the level. */
export const objectiveQuestionId = (index: number): string => `objective-${index + 1}`;

export const isSelfAssessmentLevel = (value: unknown): value is SelfAssessmentLevel =>
  (SELF_ASSESSMENT_LEVELS as readonly unknown[]).includes(value);

/**
 * Each objective of the offer with its result. `levels` are the trainee's answers by objective,
 * in the offer version's order, or null when they did not answer before the deadline: every
 * objective then reads "non évalué", never a result nobody gave.
 */
export function objectiveResults(
  objectives: readonly string[],
  levels: readonly (string | null)[] | null,
): { objective: string; result: ObjectiveResult }[] {
  return objectives.map((objective, index) => {
    const level = levels?.[index];
    return { objective, result: isSelfAssessmentLevel(level) ? RESULT_OF_LEVEL[level] : 'not_assessed' };
  });
}

/**
 * What an assessment link names: the trainee and the offer version whose objectives they assess,
 * the very version the attestation prints (null: the starter offer of a session without one).
 */
export interface AssessmentSubject {
  participantId: string;
  offer: OfferRef | null;
}

export const assessmentLinkSubject = ({ participantId, offer }: AssessmentSubject): string =>
  JSON.stringify(offer ? [participantId, offer.offerId, offer.version] : [participantId]);

/** The subject of an authentic link; null when it is not one an assessment e-mail wrote. */
export function readAssessmentSubject(subject: string): AssessmentSubject | null {
  try {
    const parsed = JSON.parse(subject) as unknown;
    if (!Array.isArray(parsed) || typeof parsed[0] !== 'string') return null;
    const [participantId, offerId, version] = parsed as unknown[];
    if (parsed.length === 1) return { participantId: participantId as string, offer: null };
    if (parsed.length === 3 && typeof offerId === 'string' && Number.isInteger(version))
      return { participantId: participantId as string, offer: { offerId, version: version as number } };
  } catch {
    // Not JSON: no assessment link was ever signed with this subject.
  }
  return null;
}
