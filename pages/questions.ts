/**
 * A question set (config/question-sets.ts) as form fields, and a posted form read back into
 * answers keyed by question id, with a message beside each question left unanswered.
 */
import type { Question } from '../config/question-schema.ts';
import { radios, textArea } from './forms.ts';
import { type Html, html } from './html.ts';
import type { Language } from './i18n.ts';
import type { FieldError } from './layout.ts';
import { field } from './page-context.ts';

const T = {
  choose: { fr: 'Choisissez une réponse à la question', en: 'Choose an answer to the question' },
  write: { fr: 'Répondez à la question', en: 'Answer the question' },
  unknown: {
    fr: 'Choisissez une des réponses proposées à la question',
    en: 'Choose one of the answers to the question',
  },
  tooLong: { fr: 'Votre réponse dépasse', en: 'Your answer is longer than' },
  characters: { fr: 'caractères', en: 'characters' },
  optional: { fr: '(facultatif)', en: '(optional)' },
};

const quoted = (text: string, language: Language) => (language === 'fr' ? `« ${text} »` : `“${text}”`);

export function questionField(
  question: Question,
  language: Language,
  errors: FieldError[],
  value: string | undefined,
): Html {
  const label =
    question.required || question.requiredIf
      ? question.label[language]
      : `${question.label[language]} ${T.optional[language]}`;
  const hint = question.hint?.[language];
  if (question.kind === 'choice')
    return radios({
      id: question.id,
      label,
      hint,
      errors,
      value,
      inline: question.inline,
      choices: question.choices.map((choice) => ({
        value: String(choice.value),
        label: choice.label[language],
      })),
    });
  return textArea({ id: question.id, label, hint, errors, value, maxlength: question.maxLength });
}

export function questionFields(
  questions: Question[],
  language: Language,
  errors: FieldError[],
  values: Record<string, string>,
): Html {
  return html`${questions.map((question) => questionField(question, language, errors, values[question.id]))}`;
}

export interface ReadAnswers {
  /** Each answered question's value: the choice's own value (a number on a scale), or the text. */
  answers: Record<string, string | number>;
  /** What was posted, to fill the form again when it has errors. */
  values: Record<string, string>;
  errors: FieldError[];
}

export function readAnswers(questions: Question[], body: unknown, language: Language): ReadAnswers {
  const values = Object.fromEntries(questions.map((question) => [question.id, field(body, question.id)]));
  const answers: Record<string, string | number> = {};
  const errors: FieldError[] = [];
  for (const question of questions) {
    const raw = values[question.id] ?? '';
    const label = quoted(question.label[language], language);
    if (question.kind === 'choice') {
      const choice = question.choices.find((candidate) => String(candidate.value) === raw);
      if (choice) answers[question.id] = choice.value;
      else if (raw !== '') errors.push({ field: question.id, message: `${T.unknown[language]} ${label}` });
    } else if (raw.length > question.maxLength) {
      errors.push({
        field: question.id,
        message: `${T.tooLong[language]} ${question.maxLength} ${T.characters[language]}${language === 'fr' ? ' :' : ':'} ${label}`,
      });
    } else if (raw !== '') answers[question.id] = raw;
  }
  for (const question of questions) {
    const condition = question.requiredIf;
    const required =
      question.required ||
      (condition !== undefined && String(answers[condition.question]) === String(condition.value));
    if (
      required &&
      answers[question.id] === undefined &&
      !errors.some((error) => error.field === question.id)
    )
      errors.push({
        field: question.id,
        message:
          question.missing?.[language] ??
          `${(question.kind === 'choice' ? T.choose : T.write)[language]} ${quoted(question.label[language], language)}`,
      });
  }
  // The summary lists the errors in the order of the questions on the page.
  const order = questions.map((question) => question.id);
  errors.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
  return { answers, values, errors };
}
