import { Type } from 'typebox';

/**
 * Names, titles and other one-line fields: not blank, and no control character. A CR/LF in a
 * name reached e-mail headers and forged a `Bcc:` line in the outbox (issue #14, finding 6).
 */
export const ONE_LINE_PATTERN = '^[^\\u0000-\\u001f\\u007f]*\\S[^\\u0000-\\u001f\\u007f]*$';

export const oneLine = (maxLength: number, description?: string) =>
  Type.String({
    minLength: 1,
    maxLength,
    pattern: ONE_LINE_PATTERN,
    ...(description ? { description } : {}),
  });
