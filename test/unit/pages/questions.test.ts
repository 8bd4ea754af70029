/**
 * Question sets: a positioning test read from POSITIONING_QUESTIONS_FILE replaces the default and a
 * bad file says what is wrong; a posted form is read back into answers by question id, with a
 * message beside each question left unanswered.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Question } from '../../../config/question-schema.ts';
import {
  DEFAULT_POSITIONING_QUESTIONS,
  positioningQuestions,
  surveyQuestions,
} from '../../../config/question-sets.ts';
import { questionFields, readAnswers } from '../../../pages/questions.ts';

const directory = mkdtempSync(path.join(tmpdir(), 'questions-'));
const fileWith = (name: string, content: string) => {
  const file = path.join(directory, name);
  writeFileSync(file, content);
  return file;
};

const ownSet: Question[] = [
  {
    id: 'tools',
    kind: 'choice',
    required: true,
    label: { fr: 'Quel tableur utilisez-vous ?', en: 'Which spreadsheet do you use?' },
    choices: [
      { value: 'excel', label: { fr: 'Excel', en: 'Excel' } },
      { value: 'calc', label: { fr: 'LibreOffice Calc', en: 'LibreOffice Calc' } },
      { value: 'none', label: { fr: 'Aucun', en: 'None' } },
    ],
  },
  {
    id: 'confidence',
    kind: 'choice',
    required: false,
    label: { fr: 'Votre aisance, de 1 à 3', en: 'How confident are you, 1 to 3' },
    choices: [1, 2, 3].map((value) => ({ value, label: { fr: String(value), en: String(value) } })),
  },
  {
    id: 'why',
    kind: 'text',
    required: false,
    requiredIf: { question: 'tools', value: 'none' },
    maxLength: 20,
    label: { fr: 'Pourquoi aucun ?', en: 'Why none?' },
  },
];

describe('positioning question set', () => {
  it('is the default set without a file, and the file’s own set with one', () => {
    expect(positioningQuestions(undefined)).toBe(DEFAULT_POSITIONING_QUESTIONS);
    expect(positioningQuestions(fileWith('own.json', JSON.stringify(ownSet)))).toEqual(ownSet);
  });

  it('refuses a file that is not JSON, or not a question set, saying what is wrong', () => {
    expect(() => positioningQuestions(fileWith('broken.json', '[{'))).toThrow(
      /POSITIONING_QUESTIONS_FILE .* is not readable JSON/,
    );
    expect(() => positioningQuestions(path.join(directory, 'missing.json'))).toThrow(/not readable JSON/);
    const twice = [ownSet[0], { ...ownSet[1], id: 'tools' }];
    expect(() => positioningQuestions(fileWith('twice.json', JSON.stringify(twice)))).toThrow(
      /id "tools" is used twice/,
    );
    const dangling = [ownSet[0], { ...ownSet[2], requiredIf: { question: 'nowhere', value: 'x' } }];
    expect(() => positioningQuestions(fileWith('dangling.json', JSON.stringify(dangling)))).toThrow(
      /requiredIf names no question "nowhere"/,
    );
    const englishless = [{ ...ownSet[2], label: { fr: 'Pourquoi ?' } }];
    expect(() => positioningQuestions(fileWith('englishless.json', JSON.stringify(englishless)))).toThrow(
      /label\.en/,
    );
    const tooLong = [{ ...ownSet[2], requiredIf: undefined, maxLength: 5000 }];
    expect(() => positioningQuestions(fileWith('long.json', JSON.stringify(tooLong)))).toThrow(/maxLength/);
  });

  it('keeps the default set valid by its own rules', () => {
    expect(
      positioningQuestions(fileWith('default.json', JSON.stringify(DEFAULT_POSITIONING_QUESTIONS))),
    ).toEqual(DEFAULT_POSITIONING_QUESTIONS);
  });
});

describe('answers read from a posted form', () => {
  it('stores a scale as a number and a choice or a text as its string, leaving out what was not answered', () => {
    const read = readAnswers(ownSet, { tools: 'calc', confidence: '2', why: '  ' }, 'fr');
    expect(read).toEqual({
      answers: { tools: 'calc', confidence: 2 },
      values: { tools: 'calc', confidence: '2', why: '' },
      errors: [],
    });
  });

  it('asks for a required answer, an answer required by another one, and refuses a choice not offered', () => {
    expect(readAnswers(ownSet, {}, 'fr').errors).toEqual([
      { field: 'tools', message: 'Choisissez une réponse à la question « Quel tableur utilisez-vous ? »' },
    ]);
    expect(readAnswers(ownSet, { tools: 'none', confidence: '7' }, 'en').errors).toEqual([
      {
        field: 'confidence',
        message: 'Choose one of the answers to the question “How confident are you, 1 to 3”',
      },
      { field: 'why', message: 'Answer the question “Why none?”' },
    ]);
    expect(readAnswers(ownSet, { tools: 'none', why: 'x'.repeat(21) }, 'fr').errors).toEqual([
      { field: 'why', message: 'Votre réponse dépasse 20 caractères : « Pourquoi aucun ? »' },
    ]);
  });

  it('says a question’s own words when it has them', () => {
    const worded: Question[] = [
      {
        ...(ownSet[0] as Question),
        missing: { fr: 'Choisissez votre tableur', en: 'Choose your spreadsheet' },
      },
    ];
    expect(readAnswers(worded, {}, 'en').errors).toEqual([
      { field: 'tools', message: 'Choose your spreadsheet' },
    ]);
  });

  it('marks optional questions as such and keeps what was typed', () => {
    const fields = questionFields(ownSet, 'en', [], { tools: 'excel', why: '<b>' }).value;
    expect(fields).toContain('<legend>How confident are you, 1 to 3 (optional)</legend>');
    expect(fields).toContain('<legend>Which spreadsheet do you use?</legend>');
    expect(fields).toMatch(/value="excel" checked/);
    expect(fields).toContain('&lt;b&gt;</textarea>');
  });
});

describe('satisfaction surveys', () => {
  it('asks what was applied since only in the cold survey, and requires the overall rating in both', () => {
    const ids = (kind: 'hot' | 'cold') => surveyQuestions(kind).map((question) => question.id);
    expect(ids('hot')).toEqual([
      'rating',
      'objectivesMet',
      'facilitatorRating',
      'organisationRating',
      'comment',
    ]);
    expect(ids('cold')).toEqual([
      'rating',
      'objectivesMet',
      'facilitatorRating',
      'organisationRating',
      'appliedSince',
      'comment',
    ]);
    for (const kind of ['hot', 'cold'] as const)
      expect(surveyQuestions(kind).find((question) => question.id === 'rating')?.required).toBe(true);
  });
});
