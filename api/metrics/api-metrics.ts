/**
 * The API's Prometheus metrics, served on a listener of their own (API_METRICS_ADDRESS) rather
 * than a route of the public API: the business gauges say how much the association sells and
 * owes, which is nobody's business outside; a scraper cannot hold a bearer token, which lives
 * 12 h at most; and an address on the internal network is protected the way the worker's SDK
 * exporter is. So /metrics is in no OpenAPI document, no rate limit and no authentication.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { DatabasePool } from '../../db/pool.ts';
import { type BusinessGaugeOptions, registerBusinessGauges } from './business-gauges.ts';

export interface ApiMetrics {
  /** Give it to buildApp (`metrics`) to count the API's requests. */
  registry: Registry;
  /** http://host:port/metrics */
  url: string;
  close(): Promise<void>;
}

export async function serveApiMetrics(
  pool: DatabasePool,
  at: { host: string; port: number },
  options: BusinessGaugeOptions = {},
): Promise<ApiMetrics> {
  const registry = new Registry();
  // Process CPU, memory, event-loop lag and GC: what tells an overloaded API from a slow database.
  collectDefaultMetrics({ register: registry });
  registerBusinessGauges(registry, pool, options);

  const server = http.createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://metrics').pathname;
    if (request.method !== 'GET' || path !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (error: Error) => response.writeHead(500, { 'content-type': 'text/plain' }).end(error.message),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(at.port, at.host, resolve);
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    registry,
    url: `http://${host}:${port}/metrics`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
