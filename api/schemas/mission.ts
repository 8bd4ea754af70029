import { Type } from 'typebox';
import { LANGUAGES, SECTORS, SESSION_KINDS, SESSION_STATUSES } from '../../workflows/messages/domain.ts';
import { DEAL_TYPES, MISSION_STATUSES } from '../../workflows/messages/mission.ts';
import { SessionOfferSchema } from './catalogue.ts';
import { literalUnion } from './literal-union.ts';
import { oneLine } from './one-line.ts';

export const SectorSchema = literalUnion(
  SECTORS,
  'Decides which rules apply (volunteers and optional registration only in education)',
);
export const DealTypeSchema = literalUnion(
  DEAL_TYPES,
  'subcontracting: the association bills the client; client_introduction: no payouts',
);
export const SessionKindSchema = literalUnion(SESSION_KINDS);
export const MissionStatusSchema = literalUnion(MISSION_STATUSES);
export const SessionStatusSchema = literalUnion(SESSION_STATUSES);
export const LanguageSchema = literalUnion(
  LANGUAGES,
  'Language of e-mails and documents for the session (legal documents are always French)',
);

const nonBlank = (maxLength: number, description?: string) =>
  Type.String({ minLength: 1, maxLength, pattern: '\\S', ...(description ? { description } : {}) });

export const OrderLineSchema = Type.Object(
  {
    kind: SessionKindSchema,
    quantity: Type.Integer({
      minimum: 1,
      maximum: 1000,
      description: 'Sessions of this kind the client ordered',
    }),
    participantsPerSession: Type.Integer({ minimum: 1, maximum: 500 }),
    unitPriceCents: Type.Integer({
      minimum: 0,
      maximum: 100_000_000,
      description: 'Price of one session, in euro cents',
    }),
    offerId: Type.Optional(
      Type.String({
        format: 'uuid',
        description:
          "The catalogue offer of this kind that the line's sessions deliver unless planned with another",
      }),
    ),
  },
  { additionalProperties: false },
);

export const OrderLinesSchema = Type.Array(OrderLineSchema, { minItems: 1, maxItems: 2 });

const ContactSchema = Type.Object(
  {
    id: oneLine(100, "The person's id in the association's directory"),
    name: oneLine(200),
    email: Type.String({ format: 'email', maxLength: 254 }),
  },
  { additionalProperties: false, description: 'The coordinator who won the order' },
);

export const CreateMissionBodySchema = Type.Object(
  {
    title: oneLine(200, 'What the client bought, e.g. "Ateliers climat 2027"'),
    client: Type.Object({ name: oneLine(200, 'The client organisation') }, { additionalProperties: false }),
    sector: SectorSchema,
    dealType: DealTypeSchema,
    coordinator: ContactSchema,
    endDate: Type.String({
      format: 'date',
      description: 'Every session must have taken place by this date (YYYY-MM-DD)',
    }),
    orderLines: OrderLinesSchema,
  },
  { additionalProperties: false },
);

const LocationSchema = Type.Union([
  Type.Object({ mode: Type.Literal('onsite'), address: nonBlank(500) }, { additionalProperties: false }),
  Type.Object(
    {
      mode: Type.Literal('online'),
      url: Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2000 }),
    },
    { additionalProperties: false },
  ),
]);

const instant = (description: string) => Type.String({ format: 'date-time', description });

export const PlanSessionBodySchema = Type.Object(
  {
    kind: SessionKindSchema,
    title: oneLine(200),
    startsAt: instant('Start, ISO 8601 with offset; must be in the future'),
    endsAt: instant('End, after the start'),
    location: LocationSchema,
    language: Type.Optional(LanguageSchema),
    timeZone: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        description: 'IANA zone times are shown in; Europe/Paris by default',
      }),
    ),
    capacity: Type.Integer({
      minimum: 1,
      maximum: 500,
      description: 'At most the participants per session the order allows',
    }),
    otherFacilitators: Type.Integer({
      minimum: 0,
      maximum: 20,
      description: 'Facilitators besides the lead; opens as many slots',
    }),
    offerId: Type.Optional(
      Type.String({
        format: 'uuid',
        description:
          "The catalogue offer the session delivers, at its newest version; by default the order line's, else none",
      }),
    ),
  },
  { additionalProperties: false },
);

export const MoveSessionBodySchema = Type.Object(
  {
    startsAt: instant('New start, in the future'),
    endsAt: instant('New end, after the start'),
    offerId: Type.Optional(
      Type.String({
        format: 'uuid',
        description: 'Another catalogue offer of its kind for the session, at its newest version',
      }),
    ),
  },
  { additionalProperties: false },
);

export const ReasonBodySchema = Type.Object(
  { reason: nonBlank(1000, 'Told to the people concerned') },
  { additionalProperties: false },
);

export const AmendOrderBodySchema = Type.Object(
  { orderLines: OrderLinesSchema },
  { additionalProperties: false },
);

export const SessionSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    kind: SessionKindSchema,
    title: Type.String(),
    startsAt: Type.String({ format: 'date-time' }),
    endsAt: Type.String({ format: 'date-time' }),
    location: Type.Union([
      Type.Object({ mode: Type.Literal('onsite'), address: Type.String() }),
      Type.Object({ mode: Type.Literal('online'), url: Type.String() }),
    ]),
    language: LanguageSchema,
    timeZone: Type.String(),
    capacity: Type.Integer(),
    otherFacilitators: Type.Integer(),
    status: SessionStatusSchema,
    cancellationReason: Type.Union([Type.String(), Type.Null()]),
    offer: SessionOfferSchema,
    workflowId: Type.String(),
  },
  { $id: 'Session' },
);

const CounterSchema = Type.Object({
  kind: SessionKindSchema,
  ordered: Type.Integer(),
  planned: Type.Integer(),
  remaining: Type.Integer(),
});

const missionFields = {
  id: Type.String({ format: 'uuid' }),
  title: Type.String(),
  client: Type.Object({ name: Type.String() }),
  sector: SectorSchema,
  dealType: DealTypeSchema,
  coordinator: Type.Object({ id: Type.String(), name: Type.String(), email: Type.String() }),
  status: MissionStatusSchema,
  cancellationReason: Type.Union([Type.String(), Type.Null()]),
  endDate: Type.String({ format: 'date' }),
  nextDeadline: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'The next thing that happens by itself (reminder, session start or end)',
  }),
  orderLines: Type.Array(OrderLineSchema),
  counters: Type.Array(CounterSchema, { description: 'Planned vs ordered sessions per kind' }),
  workflowId: Type.String({ description: 'Find the mission in the Temporal Web UI by this id' }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  version: Type.Integer(),
};

export const MissionSummarySchema = Type.Object(missionFields, { $id: 'MissionSummary' });

export const MissionSchema = Type.Object(
  { ...missionFields, sessions: Type.Array(Type.Ref('Session')) },
  { $id: 'Mission' },
);

export const MissionPageSchema = Type.Object({
  items: Type.Array(Type.Ref('MissionSummary')),
  nextCursor: Type.Union([Type.String(), Type.Null()], {
    description: 'Pass as `cursor` to read the next page',
  }),
});

export const MissionListQuerySchema = Type.Object(
  {
    status: Type.Optional(MissionStatusSchema),
    coordinatorId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    client: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Exact client name' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const MissionIdParamsSchema = Type.Object({ missionId: Type.String({ format: 'uuid' }) });

export const SessionParamsSchema = Type.Object({
  missionId: Type.String({ format: 'uuid' }),
  sessionId: Type.String({ format: 'uuid' }),
});

export const IdempotencyHeadersSchema = Type.Object({
  'idempotency-key': Type.String({
    minLength: 8,
    maxLength: 200,
    description:
      'A key you choose per creation; retrying with the same key and body returns the same mission',
  }),
});

export const OptionalIdempotencyHeadersSchema = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 8,
      maxLength: 200,
      description: 'Retrying a command with the same key applies it once',
    }),
  ),
});
