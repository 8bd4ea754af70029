/**
 * What the console process reads from its environment. It holds no secret of its own in
 * production: it forwards the signed-in person's bearer token to the API. Only in development
 * mode (MISSIONS_MODE=development, set by the dev stack) does it mint that token itself, for the
 * dev sign-in page, with the API's development secret.
 */
import { apiSettings, ConfigurationError, isDevelopment, oidcSettings } from '../config/environment.ts';
import type { ConsoleOidcSettings } from './oidc-sign-in.ts';
import type { TemporalUiSettings } from './temporal-ui.ts';

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
  /** Where staff open a mission's workflows; absent, the console shows no Temporal links. */
  temporalUi?: TemporalUiSettings;
  /** The association's identity provider, when OIDC_ISSUER is set (as for the API). */
  oidc?: ConsoleOidcSettings;
}

/**
 * TEMPORAL_UI_URL as staff's browsers reach the Web UI (often through a tunnel or a signing-in
 * proxy, so never guessed in production); the dev stack's own UI in development.
 */
function temporalUi(): { temporalUi: TemporalUiSettings } | Record<string, never> {
  const configured = process.env.TEMPORAL_UI_URL?.trim();
  const baseUrl =
    configured || (isDevelopment() ? `http://localhost:${port('TEMPORAL_UI_PORT', 8233)}` : undefined);
  if (!baseUrl) return {};
  if (!/^https?:\/\/[^\s]+$/.test(baseUrl))
    throw new Error(`TEMPORAL_UI_URL must be an http(s) address, got "${baseUrl}".`);
  return {
    temporalUi: {
      baseUrl: baseUrl.replace(/\/$/, ''),
      namespace: process.env.TEMPORAL_NAMESPACE || 'default',
    },
  };
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
    ...temporalUi(),
    ...developmentSigning(),
    ...consoleOidc(),
    trustProxy:
      !process.env.TRUST_PROXY || process.env.TRUST_PROXY === 'false'
        ? false
        : process.env.TRUST_PROXY === 'true'
          ? true
          : process.env.TRUST_PROXY,
  };
}

/** Development without an identity provider: the dev sign-in page mints tokens with the API's secret. */
function developmentSigning(): { devSigningSecret: string } | Record<string, never> {
  const secret = isDevelopment() ? apiSettings().authJwtSecret : undefined;
  return secret ? { devSigningSecret: secret } : {};
}

/**
 * The console signs people in with the provider whose tokens the API accepts: the issuer, the
 * API's audience and the role mapping are the API's own settings; only the console's client
 * registration and its public address are its own.
 */
function consoleOidc(): { oidc: ConsoleOidcSettings } | Record<string, never> {
  const api = oidcSettings();
  if (!api) return {};
  const clientId = process.env.CONSOLE_OIDC_CLIENT_ID;
  const publicUrl = process.env.CONSOLE_PUBLIC_URL?.replace(/\/$/, '');
  if (!clientId)
    throw new ConfigurationError(
      "CONSOLE_OIDC_CLIENT_ID is required with OIDC_ISSUER: the console's client in the identity provider (authorisation code flow, redirect URI <CONSOLE_PUBLIC_URL>/sign-in/callback).",
    );
  if (!publicUrl || !/^https?:\/\//.test(publicUrl))
    throw new ConfigurationError(
      `CONSOLE_PUBLIC_URL is required with OIDC_ISSUER: the console's address as browsers reach it, e.g. https://console.example.org, got "${publicUrl ?? ''}".`,
    );
  return {
    oidc: {
      issuer: api.issuer,
      clientId,
      ...(process.env.CONSOLE_OIDC_CLIENT_SECRET
        ? { clientSecret: process.env.CONSOLE_OIDC_CLIENT_SECRET }
        : {}),
      publicUrl,
      scopes: process.env.CONSOLE_OIDC_SCOPES || 'openid profile email offline_access',
      ...(process.env.CONSOLE_OIDC_RESOURCE ? { resource: process.env.CONSOLE_OIDC_RESOURCE } : {}),
      roles: api,
    },
  };
}
