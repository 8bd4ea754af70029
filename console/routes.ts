/**
 * What the console is built with and what each screen module is given. Apart from app.ts so that
 * the screens, which app.ts imports, need not import app.ts back.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SignedIn } from './context.ts';
import type { DevPerson } from './dev-people.ts';
import type { ConsoleOidcSettings } from './oidc-sign-in.ts';
import type { TemporalUiSettings } from './temporal-ui.ts';

export interface ConsoleOptions {
  /** The API's base URL, server to server. */
  apiUrl: string;
  /** Development only: the people the sign-in page offers and the secret their tokens are minted with. */
  devSignIn?: { secret: string; people: DevPerson[] };
  /** The association's identity provider: the sign-in page sends people there. */
  oidc?: ConsoleOidcSettings;
  logger?: boolean;
  trustProxy?: boolean | string;
  /** Where staff open a mission's workflows (TEMPORAL_UI_URL); absent, no Temporal links. */
  temporalUi?: TemporalUiSettings;
}

export interface ConsoleRoutes {
  options: ConsoleOptions;
  /** The signed-in person, or a redirect to the sign-in page (null: the reply is already sent). */
  requireSignIn(request: FastifyRequest, reply: FastifyReply): SignedIn | null;
}
