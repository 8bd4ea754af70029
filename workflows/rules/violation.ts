/**
 * A refused command: a stable machine-readable code, the sentence the user reads, and what kind
 * of refusal it is. The same value travels from the rule to the workflow's update rejection to
 * the API's problem details (invalid → 422, conflict → 409, forbidden → 403, not_found → 404).
 */
export type ViolationKind = 'invalid' | 'conflict' | 'forbidden' | 'not_found';

export interface Violation {
  code: string;
  message: string;
  kind: ViolationKind;
  /** Machine-readable facts the sentence mentions (e.g. when a window opens), for front ends. */
  extensions?: Record<string, string | number>;
}

export const invalid = (code: string, message: string): Violation => ({ code, message, kind: 'invalid' });
export const conflict = (
  code: string,
  message: string,
  extensions?: Record<string, string | number>,
): Violation => ({ code, message, kind: 'conflict', ...(extensions ? { extensions } : {}) });
export const forbidden = (code: string, message: string): Violation => ({ code, message, kind: 'forbidden' });
export const notFound = (code: string, message: string): Violation => ({ code, message, kind: 'not_found' });
