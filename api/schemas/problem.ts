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

/** A problem response as OpenAPI describes it: RFC 9457's own media type, not plain JSON. */
export interface ProblemResponse {
  description: string;
  content: { 'application/problem+json': { schema: typeof problemRef } };
}

const problem = (description: string): ProblemResponse => ({
  description,
  content: { 'application/problem+json': { schema: problemRef } },
});

const DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed request (body not JSON, unreadable)',
  401: 'Missing, invalid or expired credential',
  403: 'Your role may not do this',
  404: 'Not found, or not visible to you',
  409: "The resource's state forbids it (code says why)",
  410: 'Expired link',
  413: 'Body too large',
  415: 'Unsupported content type',
  422: 'Invalid data (code and errors say what)',
  429: 'Too many requests; retry later',
  500: 'Unexpected error, logged',
  503: 'A dependency is unavailable; retry',
  504: 'The workflow did not answer in time',
};

/** The problem responses a route may answer with, for its OpenAPI description. */
export function problemResponses(...statuses: number[]): Record<number, ProblemResponse> {
  return Object.fromEntries(statuses.map((status) => [status, problem(DESCRIPTIONS[status] ?? 'Problem')]));
}

/** What any route may answer whatever it does: parsing, size, media type, validation, the unexpected. */
export const COMMON_PROBLEMS = problemResponses(400, 413, 415, 422, 500);
