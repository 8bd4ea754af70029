/** Request bodies shaped like the integration tests' (test/integration/*.test.ts). */
import { randomUUID } from 'node:crypto';

const DAY = 24 * 3600_000;

/** YYYY-MM-DD, `days` from now. */
export const dateInDays = (days: number): string =>
  new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

export function missionOrder(coordinatorId: string, index: number, workshops = 1000) {
  return {
    title: `Ateliers bench ${index}`,
    client: { name: `Client bench ${index % 50}` },
    sector: 'company',
    dealType: 'subcontracting',
    coordinator: {
      id: coordinatorId,
      name: `Coordinator ${coordinatorId}`,
      email: `${coordinatorId}@example.org`,
    },
    endDate: dateInDays(365),
    orderLines: [
      { kind: 'workshop', quantity: workshops, participantsPerSession: 20, unitPriceCents: 90_000 },
    ],
  };
}

export function sessionPlan(startsAt: Date, title = 'Atelier bench') {
  return {
    kind: 'workshop',
    title,
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 3 * 3600_000).toISOString(),
    location: { mode: 'online', url: 'https://visio.example.org/atelier' },
    capacity: 15,
    otherFacilitators: 1,
  };
}

/** A non-expected HTTP answer; `status` 0 when the request itself failed. */
export class HttpError extends Error {
  readonly status: number;
  constructor(message: string, status: number) {
    super(message);
    this.status = status;
  }
}

/**
 * Sends again, with the same idempotency key, what failed with a 5xx or no answer, as the API
 * asks clients to (504: "retry with the same Idempotency-Key"). Counts the retries.
 */
export async function withRetries<T>(
  send: () => Promise<T>,
  counters: { retries: number },
  attempts = 3,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await send();
    } catch (error) {
      const status = error instanceof HttpError ? error.status : 0;
      if (attempt >= attempts || (status !== 0 && status < 500)) throw error;
      counters.retries += 1;
      await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
    }
  }
}

export interface ApiClient {
  baseUrl: string;
  token: string;
  /** Sends a JSON request; throws unless the answer has the expected status. */
  send<T>(
    method: string,
    path: string,
    body: unknown,
    expected: number | number[],
    idempotencyKey?: string,
  ): Promise<T>;
}

export function apiClient(baseUrl: string, token: string): ApiClient {
  return {
    baseUrl,
    token,
    async send<T>(
      method: string,
      path: string,
      body: unknown,
      expected: number | number[],
      idempotencyKey?: string,
    ) {
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      if (!(Array.isArray(expected) ? expected : [expected]).includes(response.status)) {
        throw new HttpError(
          `${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`,
          response.status,
        );
      }
      return JSON.parse(text) as T;
    },
  };
}

export interface CreatedMission {
  id: string;
  sessions: { id: string; title: string; startsAt: string }[];
}

export const newKey = (): string => randomUUID();
