import { describe, expect, it } from 'vitest';
import {
  attestationApplies,
  OBJECTIVE_RESULT_LABELS,
  objectiveResults,
} from '../../../workflows/rules/end-of-training-assessment.ts';
import { trainingOffer, workshopOffer } from '../../support/offers.ts';

const objectives = ['Construire un déroulé', 'Choisir une technique', 'Réagir aux tensions'];

describe('end-of-training assessment rules', () => {
  it('gives an attestation de fin de formation to a training action only, not to a workshop', () => {
    expect(attestationApplies(trainingOffer)).toBe(true);
    expect(attestationApplies(workshopOffer)).toBe(false);
  });

  it('reads each self-assessed level as acquis, en cours d’acquisition or non acquis, objective by objective', () => {
    const results = objectiveResults(objectives, ['acquired', 'partly', 'notYet']);
    expect(results.map(({ objective, result }) => [objective, OBJECTIVE_RESULT_LABELS[result]])).toEqual([
      ['Construire un déroulé', 'Acquis'],
      ['Choisir une technique', 'En cours d’acquisition'],
      ['Réagir aux tensions', 'Non acquis'],
    ]);
  });

  it('prints every objective as not assessed when the trainee did not answer', () => {
    expect(objectiveResults(objectives, null).map(({ result }) => result)).toEqual([
      'not_assessed',
      'not_assessed',
      'not_assessed',
    ]);
  });

  it('never invents a result for an objective without a known level', () => {
    const results = objectiveResults(objectives, ['acquired', 'excellent']);
    expect(results.map(({ result }) => result)).toEqual(['acquired', 'not_assessed', 'not_assessed']);
  });
});
