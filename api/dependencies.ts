import type { Client } from '@temporalio/client';
import type { PdfRendering } from '../activities/documents/pdf/sealed-pdf.ts';
import type { OidcSettings } from '../config/environment.ts';
import type { RowReader } from '../db/direct-reads.ts';
import type { DatabasePool } from '../db/pool.ts';
import type { MissionPolicy } from '../workflows/policy.ts';

/** Everything the API talks to, passed in so tests build the app against real test servers. */
export interface ApiDependencies {
  pool: DatabasePool;
  /**
   * The busiest reads (a mission, a page of missions) through pg directly (db/direct-reads.ts);
   * the slonik pool answers them when not given.
   */
  reads?: RowReader;
  temporal: { client: Client; taskQueue: string };
  /** Verifies HS256 bearer tokens (development); required unless `oidc` is given. */
  jwtSecret?: string;
  /** Bearer tokens from this OpenID provider instead of HS256 ones signed with jwtSecret. */
  oidc?: OidcSettings;
  /** Secrets of e-mail links: the first signs (in the worker), every one verifies. */
  linkSecrets: string[];
  /** Public address of the API, for the links it hands out. */
  publicBaseUrl: string;
  /** How long a command may wait for its workflow before the caller gets 504 (15 s by default). */
  commandTimeoutMs?: number;
  /**
   * The same for a command that produces documents before it answers (a funding proposal: three
   * documents built, converted to PDF and sealed, then sent): seconds of LibreOffice, not
   * milliseconds of a workflow task.
   */
  documentCommandTimeoutMs?: number;
  /** Requests per minute and client address on e-mail-link routes. */
  linkRateLimitPerMinute?: number;
  /** The oldest bearer token accepted, from its `iat` (AUTH_TOKEN_MAX_AGE_SECONDS; 12 h by default). */
  tokenMaxAgeSeconds?: number;
  /** Invalid bearer tokens per minute and client address before 429 (30 by default). */
  failedTokensPerMinute?: number;
  /**
   * The current instant for what the API decides by time (which half-day is open for signing).
   * Tests on the time-skipping server pass one that follows the server's skipped time.
   */
  now?: () => Date;
  /** Given to every mission created: drills plan sessions of seconds, below the usual minimum. */
  missionPolicy?: Partial<MissionPolicy>;
  /**
   * Converts and seals documents that no one was sent yet (an attendance sheet) for the audit
   * bundle; without it they go into the bundle as docx, marked unsealed.
   */
  pdf?: PdfRendering;
}

const DEFAULT_COMMAND_TIMEOUT_MS = 15_000;
const DEFAULT_DOCUMENT_COMMAND_TIMEOUT_MS = 90_000;

/** The instant by which a command's Update must have answered, for `client.withDeadline`. */
export const commandDeadline = (deps: Pick<ApiDependencies, 'commandTimeoutMs'>): number =>
  Date.now() + (deps.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS);

/** The deadline of a command that answers once its documents are produced and sent. */
export const documentCommandDeadline = (
  deps: Pick<ApiDependencies, 'commandTimeoutMs' | 'documentCommandTimeoutMs'>,
): number =>
  Date.now() +
  Math.max(deps.documentCommandTimeoutMs ?? DEFAULT_DOCUMENT_COMMAND_TIMEOUT_MS, deps.commandTimeoutMs ?? 0);
