import { describe, expect, it } from 'vitest';
import { halfDayRange, type OfferContent, offerErrors } from '../../../workflows/rules/catalogue.ts';
import { trainingOffer, workshopOffer } from '../../support/offers.ts';

const errors = (change: Partial<OfferContent & { versionDate: string }>, base = trainingOffer) =>
  offerErrors({ ...base, ...change }).map(({ path, code }) => `${path} ${code}`);

describe('a catalogue offer', () => {
  it('takes the fixture training and workshop as they are', () => {
    expect(offerErrors(trainingOffer)).toEqual([]);
    expect(offerErrors(workshopOffer)).toEqual([]);
  });

  it('asks a training action for at least one objective, each written out', () => {
    expect(errors({ objectives: [] })).toEqual(['/objectives OBJECTIVES_MISSING']);
    expect(errors({ objectives: ['Construire un déroulé', '  '] })).toEqual(['/objectives/1 REQUIRED']);
  });

  it('refuses an empty audience, prerequisites, methods, assessment, accessibility, access time or qualifications', () => {
    expect(
      errors({
        audience: '',
        prerequisites: ' ',
        teachingMethods: '',
        assessmentMethod: '',
        accessibility: '',
        accessTime: '',
        trainerQualifications: '',
        title: '',
      }),
    ).toEqual([
      '/title REQUIRED',
      '/audience REQUIRED',
      '/prerequisites REQUIRED',
      '/teachingMethods REQUIRED',
      '/assessmentMethod REQUIRED',
      '/accessibility REQUIRED',
      '/accessTime REQUIRED',
      '/trainerQualifications REQUIRED',
    ]);
    expect(errors({ audience: 'x'.repeat(2001) })).toEqual(['/audience TOO_LONG']);
  });

  it('counts half-days of 2 to 3.5 hours', () => {
    expect(halfDayRange(14)).toEqual({ min: 4, max: 7 });
    expect(halfDayRange(7)).toEqual({ min: 2, max: 3 });
    expect(halfDayRange(10.5)).toEqual({ min: 3, max: 5 });
    expect(halfDayRange(3)).toEqual({ min: 1, max: 1 });
    expect(halfDayRange(1.5)).toEqual({ min: 1, max: 1 });
  });

  it("asks a training action's programme for one step per half-day of its duration", () => {
    const steps = trainingOffer.programme;
    expect(errors({ programme: steps.slice(0, 3) })).toEqual(['/programme PROGRAMME_HALF_DAYS']);
    expect(offerErrors({ ...trainingOffer, programme: steps.slice(0, 3) })[0]?.message).toBe(
      '14 hours make 4 to 7 half-days (2 to 3.5 hours each): describe one step per half-day, not 3.',
    );
    expect(errors({ programme: [...steps, ...steps] })).toEqual(['/programme PROGRAMME_HALF_DAYS']);
    expect(errors({ durationHours: 10.5, programme: steps.slice(0, 3) })).toEqual([]);
    expect(errors({ programme: [] })).toEqual(['/programme PROGRAMME_MISSING']);
    expect(errors({ programme: [{ title: 'Matin', content: '' }, ...steps.slice(1)] })).toEqual([
      '/programme/0/content REQUIRED',
    ]);
  });

  it('lets a workshop that is no training action describe itself in one step whatever its length', () => {
    expect(errors({ durationHours: 7 }, workshopOffer)).toEqual([]);
    expect(errors({ programme: [] }, workshopOffer)).toEqual(['/programme PROGRAMME_MISSING']);
  });

  it('refuses a nature that contradicts the kind', () => {
    expect(errors({ trainingAction: false })).toEqual(['/trainingAction NATURE_KIND_MISMATCH']);
    expect(errors({ trainingAction: true }, workshopOffer)).toEqual(['/trainingAction NATURE_KIND_MISMATCH']);
  });

  it('takes a positive duration in quarter hours and a price of 0 or more cents', () => {
    for (const durationHours of [0, -7, 7.1, Number.NaN, 5000])
      expect(errors({ durationHours }), String(durationHours)).toEqual(['/durationHours DURATION_INVALID']);
    expect(errors({ priceCents: -1 })).toEqual(['/priceCents PRICE_INVALID']);
    expect(errors({ priceCents: 10.5 })).toEqual(['/priceCents PRICE_INVALID']);
    // Above an order line's ceiling: a typo, and more than the read model's integer holds.
    expect(errors({ priceCents: 100_000_001 })).toEqual(['/priceCents PRICE_INVALID']);
    expect(errors({ priceCents: 0 })).toEqual([]);
  });

  it('checks the version date is a real day', () => {
    expect(errors({ versionDate: '2026-02-30' })).toEqual(['/versionDate DATE_INVALID']);
    expect(errors({ versionDate: '02/11/2026' })).toEqual(['/versionDate DATE_INVALID']);
    expect(errors({ versionDate: '2028-02-29' })).toEqual([]);
  });

  it('checks its question sets as the pages do, naming the question at fault', () => {
    const [first, second] = trainingOffer.positioningQuestions;
    if (!first || !second) throw new Error('the fixture has positioning questions');
    expect(errors({ positioningQuestions: [first, { ...second, id: first.id }] })).toEqual([
      '/positioningQuestions/1/id QUESTION_SET_INVALID',
    ]);
    expect(errors({ assessmentQuestions: [{ ...first, id: '1st' }] })).toEqual([
      '/assessmentQuestions/0/id QUESTION_SET_INVALID',
    ]);
    expect(errors({ positioningQuestions: [], assessmentQuestions: [] })).toEqual([]);
  });
});
