/**
 * What goes into e-mail headers (issue #14, finding 6): names and titles came from people and
 * reached Resend's `to` and `subject` as typed, so a CR/LF forged a header and a name such as
 * `M <b>` or `Dupont, Jean` made the address unreadable. Inputs are checked at the API; this is
 * the last line before the provider.
 */

/** Control characters (CR, LF, tab, NUL…) become one space: a header value is one line. */
export function oneLine(text: string): string {
  let result = '';
  let pendingSpace = false;
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    if (code < 0x20 || code === 0x7f) {
      pendingSpace = result !== '';
      continue;
    }
    if (pendingSpace && character !== ' ') result += ' ';
    pendingSpace = false;
    result += character;
  }
  return result.trim();
}

/**
 * Characters with a meaning in an address (RFC 5322 specials): a name holding one is quoted.
 * A dot is left out, as mail software has long accepted it unquoted ("J. Dupont").
 */
const SPECIALS = /[()<>[\]:;@\\,"]/;

/** `Name <address>`, the name quoted and escaped when it needs to be, or the bare address. */
export function mailbox(name: string, email: string): string {
  const display = oneLine(name);
  const address = oneLine(email);
  if (display === '') return address;
  const quoted = SPECIALS.test(display) ? `"${display.replace(/["\\]/g, '\\$&')}"` : display;
  return `${quoted} <${address}>`;
}
