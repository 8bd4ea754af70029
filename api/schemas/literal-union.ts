import { Type } from 'typebox';

/** A string that is one of a contract's constants, e.g. the session kinds. */
export const literalUnion = <T extends readonly string[]>(values: T, description?: string) =>
  Type.Union(
    values.map((value) => Type.Literal(value)),
    description ? { description } : {},
  );
