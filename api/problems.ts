/**
 * Every failure leaves the API as RFC 9457 problem details with a stable `code`. Routes throw
 * `ProblemError`; the error handler (plugins/problem-details.ts) renders everything else too.
 */
import type { Violation, ViolationKind } from '../workflows/rules/violation.ts';

export class ProblemError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly extensions: Record<string, unknown>;

  constructor(status: number, code: string, detail: string, extensions: Record<string, unknown> = {}) {
    super(detail);
    this.status = status;
    this.code = code;
    this.title = TITLES[status] ?? 'Error';
    this.extensions = extensions;
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Authentication required',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
  504: 'Gateway timeout',
};

export const titleFor = (status: number): string => TITLES[status] ?? 'Error';

export const STATUS_OF_KIND: Record<ViolationKind, number> = {
  invalid: 422,
  conflict: 409,
  forbidden: 403,
  not_found: 404,
};

/** A rule's refusal as problem details: the rule's code, its sentence, the status of its kind. */
export function problemFromViolations(violations: Violation[]): ProblemError {
  const [first] = violations;
  if (!first) throw new Error('problemFromViolations needs at least one violation');
  const status = STATUS_OF_KIND[first.kind];
  return new ProblemError(status, first.code, first.message, {
    ...first.extensions,
    violations: violations.map(({ code, message }) => ({ code, message })),
  });
}

export const notFound = (what: string, id: string, code: string): ProblemError =>
  new ProblemError(404, code, `No ${what} with id ${id} is visible to you.`);

export const forbidden = (detail: string): ProblemError => new ProblemError(403, 'FORBIDDEN', detail);
