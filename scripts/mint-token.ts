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
const secret = apiSettings().authJwtSecret;
if (!secret) {
  process.stderr.write(
    'OIDC_ISSUER is set: the API accepts only the identity provider’s tokens; get one from it.\n',
  );
  process.exit(2);
}
process.stdout.write(`${await mintToken(secret, { subject, role: role as Role }, expiresIn)}\n`);
