/**
 * What a question is, for every question set (positioning test, surveys, the end-of-training
 * assessment, a catalogue offer's own questions): one schema, so a set staff type into the
 * catalogue is checked exactly as the default sets and POSITIONING_QUESTIONS_FILE are.
 */
import { z } from 'zod';

const words = z.object({ fr: z.string().trim().min(1).max(500), en: z.string().trim().min(1).max(500) });

/** Answers are stored by id through the positioning route's schema: short keys, texts under 2 000 characters. */
const question = z
  .object({
    id: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, 'a letter then letters, digits, _ or -'),
    label: words,
    hint: words.optional(),
    /** What the message beside the question says when it is left unanswered (else a generic one quoting the question). */
    missing: words.optional(),
    required: z.boolean(),
    /** Required only when another question has this answer ("which adaptation?" after "yes"). */
    requiredIf: z.object({ question: z.string(), value: z.union([z.string(), z.number()]) }).optional(),
  })
  .and(
    z.discriminatedUnion('kind', [
      z.object({
        kind: z.literal('choice'),
        /** Numbers for a scale (stored as numbers), strings otherwise. */
        choices: z
          .array(z.object({ value: z.union([z.string().min(1).max(100), z.number().int()]), label: words }))
          .min(2)
          .max(10),
        inline: z.boolean().optional(),
      }),
      z.object({ kind: z.literal('text'), maxLength: z.number().int().min(1).max(2000) }),
    ]),
  );

export type Question = z.infer<typeof question>;
export type ChoiceQuestion = Extract<Question, { kind: 'choice' }>;

export const questionSet = z
  .array(question)
  .min(1)
  .max(30)
  .superRefine((questions, context) => {
    const ids = questions.map((each) => each.id);
    for (const [index, each] of questions.entries()) {
      if (ids.indexOf(each.id) !== index)
        context.addIssue({ code: 'custom', path: [index, 'id'], message: `id "${each.id}" is used twice` });
      if (each.kind === 'choice') {
        const values = each.choices.map((choice) => String(choice.value));
        if (new Set(values).size !== values.length)
          context.addIssue({
            code: 'custom',
            path: [index, 'choices'],
            message: 'two choices share a value',
          });
      }
      const condition = each.requiredIf;
      const other = condition && questions.find((candidate) => candidate.id === condition.question);
      if (condition && !other)
        context.addIssue({
          code: 'custom',
          path: [index, 'requiredIf'],
          message: `requiredIf names no question "${condition.question}"`,
        });
    }
  });
