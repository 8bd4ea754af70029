/**
 * What the console process reads from its environment. It holds no secret of its own in
 * production: it forwards the signed-in person's bearer token to the API. Only in development
 * mode (MISSIONS_MODE=development, set by the dev stack) does it mint that token itself, for the
 * dev sign-in page, with the API's development secret.
 */
import { apiSettings, isDevelopment } from '../config/environment.ts';

export interface ConsoleSettings {
  host: string;
  port: number;
  /** Where the console reaches the API, server to server (CONSOLE_API_URL). */
  apiUrl: string;
  /** Present only in development mode: the secret the dev sign-in mints tokens with. */
  devSigningSecret?: string;
  /**
   * TRUST_PROXY, as the API reads it: behind a TLS-terminating proxy the console must believe
   * X-Forwarded-Proto and -Host, or its cookie would not be Secure and its forms' Origin check
   * would compare against the proxy's inner address.
   */
  trustProxy: boolean | string;
}

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65_535)
    throw new Error(`${name} must be a port number, got "${raw}"`);
  return value;
}

export function consoleSettings(): ConsoleSettings {
  return {
    host: process.env.CONSOLE_HOST || '127.0.0.1',
    port: port('CONSOLE_PORT', 3001),
    apiUrl: (process.env.CONSOLE_API_URL || `http://localhost:${port('PORT', 3000)}`).replace(/\/$/, ''),
    ...(isDevelopment() ? { devSigningSecret: apiSettings().authJwtSecret } : {}),
    trustProxy:
      !process.env.TRUST_PROXY || process.env.TRUST_PROXY === 'false'
        ? false
        : process.env.TRUST_PROXY === 'true'
          ? true
          : process.env.TRUST_PROXY,
  };
}
