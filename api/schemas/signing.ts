import { Type } from 'typebox';
import { ATTENDANCE_STATUSES } from '../../workflows/messages/domain.ts';
import { MAX_SIGNATURE_BYTES } from '../signing/signature-image.ts';

const signature = Type.String({
  // base64 is 4/3 of the bytes, plus the data URL's prefix.
  maxLength: Math.ceil((MAX_SIGNATURE_BYTES * 4) / 3) + 64,
  description: `The drawn signature as a PNG data URL (data:image/png;base64,…), ${MAX_SIGNATURE_BYTES / 1024} KB at most`,
});
const halfDayIndex = Type.Integer({ minimum: 0, maximum: 59, description: 'Half-days are numbered from 0' });

export const SignBodySchema = Type.Object(
  { participantId: Type.String({ format: 'uuid' }), signature },
  { additionalProperties: false },
);

export const FacilitatorSignBodySchema = Type.Object(
  {
    participantId: Type.String({ format: 'uuid' }),
    halfDayIndex: Type.Optional({ ...halfDayIndex, description: 'By default, the half-day open now' }),
    signature,
  },
  { additionalProperties: false },
);

export const CountersignBodySchema = Type.Object(
  {
    halfDayIndex,
    facilitatorId: Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, description: 'By default, the lead facilitator' }),
    ),
    signature,
  },
  { additionalProperties: false },
);

const SigningHalfDaySchema = Type.Object({
  index: Type.Integer(),
  date: Type.String(),
  period: Type.Union([Type.Literal('morning'), Type.Literal('afternoon')]),
  startsAt: Type.String({ format: 'date-time' }),
  endsAt: Type.String({ format: 'date-time' }),
  signingClosesAt: Type.String({ format: 'date-time' }),
  open: Type.Boolean({ description: 'Participants may sign it now' }),
  countersignature: Type.Union([
    Type.Object({ facilitatorName: Type.String(), signedAt: Type.String({ format: 'date-time' }) }),
    Type.Null(),
  ]),
});

export const SigningStateSchema = Type.Object({
  session: Type.Object({
    title: Type.String(),
    clientName: Type.String(),
    startsAt: Type.String({ format: 'date-time' }),
    endsAt: Type.String({ format: 'date-time' }),
    timeZone: Type.String(),
    status: Type.String(),
    language: Type.String(),
  }),
  attendanceStatus: Type.Union(ATTENDANCE_STATUSES.map((status) => Type.Literal(status))),
  halfDays: Type.Array(SigningHalfDaySchema),
  openHalfDayIndex: Type.Union([Type.Integer(), Type.Null()]),
  participantLink: Type.Union([
    Type.Object({
      halfDayIndex: Type.Integer(),
      url: Type.String({ description: 'The participants’ link for the open half-day (the QR code)' }),
      code: Type.String(),
      shortUrl: Type.String({ description: 'The same, short enough to type: /e/<code>' }),
      expiresAt: Type.String({ format: 'date-time' }),
    }),
    Type.Null(),
  ]),
  participants: Type.Array(
    Type.Object({
      id: Type.String(),
      firstName: Type.String(),
      lastName: Type.String(),
      signed: Type.Array(Type.Boolean(), { description: 'One value per half-day' }),
    }),
  ),
  facilitators: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), lead: Type.Boolean() })),
});

export const HalfDaySigningSchema = Type.Object({
  session: Type.Object({
    title: Type.String(),
    timeZone: Type.String(),
    status: Type.String(),
    language: Type.String(),
  }),
  halfDay: SigningHalfDaySchema,
  participants: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String({ description: 'First name and initial of the last name' }),
      signed: Type.Boolean(),
    }),
  ),
});

export const SignedSchema = Type.Object({
  signatureId: Type.String({ format: 'uuid' }),
  signedAt: Type.String({ format: 'date-time' }),
});

export const SigningCodeParamsSchema = Type.Object({
  code: Type.String({ pattern: '^[A-Za-z0-9]{4,12}$' }),
});
