import { Type } from 'typebox';
import { MANAGER_SILENCE_OUTCOMES } from '../../workflows/policy.ts';
import { literalUnion } from './literal-union.ts';
import { oneLine } from './one-line.ts';

export const ClientParamsSchema = Type.Object({
  clientName: oneLine(200, "The client's name, exactly as its missions carry it"),
});

const ManagerSilenceSchema = literalUnion(
  MANAGER_SILENCE_OUTCOMES,
  "What a manager's silence means at the approval deadline: keep waiting, approve, or refuse",
);

export const ClientSettingsBodySchema = Type.Object(
  { managerSilence: ManagerSilenceSchema },
  { additionalProperties: false },
);

export const ClientSettingsSchema = Type.Object({
  clientName: Type.String(),
  managerSilence: ManagerSilenceSchema,
  source: Type.Union([Type.Literal('client'), Type.Literal('default')], {
    description: "client: the client's own choice; default: the client has none and the default applies",
  }),
  defaultManagerSilence: literalUnion(MANAGER_SILENCE_OUTCOMES, 'What applies to clients without a choice'),
  updatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  updatedBy: Type.Union([Type.String(), Type.Null()]),
});
