import rateLimit from '@fastify/rate-limit';
import type { ApiDependencies } from '../dependencies.ts';
import { ProblemError } from '../problems.ts';
import type { TypedApp } from '../typed-app.ts';

/** Links are guessable only by brute force: throttle each client address on link routes. */
export async function limitLinkRate(app: TypedApp, deps: ApiDependencies): Promise<void> {
  await app.register(rateLimit, {
    max: deps.linkRateLimitPerMinute ?? 60,
    timeWindow: '1 minute',
    errorResponseBuilder: (_request, context) =>
      new ProblemError(
        429,
        'RATE_LIMITED',
        `Too many link requests; retry in ${Math.ceil(context.ttl / 1000)} s.`,
      ),
  });
}
