/**
 * A refused command: a stable machine-readable code, the sentence the user reads, and whether
 * the input itself is wrong (`invalid`) or the mission's state forbids it (`conflict`). The same
 * value travels from the rule to the workflow failure to the API's problem details.
 */
export type ViolationKind = 'invalid' | 'conflict';

export interface Violation {
  code: string;
  message: string;
  kind: ViolationKind;
}

export const invalid = (code: string, message: string): Violation => ({ code, message, kind: 'invalid' });
export const conflict = (code: string, message: string): Violation => ({ code, message, kind: 'conflict' });
