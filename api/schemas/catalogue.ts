import { Type } from 'typebox';
import { SESSION_KINDS } from '../../workflows/messages/domain.ts';
import { literalUnion } from './literal-union.ts';
import { oneLine } from './one-line.ts';

/**
 * The shape only: what each text must say, the programme's half-days and the question sets'
 * consistency are the rules' (workflows/rules/catalogue.ts), whose refusal names each field.
 */
const paragraph = (description: string) => Type.String({ maxLength: 4000, description });

const Words = Type.Object(
  { fr: Type.String({ maxLength: 500 }), en: Type.String({ maxLength: 500 }) },
  { additionalProperties: false },
);

const QuestionFields = {
  id: Type.String({ maxLength: 64, description: 'Answers are stored under it' }),
  label: Words,
  hint: Type.Optional(Words),
  missing: Type.Optional(Words),
  required: Type.Boolean(),
  requiredIf: Type.Optional(
    Type.Object(
      // Integer first: with type coercion on, a scale's 2 tried against a string first would become "2".
      { question: Type.String({ maxLength: 64 }), value: Type.Union([Type.Integer(), Type.String()]) },
      { additionalProperties: false },
    ),
  ),
};

const QuestionSchema = Type.Union([
  Type.Object(
    {
      ...QuestionFields,
      kind: Type.Literal('choice'),
      choices: Type.Array(
        Type.Object(
          { value: Type.Union([Type.Integer(), Type.String({ maxLength: 100 })]), label: Words },
          { additionalProperties: false },
        ),
        { maxItems: 10 },
      ),
      inline: Type.Optional(Type.Boolean()),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { ...QuestionFields, kind: Type.Literal('text'), maxLength: Type.Integer({ minimum: 1, maximum: 2000 }) },
    { additionalProperties: false },
  ),
]);

const QuestionSetSchema = (description: string) => Type.Array(QuestionSchema, { maxItems: 30, description });

export const OfferBodySchema = Type.Object(
  {
    title: oneLine(200, 'As the programme and the agreement name the action'),
    kind: literalUnion(SESSION_KINDS, 'Sessions of this offer are of this kind; it never changes'),
    trainingAction: Type.Boolean({
      description:
        'An action de formation (L6313-1): an agreement, a programme, a certificat de réalisation. True for trainings, false for workshops',
    }),
    objectives: Type.Array(Type.String({ maxLength: 1000 }), {
      maxItems: 20,
      description: 'Operational objectives, each something a learner can be assessed on',
    }),
    audience: paragraph('Public visé'),
    prerequisites: paragraph('Prérequis, or "Aucun"'),
    durationHours: Type.Number({ minimum: 0, maximum: 10_000, description: 'Hours, in quarter hours' }),
    programme: Type.Array(
      Type.Object(
        { title: Type.String({ maxLength: 300 }), content: paragraph('What the half-day covers') },
        { additionalProperties: false },
      ),
      { maxItems: 100, description: 'One step per half-day (2 to 3.5 hours each) for a training action' },
    ),
    teachingMethods: paragraph('Méthodes mobilisées'),
    assessmentMethod: paragraph("Modalités d'évaluation"),
    accessibility: paragraph('Accessibilité aux personnes en situation de handicap'),
    accessTime: Type.String({ maxLength: 300, description: "Délai d'accès, e.g. 2 à 4 semaines" }),
    trainerQualifications: paragraph("Trainers' qualifications (L6353-4)"),
    priceCents: Type.Integer({
      minimum: 0,
      maximum: 100_000_000,
      description: 'Price of one session, without VAT, in cents',
    }),
    positioningQuestions: QuestionSetSchema(
      'Asked before a session of this offer; empty: the default positioning questions',
    ),
    assessmentQuestions: QuestionSetSchema('The end-of-training assessment; may be empty'),
  },
  { additionalProperties: false },
);

export const OfferSchema = Type.Object({
  offerId: Type.String({ format: 'uuid' }),
  version: Type.Integer({ description: 'Sessions and documents name the version they use' }),
  versionDate: Type.String({ format: 'date', description: 'Set by the server when the version is written' }),
  placeholder: Type.Boolean({ description: "An install's starter offer staff have not made theirs yet" }),
  ...OfferBodySchema.properties,
});

const VersionSummarySchema = Type.Object({
  version: Type.Integer(),
  versionDate: Type.String({ format: 'date' }),
  placeholder: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  createdBy: Type.String(),
});

export const OfferRecordSchema = Type.Object({
  offer: OfferSchema,
  starter: Type.Boolean({ description: 'What documents describe a session that names no offer by' }),
  retiredAt: Type.Union([Type.Null(), Type.String({ format: 'date-time' })]),
  versions: Type.Array(VersionSummarySchema, { description: 'Newest first' }),
});

export const OfferListSchema = Type.Object({
  offers: Type.Array(
    Type.Object({
      offerId: Type.String({ format: 'uuid' }),
      kind: literalUnion(SESSION_KINDS),
      title: Type.String(),
      trainingAction: Type.Boolean(),
      durationHours: Type.Number(),
      priceCents: Type.Integer(),
      version: Type.Integer({ description: 'The newest, which a session planned now delivers' }),
      versionDate: Type.String({ format: 'date' }),
      placeholder: Type.Boolean(),
      starter: Type.Boolean(),
      retiredAt: Type.Union([Type.Null(), Type.String({ format: 'date-time' })]),
    }),
    { description: 'By kind, then title' },
  ),
});

export const OfferListQuerySchema = Type.Object({
  includeRetired: Type.Optional(Type.Boolean({ default: false, description: 'List retired offers too' })),
});

export const OfferParamsSchema = Type.Object({ offerId: Type.String({ format: 'uuid' }) });

export const OfferVersionParamsSchema = Type.Object({
  offerId: Type.String({ format: 'uuid' }),
  version: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
});

/** What a session answer says of the offer it delivers. */
export const SessionOfferSchema = Type.Union(
  [
    Type.Null(),
    Type.Object({
      offerId: Type.String({ format: 'uuid' }),
      version: Type.Integer(),
      title: Type.String(),
    }),
  ],
  { description: 'The catalogue version the session delivers; null: the starter offer of its kind' },
);
