/**
 * What a browser test runs against: the real API listening on a port, over the time-skipping
 * Temporal server with a real worker and Postgres, the API's clock following skipped time, and
 * the e-mails the service actually sent, whose buttons the tests follow.
 */

import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../api/app.ts';
import { mintToken } from '../../api/auth/tokens.ts';
import type { CoordinatorPageTemplates } from '../../links/coordinator-pages.ts';
import type { Actor } from '../../workflows/messages/actor.ts';
import { TEST_JWT_SECRET } from './api-harness.ts';
import { testDirectReads } from './database.ts';
import type { ReceivedEmail } from './resend-server.ts';
import { startTimeSkipping } from './time-skipping.ts';
import {
  type RunningWorker,
  startTestWorker,
  TEST_LINK_SECRETS,
  TEST_PUBLIC_BASE_URL,
} from './worker-harness.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface BrowserStack {
  /** Where the browser goes: `http://127.0.0.1:<port>`. */
  baseUrl: string;
  env: TestWorkflowEnvironment;
  harness: RunningWorker;
  app: FastifyInstance;
  /** The test server's current instant, as the API sees it. */
  now(): Date;
  /** Skips time on the test server; the API's clock follows. */
  sleep(ms: number): Promise<void>;
  sleepUntil(instant: Date): Promise<void>;
  token(actor: Actor): Promise<string>;
  /** One JSON request over HTTP, as a front end would send it. */
  call<T>(
    token: string | null,
    method: Method,
    path: string,
    body?: object,
  ): Promise<{ status: number; body: T }>;
  /** Every e-mail sent so far that matches, oldest first. */
  emails(predicate: (email: ReceivedEmail) => boolean): ReceivedEmail[];
  /** Waits for the `count`-th e-mail that matches and answers it. */
  waitForEmail(predicate: (email: ReceivedEmail) => boolean, count?: number): Promise<ReceivedEmail>;
  stop(): Promise<void>;
}

export interface BrowserStackOptions {
  /** Link requests a minute per address; unlimited enough by default for page loads. */
  linkRateLimitPerMinute?: number;
  /** Where coordinators' e-mail buttons lead (the console under test), instead of the default. */
  coordinatorPages?: CoordinatorPageTemplates;
}

export async function startBrowserStack(options: BrowserStackOptions = {}): Promise<BrowserStack> {
  const env = await startTimeSkipping();
  const harness = await startTestWorker(
    env.nativeConnection,
    env.namespace,
    undefined,
    options.coordinatorPages ? { coordinatorPages: options.coordinatorPages } : {},
  );
  // The test server's time runs at real speed between skips: one offset, refreshed after each
  // skip, keeps the API's synchronous clock on it.
  let offsetMs = 0;
  const syncClock = async () => {
    offsetMs = (await env.currentTimeMs()) - Date.now();
  };
  await syncClock();
  const now = () => new Date(Date.now() + offsetMs);
  const reads = testDirectReads();
  const app = await buildApp({
    pool: harness.pool,
    reads,
    temporal: { client: env.client, taskQueue: harness.taskQueue },
    jwtSecret: TEST_JWT_SECRET,
    linkSecrets: TEST_LINK_SECRETS,
    publicBaseUrl: TEST_PUBLIC_BASE_URL,
    // A page load is several link requests; throttling has its own tests.
    linkRateLimitPerMinute: options.linkRateLimitPerMinute ?? 100_000,
    now,
  });
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  const emails = (predicate: (email: ReceivedEmail) => boolean) => harness.resend.received.filter(predicate);

  return {
    baseUrl,
    env,
    harness,
    app,
    now,
    async sleep(ms) {
      await env.sleep(ms);
      await syncClock();
    },
    async sleepUntil(instant) {
      const ms = instant.getTime() - (await env.currentTimeMs());
      if (ms > 0) await env.sleep(ms);
      await syncClock();
    },
    token: (actor) => mintToken(TEST_JWT_SECRET, actor),
    async call<T>(token: string | null, method: Method, path: string, body?: object) {
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(path === '/missions' && method === 'POST' ? { 'idempotency-key': randomUUID() } : {}),
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      const json = response.headers.get('content-type')?.includes('json');
      return {
        status: response.status,
        body: (json ? await response.json() : Buffer.from(await response.arrayBuffer())) as T,
      };
    },
    emails,
    waitForEmail: (predicate, count = 1) =>
      eventually(`e-mail #${count} matching ${predicate}`, () => emails(predicate)[count - 1]),
    async stop() {
      await app.close();
      await reads.end();
      await harness.stop();
      await env.teardown();
    },
  };
}

const HTML_ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

/** The address behind an e-mail's button (the first link in its HTML), as the e-mail carries it. */
export function emailButton(email: ReceivedEmail): string {
  const href = /<a\s[^>]*href="([^"]+)"/.exec(email.html ?? '')?.[1];
  if (!href) throw new Error(`no button in the e-mail "${email.subject}"`);
  return href.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => HTML_ENTITIES[entity] ?? entity);
}

/**
 * The address behind an e-mail's button, on the listening server instead of the public address
 * e-mails carry.
 */
export function buttonLink(email: ReceivedEmail, baseUrl: string): string {
  const url = emailButton(email);
  if (!url.startsWith(`${TEST_PUBLIC_BASE_URL}/`))
    throw new Error(`the button of "${email.subject}" leaves the service: ${url}`);
  return `${baseUrl}${url.slice(TEST_PUBLIC_BASE_URL.length)}`;
}

/** Matches e-mails sent to this address (recipients may carry a display name). */
export const sentTo =
  (address: string) =>
  (email: ReceivedEmail): boolean =>
    email.to.some((recipient) => recipient === address || recipient.endsWith(`<${address}>`));

/**
 * The probe's first defined answer, tried every 100 ms for 20 s (workers and activities run
 * apart from the test); usable in hooks, where `expect.poll` is not.
 */
export async function eventually<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`still waiting after ${timeoutMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
