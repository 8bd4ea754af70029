/**
 * The questions participants answer from their e-mails: the positioning test before a training
 * (its default set below, or a JSON file named by POSITIONING_QUESTIONS_FILE, checked when the
 * API starts) and the hot and cold satisfaction surveys after it (Qualiopi indicator 30).
 * Every question speaks French and English; answers are stored keyed by the question's id.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { TrainingOffer } from '../workflows/rules/catalogue.ts';
import {
  objectiveQuestionId,
  type SelfAssessmentLevel,
} from '../workflows/rules/end-of-training-assessment.ts';
import { positioningQuestionsFile } from './environment.ts';
import { type ChoiceQuestion, type Question, questionSet } from './question-schema.ts';

const yesNo = [
  { value: 'yes', label: { fr: 'Oui', en: 'Yes' } },
  { value: 'no', label: { fr: 'Non', en: 'No' } },
];

/** What a training provider asks before a training, so the trainer can adapt it (Qualiopi indicators 4, 8 and 26). */
export const DEFAULT_POSITIONING_QUESTIONS: Question[] = [
  {
    id: 'level',
    kind: 'choice',
    required: true,
    label: {
      fr: 'Où en êtes-vous aujourd’hui sur le sujet de la formation ?',
      en: 'Where do you stand today on the subject of the training?',
    },
    missing: { fr: 'Choisissez où vous en êtes sur le sujet', en: 'Choose where you stand on the subject' },
    // Short enough to sit beside their radio button on a 360 px phone.
    choices: [
      { value: 1, label: { fr: '1 — Je découvre le sujet', en: '1 — I am new to it' } },
      { value: 2, label: { fr: '2 — J’en ai des notions', en: '2 — I know a little' } },
      { value: 3, label: { fr: '3 — Je le pratique parfois', en: '3 — I practise it sometimes' } },
      { value: 4, label: { fr: '4 — Je le pratique souvent', en: '4 — I practise it often' } },
    ],
  },
  {
    id: 'experience',
    kind: 'text',
    required: false,
    maxLength: 2000,
    label: {
      fr: 'Quelle expérience avez-vous du sujet, au travail ou ailleurs ?',
      en: 'What experience do you have of the subject, at work or elsewhere?',
    },
    hint: { fr: 'Quelques mots suffisent.', en: 'A few words are enough.' },
  },
  {
    id: 'expectations',
    kind: 'text',
    required: true,
    maxLength: 2000,
    label: {
      fr: 'Qu’attendez-vous de cette formation ?',
      en: 'What do you expect from this training?',
    },
    missing: {
      fr: 'Dites ce que vous attendez de la formation',
      en: 'Say what you expect from the training',
    },
    hint: {
      fr: 'Ce que vous aimeriez savoir faire après, une situation que vous voulez mieux gérer…',
      en: 'What you would like to be able to do afterwards, a situation you want to handle better…',
    },
  },
  {
    id: 'prerequisites',
    kind: 'choice',
    required: true,
    inline: true,
    label: {
      fr: 'Avez-vous les prérequis indiqués dans le programme de la formation ?',
      en: 'Do you meet the prerequisites stated in the training’s programme?',
    },
    missing: { fr: 'Dites si vous avez les prérequis', en: 'Say whether you meet the prerequisites' },
    hint: {
      fr: 'En cas de doute, répondez non : votre formateur·ice fera le point avec vous.',
      en: 'If in doubt, answer no: your trainer will go over it with you.',
    },
    choices: yesNo,
  },
  {
    id: 'adaptationNeeded',
    kind: 'choice',
    required: true,
    inline: true,
    label: {
      fr: 'Avez-vous besoin d’une adaptation pour suivre la formation ?',
      en: 'Do you need any adaptation to follow the training?',
    },
    missing: { fr: 'Dites si vous avez besoin d’une adaptation', en: 'Say whether you need an adaptation' },
    hint: {
      fr: 'Situation de handicap, accessibilité du lieu, rythme, supports, horaires…',
      en: 'Disability, access to the venue, pace, materials, hours…',
    },
    choices: yesNo,
  },
  {
    id: 'adaptationDetails',
    kind: 'text',
    required: false,
    requiredIf: { question: 'adaptationNeeded', value: 'yes' },
    maxLength: 2000,
    label: {
      fr: 'Si oui, de quoi auriez-vous besoin ?',
      en: 'If so, what would you need?',
    },
    missing: {
      fr: 'Dites de quelle adaptation vous auriez besoin',
      en: 'Say what adaptation you would need',
    },
    hint: {
      fr: 'Seules les personnes qui organisent et animent la formation le liront, pour l’adapter.',
      en: 'Only the people who organise and run the training will read it, to adapt it.',
    },
  },
];

/** The default set, or the file's set when POSITIONING_QUESTIONS_FILE names one; a bad file stops the start with what is wrong. */
export function positioningQuestions(file = positioningQuestionsFile()): Question[] {
  if (!file) return DEFAULT_POSITIONING_QUESTIONS;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`POSITIONING_QUESTIONS_FILE (${file}) is not readable JSON: ${(error as Error).message}`);
  }
  const parsed = questionSet.safeParse(raw);
  if (!parsed.success)
    throw new Error(
      `POSITIONING_QUESTIONS_FILE (${file}) is not a valid question set:\n${z.prettifyError(parsed.error)}`,
    );
  return parsed.data;
}

/** Each point says what it means, so a screen reader announces more than a digit; one per line on a phone. */
const SATISFACTION = [
  { value: 1, label: { fr: '1 — Pas du tout satisfait·e', en: '1 — Not at all satisfied' } },
  { value: 2, label: { fr: '2 — Peu satisfait·e', en: '2 — Not very satisfied' } },
  { value: 3, label: { fr: '3 — Moyennement satisfait·e', en: '3 — Fairly satisfied' } },
  { value: 4, label: { fr: '4 — Satisfait·e', en: '4 — Satisfied' } },
  { value: 5, label: { fr: '5 — Très satisfait·e', en: '5 — Very satisfied' } },
];

/**
 * The satisfaction survey (Qualiopi indicator 30): the overall rating and the comment have their
 * own columns (`rating`, `comment`); every other answer goes into `answers` under its id.
 */
export function surveyQuestions(kind: 'hot' | 'cold'): Question[] {
  return [
    {
      id: 'rating',
      kind: 'choice',
      required: true,
      missing: { fr: 'Choisissez votre note globale', en: 'Choose your overall rating' },
      label:
        kind === 'hot'
          ? {
              fr: 'Dans l’ensemble, êtes-vous satisfait·e de la formation ?',
              en: 'Overall, are you satisfied with the training?',
            }
          : {
              fr: 'Avec le recul, êtes-vous satisfait·e de la formation ?',
              en: 'Looking back, are you satisfied with the training?',
            },
      choices: SATISFACTION,
    },
    {
      id: 'objectivesMet',
      kind: 'choice',
      required: true,
      inline: true,
      missing: {
        fr: 'Dites si la formation a atteint ses objectifs',
        en: 'Say whether the training met its objectives',
      },
      label: {
        fr: 'La formation a-t-elle atteint ses objectifs pour vous ?',
        en: 'Did the training meet its objectives for you?',
      },
      choices: [
        { value: 'yes', label: { fr: 'Oui', en: 'Yes' } },
        { value: 'partly', label: { fr: 'En partie', en: 'Partly' } },
        { value: 'no', label: { fr: 'Non', en: 'No' } },
      ],
    },
    {
      id: 'facilitatorRating',
      kind: 'choice',
      required: true,
      missing: { fr: 'Choisissez une note pour l’animation', en: 'Choose a rating for how it was led' },
      label: {
        fr: 'Êtes-vous satisfait·e de l’animation (clarté, écoute, rythme) ?',
        en: 'Are you satisfied with how it was led (clarity, listening, pace)?',
      },
      choices: SATISFACTION,
    },
    {
      id: 'organisationRating',
      kind: 'choice',
      required: true,
      missing: { fr: 'Choisissez une note pour l’organisation', en: 'Choose a rating for the organisation' },
      label: {
        fr: 'Êtes-vous satisfait·e de l’organisation (informations reçues, lieu, horaires, supports) ?',
        en: 'Are you satisfied with the organisation (information received, venue, hours, materials)?',
      },
      choices: SATISFACTION,
    },
    ...(kind === 'cold'
      ? [
          {
            id: 'appliedSince',
            kind: 'text',
            required: false,
            maxLength: 4000,
            label: {
              fr: 'Qu’avez-vous mis en pratique depuis la formation ?',
              en: 'What have you put into practice since the training?',
            },
            hint: {
              fr: 'Une méthode, un geste, une habitude… ou ce qui vous en a empêché.',
              en: 'A method, a skill, a habit… or what stopped you.',
            },
          } satisfies Question,
        ]
      : []),
    {
      id: 'comment',
      kind: 'text',
      required: false,
      maxLength: 4000,
      label: { fr: 'Un commentaire, une suggestion ?', en: 'Any comment or suggestion?' },
    },
  ];
}

/**
 * The self-assessment asked for each objective of a training at its end; the attestation de fin
 * de formation turns each answer into acquis / en cours d'acquisition / non acquis
 * (workflows/rules/end-of-training-assessment.ts). Short enough to sit on one line at 360 px.
 */
const SELF_ASSESSMENT: ChoiceQuestion['choices'] = [
  {
    value: 'acquired' satisfies SelfAssessmentLevel,
    label: { fr: 'Je sais le faire', en: 'I can do it' },
  },
  {
    value: 'partly' satisfies SelfAssessmentLevel,
    label: { fr: 'Je sais le faire en partie', en: 'I can partly do it' },
  },
  {
    value: 'notYet' satisfies SelfAssessmentLevel,
    label: { fr: 'Je ne sais pas encore le faire', en: 'I cannot do it yet' },
  },
];

/** Asked when the offer has no assessment questions of its own. */
const CAN_NOW_DO: Question = {
  id: 'canNowDo',
  kind: 'text',
  required: false,
  maxLength: 2000,
  label: {
    fr: 'Que savez-vous faire maintenant que vous ne saviez pas faire avant la formation ?',
    en: 'What can you do now that you could not do before the training?',
  },
  hint: {
    fr: 'Un exemple concret de votre travail suffit.',
    en: 'One concrete example from your work is enough.',
  },
};

/** The prefix of the offer's own questions on the page, so they can never take an objective's field. */
export const EXTRA_QUESTION_PREFIX = 'extra-';

/**
 * The end-of-training assessment page: one self-assessment per objective of the offer version the
 * session delivered (the objectives are the catalogue's words, in French on both pages: they are
 * what the attestation prints), then the offer's own assessment questions, or, when it has none,
 * what the trainee can now do.
 */
export function endOfTrainingAssessmentQuestions(
  offer: Pick<TrainingOffer, 'objectives' | 'assessmentQuestions'>,
): { objectives: ChoiceQuestion[]; extra: Question[] } {
  const objectives = offer.objectives.map(
    (objective, index): ChoiceQuestion => ({
      id: objectiveQuestionId(index),
      kind: 'choice',
      required: true,
      label: {
        fr: `Objectif ${index + 1} : ${objective}`,
        en: `Objective ${index + 1}: ${objective}`,
      },
      missing: {
        fr: `Dites où vous en êtes pour l’objectif ${index + 1}`,
        en: `Say where you stand on objective ${index + 1}`,
      },
      choices: SELF_ASSESSMENT,
    }),
  );
  const extra = (offer.assessmentQuestions.length > 0 ? offer.assessmentQuestions : [CAN_NOW_DO]).map(
    (question) => ({
      ...question,
      id: `${EXTRA_QUESTION_PREFIX}${question.id}`,
      ...(question.requiredIf
        ? {
            requiredIf: {
              ...question.requiredIf,
              question: `${EXTRA_QUESTION_PREFIX}${question.requiredIf.question}`,
            },
          }
        : {}),
    }),
  );
  return { objectives, extra };
}
