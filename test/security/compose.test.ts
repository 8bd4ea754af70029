/**
 * Finding 1 of issue #14: the production compose published the Temporal UI on every interface,
 * with no sign-in and write actions on. Reads the file as Compose resolves it (`docker-compose
 * config`, installed by .ci/run) or, without the binary, as YAML with its merge keys.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const COMPOSE_FILE = path.join(import.meta.dirname, '..', '..', 'docker-compose.yml');

interface Service {
  ports?: (string | { host_ip?: string; published?: string | number; target?: number })[];
  environment?: Record<string, string | number | boolean | null> | string[];
}

function resolvedCompose(): { services: Record<string, Service> } {
  try {
    const text = execFileSync('docker-compose', ['-f', COMPOSE_FILE, 'config'], {
      env: { ...process.env, AUTH_JWT_SECRET: 'compose-check', LINK_SIGNING_SECRET: 'compose-check' },
      stdio: ['ignore', 'pipe', 'pipe'],
    }).toString();
    return parse(text);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return parse(readFileSync(COMPOSE_FILE, 'utf8'), { merge: true });
  }
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '[::1]', 'localhost']);

/** Ports a service publishes beyond the host's loopback interface. */
function portsOpenToTheNetwork(service: Service): string[] {
  return (service.ports ?? [])
    .filter((port) => {
      if (typeof port === 'object') return !LOOPBACK.has(port.host_ip ?? '');
      // "[host_ip:]published:target[/protocol]"; an IPv6 host is bracketed.
      const parts = port.replace(/\/\w+$/, '').match(/^(?:(\[[^\]]+\]|[^:]+):)?([^:]+):([^:]+)$/);
      return !parts?.[1] || !LOOPBACK.has(parts[1]);
    })
    .map((port) => (typeof port === 'object' ? JSON.stringify(port) : port));
}

function environmentOf(service: Service): Record<string, string> {
  const environment = service.environment ?? {};
  if (Array.isArray(environment))
    return Object.fromEntries(
      environment.map((entry) => [entry.split('=')[0], entry.split('=').slice(1).join('=')]),
    );
  return Object.fromEntries(Object.entries(environment).map(([key, value]) => [key, String(value)]));
}

describe('production compose: the Temporal UI', () => {
  const ui = resolvedCompose().services['temporal-ui'];

  it('is not published on every interface (staff reach it through a tunnel or a signing-in proxy)', () => {
    expect(ui).toBeDefined();
    expect(portsOpenToTheNetwork(ui as Service)).toEqual([]);
  });

  it('has write actions off', () => {
    expect(environmentOf(ui as Service).TEMPORAL_DISABLE_WRITE_ACTIONS).toBe('true');
  });

  it('the check flags what the compose file used to publish', () => {
    expect(portsOpenToTheNetwork({ ports: ['8233:8080'] })).toEqual(['8233:8080']);
    expect(portsOpenToTheNetwork({ ports: ['0.0.0.0:8233:8080/tcp'] })).toHaveLength(1);
    expect(portsOpenToTheNetwork({ ports: [{ published: 8233, target: 8080 }] })).toHaveLength(1);
    expect(portsOpenToTheNetwork({ ports: ['127.0.0.1:8233:8080/tcp', '[::1]:8233:8080'] })).toEqual([]);
  });
});
