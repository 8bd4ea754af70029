/**
 * Every environment variable the processes read, parsed once with its default.
 * The README's table is written from this file: keep the two in step.
 */
import os from 'node:os';
import path from 'node:path';
import {
  type CoordinatorPageTemplates,
  checkCoordinatorPages,
  defaultCoordinatorPages,
} from '../links/coordinator-pages.ts';

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
    throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
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
  authJwtSecret: string;
  publicBaseUrl: string;
  logLevel: string;
}

/** A fixed development secret keeps locally minted tokens valid across restarts; production must set its own. */
export const DEVELOPMENT_JWT_SECRET = 'development-only-secret-change-me-in-production';

export function apiSettings(): ApiSettings {
  const port = integer('PORT', 3000);
  const authJwtSecret = text('AUTH_JWT_SECRET', DEVELOPMENT_JWT_SECRET);
  if (process.env.NODE_ENV === 'production' && authJwtSecret === DEVELOPMENT_JWT_SECRET) {
    throw new Error('AUTH_JWT_SECRET must be set in production');
  }
  return {
    host: text('HOST', '127.0.0.1'),
    port,
    authJwtSecret,
    publicBaseUrl: publicBaseUrl(),
    logLevel: text('LOG_LEVEL', 'info'),
  };
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
  const secrets = text('LINK_SIGNING_SECRET', DEVELOPMENT_LINK_SECRET)
    .split(',')
    .map((secret) => secret.trim())
    .filter(Boolean);
  if (process.env.NODE_ENV === 'production' && secrets.includes(DEVELOPMENT_LINK_SECRET)) {
    throw new Error('LINK_SIGNING_SECRET must be set in production');
  }
  return secrets;
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
export function cacheDir(): string {
  return text(
    'MISSIONS_CACHE_DIR',
    path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'mission-orchestration'),
  );
}

export function logLevel(): string {
  return text('LOG_LEVEL', 'info');
}
