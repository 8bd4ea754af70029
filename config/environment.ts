/**
 * Every environment variable the processes read, parsed once with its default.
 * The README's table is written from this file: keep the two in step.
 */
import { createHash } from 'node:crypto';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  type CoordinatorPageTemplates,
  checkCoordinatorPages,
  defaultCoordinatorPages,
} from '../links/coordinator-pages.ts';
import { ROLES, type Role } from '../workflows/messages/actor.ts';

const projectRoot = path.resolve(import.meta.dirname, '..');

function text(name: string, fallback: string): string {
  const value = process.env[name];
  return value === undefined || value === '' ? fallback : value;
}

function optional(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
}

function integer(name: string, fallback: number): number {
  const raw = optional(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new ConfigurationError(`${name} must be a non-negative integer, got "${raw}".`);
  }
  return value;
}

function bool(name: string, fallback: boolean): boolean {
  const raw = optional(name);
  if (raw === undefined) return fallback;
  return raw === '1' || raw.toLowerCase() === 'true';
}

export interface TemporalSettings {
  address: string;
  namespace: string;
  taskQueue: string;
  tls: boolean;
  tlsCertPath?: string;
  tlsKeyPath?: string;
  apiKey?: string;
}

export function temporalSettings(): TemporalSettings {
  return {
    address: text('TEMPORAL_ADDRESS', 'localhost:7233'),
    namespace: text('TEMPORAL_NAMESPACE', 'default'),
    taskQueue: text('TEMPORAL_TASK_QUEUE', 'missions'),
    tls: bool('TEMPORAL_TLS', false),
    tlsCertPath: optional('TEMPORAL_TLS_CERT_PATH'),
    tlsKeyPath: optional('TEMPORAL_TLS_KEY_PATH'),
    apiKey: optional('TEMPORAL_API_KEY'),
  };
}

export interface EmailSettings {
  resendApiKey?: string;
  resendBaseUrl?: string;
  from: string;
  staffEmail: string;
  billingEmail: string;
  outboxDir: string;
}

export function emailSettings(): EmailSettings {
  return {
    resendApiKey: optional('RESEND_API_KEY'),
    resendBaseUrl: optional('RESEND_BASE_URL'),
    from: text('EMAIL_FROM', 'Missions <missions@example.org>'),
    staffEmail: text('STAFF_EMAIL', 'equipe@example.org'),
    billingEmail: text('BILLING_EMAIL', 'facturation@example.org'),
    outboxDir: text('OUTBOX_DIR', path.join(dataDir(), 'outbox')),
  };
}

export interface ApiSettings {
  host: string;
  port: number;
  /** The HS256 secret of development-style tokens; absent with OIDC_ISSUER, whose tokens alone are accepted. */
  authJwtSecret?: string;
  /** The oldest bearer token accepted, from its `iat`, whatever its `exp` says. */
  tokenMaxAgeSeconds: number;
  /** Fastify's `trustProxy`: whom to believe about the client's address (X-Forwarded-For). */
  trustProxy: boolean | string;
  publicBaseUrl: string;
  logLevel: string;
  /** Bearer tokens from an OpenID provider when OIDC_ISSUER is set; HS256 with the secret otherwise. */
  oidc?: OidcSettings;
  /** Where Prometheus scrapes the API's metrics (API_METRICS_ADDRESS); none when unset. */
  metrics?: MetricsAddress;
}

/** A fixed development secret keeps locally minted tokens valid across restarts; production must set its own. */
export const DEVELOPMENT_JWT_SECRET = 'development-only-secret-change-me-in-production';

export function apiSettings(): ApiSettings {
  const port = integer('PORT', 3000);
  const oidc = oidcSettings();
  return {
    host: text('HOST', '127.0.0.1'),
    port,
    ...(oidc ? {} : { authJwtSecret: requiredSecret('AUTH_JWT_SECRET', DEVELOPMENT_JWT_SECRET) }),
    tokenMaxAgeSeconds: integer('AUTH_TOKEN_MAX_AGE_SECONDS', 12 * 3600),
    trustProxy: trustProxy(),
    publicBaseUrl: publicBaseUrl(),
    logLevel: text('LOG_LEVEL', 'info'),
    oidc,
    metrics: metricsAddress('API_METRICS_ADDRESS'),
  };
}

export interface OidcSettings {
  /** Exactly as the provider writes it in its discovery document and its tokens' `iss`. */
  issuer: string;
  audience: string;
  algorithms: string[];
  clockToleranceSeconds: number;
  /** The least time between two fetches of the keys that an unknown `kid` may trigger. */
  jwksCooldownSeconds: number;
  /** After this long the keys are fetched again before use: a key the provider removed stops verifying. */
  jwksCacheMaxAgeSeconds: number;
  /** A claim name, or a dotted path into nested claims (`realm_access.roles`). */
  subjectClaim: string;
  rolesClaim: string;
  /** The provider's role or group names for each of the API's roles. */
  roleMap: Record<Role, string[]>;
}

/**
 * Asymmetric algorithms only: `none` verifies nothing, and an HS* key would be the provider's
 * client secret, which every client of the realm may hold.
 */
export const OIDC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
];

export function oidcSettings(): OidcSettings | undefined {
  const issuer = optional('OIDC_ISSUER');
  if (issuer === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new ConfigurationError(`OIDC_ISSUER must be the provider's issuer URL, got "${issuer}".`);
  }
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local))
    throw new ConfigurationError(
      `OIDC_ISSUER must use https (http only for localhost): its keys would travel unprotected, got "${issuer}".`,
    );
  const audience = optional('OIDC_AUDIENCE');
  if (audience === undefined)
    throw new ConfigurationError(
      "OIDC_AUDIENCE is required with OIDC_ISSUER: the API's identifier in the provider (the `aud` of its access tokens); without it a token issued for any other application would be accepted.",
    );
  const algorithms = text('OIDC_ALGORITHMS', 'RS256,ES256')
    .split(',')
    .map((algorithm) => algorithm.trim())
    .filter(Boolean);
  const refused = algorithms.filter((algorithm) => !OIDC_ALGORITHMS.includes(algorithm));
  if (algorithms.length === 0 || refused.length > 0)
    throw new ConfigurationError(
      `OIDC_ALGORITHMS accepts only ${OIDC_ALGORITHMS.join(', ')} (never none or HS*), got "${process.env.OIDC_ALGORITHMS}".`,
    );
  return {
    issuer,
    audience,
    algorithms,
    clockToleranceSeconds: integer('OIDC_CLOCK_TOLERANCE_SECONDS', 60),
    jwksCooldownSeconds: integer('OIDC_JWKS_COOLDOWN_SECONDS', 30),
    jwksCacheMaxAgeSeconds: integer('OIDC_JWKS_CACHE_MAX_AGE_SECONDS', 600),
    subjectClaim: claimPath('OIDC_SUBJECT_CLAIM', 'sub'),
    rolesClaim: claimPath('OIDC_ROLES_CLAIM', 'roles'),
    roleMap: roleMap(),
  };
}

function claimPath(name: string, fallback: string): string {
  const value = text(name, fallback);
  if (value.split('.').some((part) => part === ''))
    throw new ConfigurationError(
      `${name} must be a claim name or a dotted path like realm_access.roles, got "${value}".`,
    );
  return value;
}

/** `OIDC_ROLE_MAP=missions-staff=staff,missions-coordinators=coordinator,facilitators=facilitator`. */
function roleMap(): Record<Role, string[]> {
  const raw = optional('OIDC_ROLE_MAP');
  if (raw === undefined)
    throw new ConfigurationError(
      'OIDC_ROLE_MAP is required with OIDC_ISSUER: which provider roles or groups are staff, coordinator and facilitator, e.g. missions-staff=staff,missions-coordinators=coordinator,facilitators=facilitator.',
    );
  const map: Record<Role, string[]> = { staff: [], coordinator: [], facilitator: [] };
  for (const entry of raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const at = entry.lastIndexOf('=');
    const name = entry.slice(0, at).trim();
    const role = entry.slice(at + 1).trim();
    if (at <= 0 || name === '' || !ROLES.includes(role as Role))
      throw new ConfigurationError(
        `OIDC_ROLE_MAP entry "${entry}" must be <provider role or group>=<${ROLES.join('|')}>.`,
      );
    map[role as Role].push(name);
  }
  if (Object.values(map).every((names) => names.length === 0))
    throw new ConfigurationError(`OIDC_ROLE_MAP maps no role, got "${raw}".`);
  return map;
}

/**
 * `false` (the default: the API faces clients itself), `true` (believe any proxy), or the
 * proxies' addresses and CIDR ranges, comma-separated (e.g. `127.0.0.1,10.0.0.0/8`).
 */
function trustProxy(): boolean | string {
  const raw = optional('TRUST_PROXY');
  if (raw === undefined || raw === 'false') return false;
  return raw === 'true' ? true : raw;
}

/** Where links in e-mails point: the public address of the API and its link routes. */
export function publicBaseUrl(): string {
  return text('PUBLIC_BASE_URL', `http://localhost:${integer('PORT', 3000)}`).replace(/\/$/, '');
}

/** Where coordinators' and staff's e-mail buttons lead: their front end's mission and session pages. */
export function coordinatorPageTemplates(): CoordinatorPageTemplates {
  const defaults = defaultCoordinatorPages(publicBaseUrl());
  const templates = {
    mission: text('COORDINATOR_MISSION_URL', defaults.mission),
    session: text('COORDINATOR_SESSION_URL', defaults.session),
  };
  const problem = checkCoordinatorPages(templates);
  if (problem) throw new Error(problem);
  return templates;
}

/** A fixed development secret keeps local e-mail links valid across restarts; production sets its own. */
export const DEVELOPMENT_LINK_SECRET = 'development-only-link-secret-change-me';

/** Secrets for e-mail links, comma-separated: the first signs, every one verifies (rotation). */
export function linkSigningSecrets(): string[] {
  const raw = process.env.LINK_SIGNING_SECRET;
  const secrets = (raw === undefined || raw === '' ? '' : raw)
    .split(',')
    .map((secret) => secret.trim())
    .filter(Boolean);
  if (secrets.length === 0) {
    if (raw !== undefined && raw !== '')
      throw new ConfigurationError(
        `LINK_SIGNING_SECRET holds no secret ("${raw}"): give one or more, comma-separated (the first signs).`,
      );
    return [requiredSecret('LINK_SIGNING_SECRET', DEVELOPMENT_LINK_SECRET)];
  }
  if (!isDevelopment()) for (const secret of secrets) checkStrength('LINK_SIGNING_SECRET', secret);
  return secrets;
}

/** A setting the process cannot start with; the message says what to change. */
export class ConfigurationError extends Error {}

/**
 * Only an explicit `MISSIONS_MODE=development` (set by scripts/dev.ts) lets the processes start
 * with the public development secrets; anything else is treated as production, whatever
 * `NODE_ENV` says (unset and "Production" used to slip through).
 */
export function isDevelopment(): boolean {
  const mode = optional('MISSIONS_MODE');
  if (mode === undefined || mode === 'production') return false;
  if (mode === 'development') return true;
  throw new ConfigurationError(`MISSIONS_MODE must be "development" or "production", got "${mode}".`);
}

export const MIN_SECRET_LENGTH = 32;
const MIN_DISTINCT_CHARACTERS = 12;

function requiredSecret(name: string, developmentSecret: string): string {
  const value = optional(name);
  if (isDevelopment()) return value ?? developmentSecret;
  if (value === undefined)
    throw new ConfigurationError(
      `${name} is required (outside MISSIONS_MODE=development): e.g. \`openssl rand -base64 48\`.`,
    );
  checkStrength(name, value);
  return value;
}

function checkStrength(name: string, value: string): void {
  if (value === DEVELOPMENT_JWT_SECRET || value === DEVELOPMENT_LINK_SECRET)
    throw new ConfigurationError(`${name} is the public development secret: set your own.`);
  if (value.length < MIN_SECRET_LENGTH || new Set(value).size < MIN_DISTINCT_CHARACTERS)
    throw new ConfigurationError(
      `${name} is too weak: at least ${MIN_SECRET_LENGTH} random characters, e.g. \`openssl rand -base64 48\`.`,
    );
}

/**
 * What a process calls first: reads its settings, or says what is wrong and exits (2) without a
 * stack trace; in development mode, says loudly that the secrets are public.
 */
export function settingsOrExit<T>(processName: string, read: () => T): T {
  try {
    const settings = read();
    if (isDevelopment())
      process.stderr.write(
        `\n!!! ${processName}: MISSIONS_MODE=development: secrets default to the PUBLIC development ones. Never expose this process. !!!\n\n`,
      );
    return settings;
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    process.stderr.write(`${processName} cannot start: ${error.message}\n`);
    process.exit(2);
  }
}

export function databaseUrl(): string | undefined {
  return optional('DATABASE_URL');
}

/** A JSON question set replacing the default positioning test (config/question-sets.ts says its shape). */
export function positioningQuestionsFile(): string | undefined {
  return optional('POSITIONING_QUESTIONS_FILE');
}

/** Local state of the dev stack (Postgres data, Temporal SQLite file, outbox); survives restarts. */
export function dataDir(): string {
  return text('MISSIONS_DATA_DIR', path.join(projectRoot, '.data'));
}

/** Slow-to-build binaries live outside the clone so a fresh clone on the same machine reuses them. */
/**
 * The cache is shared by every checkout on the machine, and a bundle's manifest names the files it
 * was built from by absolute path: keyed by checkout, another clone never loads this one's bundle
 * (built from other sources) as fresh, nor rebuilds over it.
 */
function checkoutKey(): string {
  return createHash('sha256')
    .update(path.resolve(import.meta.dirname, '..'))
    .digest('hex')
    .slice(0, 12);
}

export function cacheDir(): string {
  return text(
    'MISSIONS_CACHE_DIR',
    path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'mission-orchestration'),
  );
}

export function logLevel(): string {
  return text('LOG_LEVEL', 'info');
}

export interface MetricsAddress {
  host: string;
  port: number;
  /** `host:port`, IPv6 hosts in brackets: the form the worker's Temporal runtime binds to. */
  address: string;
}

/**
 * `<ip>:<port>` a process serves its Prometheus metrics on, apart from the public API: unset, it
 * serves none. An IP rather than a host name: the Temporal runtime's exporter binds only to those.
 */
export function metricsAddress(
  name: 'API_METRICS_ADDRESS' | 'WORKER_METRICS_ADDRESS',
): MetricsAddress | undefined {
  const raw = optional(name);
  if (raw === undefined) return undefined;
  const match = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(raw);
  const host = match?.[1] ?? '';
  const port = Number(match?.[2]);
  if (!match || net.isIP(host) === 0 || port > 65_535)
    throw new ConfigurationError(
      `${name} must be <ip>:<port>, e.g. 0.0.0.0:9464 or 127.0.0.1:9464, got "${raw}".`,
    );
  return { host, port, address: net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}` };
}

export interface WorkerSettings {
  /** Workflows kept in memory between their tasks; the others are replayed from history when woken. */
  maxCachedWorkflows: number;
  /** A bundle prebuilt with the image (WORKFLOW_BUNDLE_PATH), loaded when its sources are unchanged. */
  workflowBundlePath?: string;
  /** Where the worker builds the bundle itself when no fresh one exists, and finds it next start. */
  workflowBundleCache: string;
}

/**
 * Not the SDK's default, which it derives from the host's memory rather than the container's
 * (2395 on a 23 GiB host); about 0.4 MB each over the idle worker's ~320 MB (bench/README.md).
 */
export const DEFAULT_MAX_CACHED_WORKFLOWS = 400;
/** The SDK runs up to 40 workflow tasks at once, each needing its workflow in the cache. */
const MIN_CACHED_WORKFLOWS = 40;

export function workerSettings(): WorkerSettings {
  const maxCachedWorkflows = integer('TEMPORAL_MAX_CACHED_WORKFLOWS', DEFAULT_MAX_CACHED_WORKFLOWS);
  if (maxCachedWorkflows < MIN_CACHED_WORKFLOWS)
    throw new ConfigurationError(
      `TEMPORAL_MAX_CACHED_WORKFLOWS must be at least ${MIN_CACHED_WORKFLOWS} (the workflow tasks a worker runs at once), got "${maxCachedWorkflows}".`,
    );
  return {
    maxCachedWorkflows,
    workflowBundlePath: optional('WORKFLOW_BUNDLE_PATH'),
    workflowBundleCache: path.join(cacheDir(), 'workflow-bundle', checkoutKey(), 'workflow-bundle.js'),
  };
}

export interface DocumentSettings {
  /** A Gotenberg service converts when set; otherwise LibreOffice on this machine. */
  gotenbergUrl?: string;
  sofficePath: string;
  conversionTimeoutMs: number;
  /** The organisation's seal, or in development a self-signed one kept in the data directory. */
  seal: { p12Path: string; passphrase: string } | { developmentDir: string };
}

export function documentSettings(): DocumentSettings {
  const gotenbergUrl = optional('GOTENBERG_URL');
  if (gotenbergUrl !== undefined && !/^https?:\/\//.test(gotenbergUrl))
    throw new ConfigurationError(`GOTENBERG_URL must be an http(s) URL, got "${gotenbergUrl}".`);
  return {
    ...(gotenbergUrl ? { gotenbergUrl } : {}),
    sofficePath: text('SOFFICE_PATH', 'soffice'),
    conversionTimeoutMs: integer('PDF_CONVERSION_TIMEOUT_SECONDS', 60) * 1000,
    seal: sealSettings(),
  };
}

function sealSettings(): DocumentSettings['seal'] {
  const p12Path = optional('SEAL_P12_PATH');
  if (p12Path === undefined) {
    if (isDevelopment()) return { developmentDir: path.join(dataDir(), 'seal') };
    throw new ConfigurationError(
      "SEAL_P12_PATH is required (outside MISSIONS_MODE=development): the organisation's seal certificate and key (PKCS#12) that every PDF sent to a person is sealed with, with SEAL_P12_PASSPHRASE.",
    );
  }
  const passphrase = process.env.SEAL_P12_PASSPHRASE;
  if (passphrase === undefined)
    throw new ConfigurationError(
      "SEAL_P12_PASSPHRASE is required with SEAL_P12_PATH (the PKCS#12 file's passphrase).",
    );
  return { p12Path, passphrase };
}
