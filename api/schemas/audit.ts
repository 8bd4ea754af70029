import { Type } from 'typebox';

export const AuditMissionParamsSchema = Type.Object({
  missionId: Type.String({ format: 'uuid' }),
});

const TextSchema = Type.Object({
  fr: Type.String(),
  en: Type.String(),
});

const FindingSchema = Type.Object({
  code: Type.String({
    description: 'Stable code, e.g. HOURS_MISMATCH, CERTIFICATE_HOURS_UNBACKED, AGREEMENT_MISSING',
  }),
  severity: Type.Union([Type.Literal('mismatch'), Type.Literal('missing')], {
    description:
      'A mismatch holds certificates and payouts back; a missing piece is listed for staff to complete.',
  }),
  sessionId: Type.String(),
  documentIds: Type.Array(Type.String(), { description: 'The documents concerned (latest versions).' }),
  participantIds: Type.Array(Type.String()),
  problem: TextSchema,
  fix: TextSchema,
});

export const AuditReportSchema = Type.Object({
  missionId: Type.String(),
  sessionId: Type.Union([Type.String(), Type.Null()]),
  consistent: Type.Boolean({ description: 'True when no session has any finding.' }),
  sessions: Type.Array(
    Type.Object({
      sessionId: Type.String(),
      title: Type.String(),
      kind: Type.String(),
      findings: Type.Array(FindingSchema),
    }),
  ),
});

export const ReleaseAuditHoldBodySchema = Type.Object(
  {
    reason: Type.String({
      minLength: 1,
      maxLength: 1000,
      pattern: '\\S',
      description:
        'Why the certificates may go out although the documents disagree; kept in the audit trail.',
    }),
  },
  { additionalProperties: false },
);
