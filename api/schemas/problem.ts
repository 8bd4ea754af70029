import { Type } from 'typebox';

export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'URI reference naming the kind of problem' }),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String({ description: 'Stable machine-readable code, e.g. ORDER_QUANTITY_EXCEEDED' }),
    detail: Type.String({ description: 'What went wrong, for a person' }),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
    violations: Type.Optional(Type.Array(Type.Object({ code: Type.String(), message: Type.String() }))),
  },
  { $id: 'Problem', title: 'Problem details (RFC 9457)', additionalProperties: true },
);

export const problemRef = Type.Ref('Problem');

/** The problem responses a route may answer with, for its OpenAPI description. */
export function problemResponses(...statuses: number[]): Record<number, typeof problemRef> {
  return Object.fromEntries(statuses.map((status) => [status, problemRef]));
}
