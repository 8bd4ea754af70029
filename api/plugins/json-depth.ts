/**
 * Nothing the API accepts nests deeper than a few levels; a body nested 200,000 deep parsed
 * fine and then overflowed the stack in validation, a 500 (issue #14, finding 6).
 */
export const MAX_JSON_DEPTH = 32;

/** Whether the JSON text opens more than `max` arrays or objects at once (strings skipped). */
export function exceedsJsonDepth(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c) index += 1;
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x5b || code === 0x7b) {
      depth += 1;
      if (depth > max) return true;
    } else if (code === 0x5d || code === 0x7d) depth -= 1;
  }
  return false;
}
