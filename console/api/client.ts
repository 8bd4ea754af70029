/**
 * The console's only way to the service: the public HTTP API, typed from its OpenAPI document
 * (schema.d.ts), called with the signed-in person's bearer token. A route whose schema changes
 * breaks these calls at type-check.
 */
import createClient from 'openapi-fetch';
import type { components, paths } from './schema.d.ts';

export type Api = ReturnType<typeof createClient<paths>>;
export type Schemas = components['schemas'];
export type Mission = Schemas['Mission'];
export type MissionSummary = Schemas['MissionSummary'];
export type Session = Schemas['Session'];
export type Staffing = Schemas['Staffing'];
export type Invitation = Schemas['Invitation'];
export type FollowUp = Schemas['FollowUp'];
export type Problem = Schemas['Problem'];
export type RegistrationLink =
  paths['/missions/{missionId}/sessions/{sessionId}/registration-links']['get']['responses'][200]['content']['application/json'][number];

type Answer<Path extends keyof paths> = paths[Path] extends {
  get: { responses: { 200: { content: { 'application/json': infer Body } } } };
}
  ? Body
  : never;
export type PayoutRate = Answer<'/payout-rates'>[number];
export type BillingView = Answer<'/facilitators/{facilitatorId}/billing'>;
export type SurveySummary = Answer<'/coordinators/{coordinatorId}/surveys/summary'>;
export type StuckActivity = Answer<'/stuck-activities'>[number];
export type BpfReport = Answer<'/reports/bpf'>;
export type Offer = Answer<'/catalogue/offers'>['offers'][number];

export function apiFor(baseUrl: string, token: string): Api {
  return createClient<paths>({ baseUrl, headers: { authorization: `Bearer ${token}` } });
}

/** An API refusal, carried as the problem document the API answered. */
export class ApiProblem extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(`${problem.status} ${problem.code}: ${problem.detail}`);
    this.problem = problem;
  }
}

function asProblem(error: unknown, response: Response): Problem {
  const body = (typeof error === 'object' && error !== null ? error : {}) as Partial<Problem>;
  // Extensions (e.g. a refused payout request's nextWindowOpensOn) ride along with the problem.
  return {
    ...body,
    type: body.type ?? 'about:blank',
    title: body.title ?? response.statusText,
    status: body.status ?? response.status,
    code: body.code ?? `HTTP_${response.status}`,
    detail: body.detail ?? response.statusText,
  };
}

/** The answer's data, or an ApiProblem with what the API said. */
export async function answer<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) return data as T;
  throw new ApiProblem(asProblem(error, response));
}
