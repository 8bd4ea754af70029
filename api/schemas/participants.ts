import { Type } from 'typebox';
import { ATTENDANCE_STATUSES } from '../../workflows/messages/domain.ts';
import { PERSON_NAME_PATTERN } from '../../workflows/rules/registration.ts';

const name = Type.String({
  minLength: 1,
  maxLength: 60,
  pattern: PERSON_NAME_PATTERN,
  description:
    'Starts with a letter; letters, numerals, spaces, hyphens, apostrophes and dots (a name, nothing else).',
});

export const NewParticipantSchema = Type.Object(
  { email: Type.String({ format: 'email', maxLength: 254 }), firstName: name, lastName: name },
  { additionalProperties: false },
);

export const RegisterBodySchema = Type.Object(
  { participants: Type.Array(NewParticipantSchema, { minItems: 1, maxItems: 500 }) },
  { additionalProperties: false },
);

export const ParticipantParamsSchema = Type.Object({
  missionId: Type.String({ format: 'uuid' }),
  sessionId: Type.String({ format: 'uuid' }),
  participantId: Type.String({ format: 'uuid' }),
});

export const AttendanceBodySchema = Type.Object(
  {
    presence: Type.Array(
      Type.Object(
        {
          participantId: Type.String({ format: 'uuid' }),
          halfDays: Type.Array(Type.Boolean(), {
            maxItems: 60,
            description: 'One value per half-day, in order: present or not',
          }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 500 },
    ),
  },
  { additionalProperties: false },
);

export const NonCompliantBodySchema = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 1000, pattern: '\\S' }) },
  { additionalProperties: false },
);

const HalfDaySchema = Type.Object({
  date: Type.String(),
  period: Type.Union([Type.Literal('morning'), Type.Literal('afternoon')]),
  startsAt: Type.String({ format: 'date-time' }),
  endsAt: Type.String({ format: 'date-time' }),
  content: Type.String(),
});

export const FollowUpSchema = Type.Object(
  {
    sessionId: Type.String({ format: 'uuid' }),
    participants: Type.Array(
      Type.Object({
        id: Type.String({ format: 'uuid' }),
        email: Type.String(),
        firstName: Type.String(),
        lastName: Type.String(),
        registeredAt: Type.String({ format: 'date-time' }),
        convocationSent: Type.Boolean(),
        certificateSent: Type.Boolean(),
        certificateFlag: Type.Union([Type.Literal('non_compliant_sheet'), Type.Null()], {
          description:
            'non_compliant_sheet: the certificate was sent, then staff judged the sheet behind its hours ' +
            'non-compliant; staff decide what becomes of it',
        }),
        hoursAttended: Type.Union([Type.Number(), Type.Null()]),
        signedHalfDays: Type.Array(Type.Boolean(), {
          description: 'Digital signing: whether the participant signed each half-day, in order',
        }),
        assessment: Type.Union(
          [
            Type.Object({
              answerBy: Type.String({ format: 'date-time' }),
              answeredAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
              attestation: Type.Union(
                [Type.Literal('pending'), Type.Literal('sent'), Type.Literal('failed')],
                {
                  description:
                    'The attestation de fin de formation (L6353-1): pending until the trainee answers or answerBy ' +
                    'passes; failed when it could not be built',
                },
              ),
            }),
            Type.Null(),
          ],
          {
            description:
              "A training action's end-of-training assessment, asked once the participant's certificate went out; " +
              'null before, and for workshops',
          },
        ),
      }),
    ),
    attendance: Type.Object({
      status: Type.Union(ATTENDANCE_STATUSES.map((status) => Type.Literal(status))),
      halfDays: Type.Array(HalfDaySchema),
      recordedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
      nonComplianceReason: Type.Union([Type.String(), Type.Null()]),
      attendanceSheetAvailable: Type.Boolean(),
      signedSheetUploaded: Type.Boolean(),
      countersignedHalfDays: Type.Array(Type.Integer(), {
        description: 'Digital signing: the half-days (numbered from 0) a facilitator countersigned',
      }),
    }),
  },
  { $id: 'FollowUp' },
);

export const PositioningBodySchema = Type.Object(
  {
    answers: Type.Record(
      Type.String({ maxLength: 100 }),
      Type.Union([Type.String({ maxLength: 2000 }), Type.Number(), Type.Boolean()]),
      { maxProperties: 100 },
    ),
  },
  { additionalProperties: false },
);

export const SurveyBodySchema = Type.Object(
  {
    rating: Type.Integer({
      minimum: 1,
      maximum: 5,
      description: 'Overall rating, 1 (poor) to 5 (excellent).',
    }),
    comment: Type.Optional(Type.String({ maxLength: 4000 })),
    answers: Type.Optional(
      Type.Record(
        Type.String({ maxLength: 100 }),
        Type.Union([Type.String({ maxLength: 4000 }), Type.Integer()]),
        {
          maxProperties: 20,
          description:
            'The rest of the questionnaire by question id (see the survey page): objectivesMet, facilitatorRating, organisationRating, appliedSince.',
        },
      ),
    ),
  },
  { additionalProperties: false },
);

export const SurveySummarySchema = Type.Array(
  Type.Object({
    kind: Type.Union([Type.Literal('hot'), Type.Literal('cold')]),
    answers: Type.Integer(),
    averageRating: Type.Union([Type.Number(), Type.Null()]),
  }),
);

export const EmailLogSchema = Type.Array(
  Type.Object({
    recipient: Type.String(),
    template: Type.String(),
    language: Type.String(),
    subject: Type.String(),
    status: Type.Union([Type.Literal('sent'), Type.Literal('rejected')]),
    provider: Type.String(),
    sentAt: Type.String({ format: 'date-time' }),
  }),
);
