/**
 * Mints a bearer token for local use: `npm run token -- staff alice` or
 * `npm run token -- coordinator coord-1`. Uses AUTH_JWT_SECRET, or the development secret the dev
 * stack runs with when it is unset (MISSIONS_MODE=development unless told otherwise).
 */
import { mintToken } from '../api/auth/tokens.ts';
import { apiSettings } from '../config/environment.ts';
import { ROLES, type Role } from '../workflows/messages/actor.ts';

process.env.MISSIONS_MODE ??= 'development';
const [role, subject, expiresIn = '12h'] = process.argv.slice(2);
if (!role || !subject || !ROLES.includes(role as Role)) {
  process.stderr.write(`usage: npm run token -- <${ROLES.join('|')}> <subject> [expiry, e.g. 12h]\n`);
  process.exit(2);
}
process.stdout.write(
  `${await mintToken(apiSettings().authJwtSecret, { subject, role: role as Role }, expiresIn)}\n`,
);
