/**
 * Schemathesis generates requests from /openapi.json against the real API (dev server, worker,
 * Postgres) and checks every answer: no 5xx, every status documented, every body and content
 * type as documented. Bounded examples per operation and a fixed seed keep CI repeatable.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type RunningApi, startApi } from '../support/api-harness.ts';

const CHECKS = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_schema_conformance',
];

function run(command: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    // Schemathesis keeps a cache in its working folder: keep it out of the clone.
    const child = spawn(command, args, { cwd: os.tmpdir(), env: { ...process.env, NO_COLOR: '1' } });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('API fuzzing with schemathesis against /openapi.json', () => {
  let api: RunningApi;
  beforeAll(async () => {
    // Its own database: generated requests rewrite rates and directory entries other tests rely on.
    api = await startApi({}, { databaseUrl: inject('fuzzDatabaseUrl') });
  });
  afterAll(async () => api?.stop());

  it('finds no server error, undocumented status, content type or body', { timeout: 300_000 }, async () => {
    const bin = process.env.SCHEMATHESIS_BIN;
    if (!bin)
      throw new Error(
        'SCHEMATHESIS_BIN is not set: run the suite with ./scripts/test.sh, which installs schemathesis',
      );
    const token = await api.token({ subject: 'staff-fuzz', role: 'staff' });
    const { code, output } = await run(bin, [
      'run',
      `${api.baseUrl}/openapi.json`,
      '--header',
      `Authorization: Bearer ${token}`,
      '--checks',
      CHECKS.join(','),
      '--max-examples',
      '10',
      '--seed',
      '20261123',
      '--no-color',
    ]);
    const summary = output
      .split('\n')
      .filter((line) => /generated|passed|failed|Failures|ST\d{3}/.test(line));
    process.stdout.write(`schemathesis: ${summary.join(' | ')}\n`);
    expect(code, output).toBe(0);
  });
});
