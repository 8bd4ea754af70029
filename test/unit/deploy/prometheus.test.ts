/**
 * deploy/prometheus as Prometheus reads it: promtool (Debian's, see scripts/test.sh) checks the
 * configuration and runs the alerts' unit tests; the rest keeps the files in step with the code
 * and docker-compose.yml, so that no alert watches a metric nobody serves.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { registerBusinessGauges } from '../../../api/metrics/business-gauges.ts';
import { httpMetrics } from '../../../api/metrics/http-metrics.ts';
import type { DatabasePool } from '../../../db/pool.ts';
import { promtool } from '../../support/promtool.ts';

const root = path.join(import.meta.dirname, '..', '..', '..');
const dir = path.join(root, 'deploy', 'prometheus');
const read = (file: string) => parse(readFileSync(path.join(dir, file), 'utf8'), { merge: true });

interface Rule {
  alert: string;
  expr: string;
  labels: { severity: string };
  annotations: { summary: string; description: string };
}
const rules: Rule[] = read('alerts.yml').groups.flatMap((group: { rules: Rule[] }) => group.rules);

describe('deploy/prometheus', () => {
  it('is a valid Prometheus configuration with valid rules (promtool check config)', () => {
    const check = promtool(['check', 'config', path.join(dir, 'prometheus.yml')]);
    expect(check.output).toContain('SUCCESS: 1 rule files found');
    expect(check.status).toBe(0);
  });

  it('fires each alert when it should and only then (promtool test rules alerts.test.yml)', () => {
    const run = promtool(['test', 'rules', path.join(dir, 'alerts.test.yml')]);
    expect(run.output).toContain('SUCCESS');
    expect(run.status).toBe(0);
  });

  it('tests every alert firing, and each tells staff or an operator what to do', () => {
    const tests: { alert_rule_test: { alertname: string; exp_alerts: unknown[] }[] }[] =
      read('alerts.test.yml').tests;
    const fired = new Set(
      tests.flatMap((test) =>
        test.alert_rule_test.filter((step) => step.exp_alerts.length > 0).map((step) => step.alertname),
      ),
    );
    expect(rules.map((rule) => rule.alert).filter((alert) => !fired.has(alert))).toEqual([]);
    for (const rule of rules) {
      expect(['staff', 'operator'], rule.alert).toContain(rule.labels.severity);
      expect(rule.annotations.description.length, rule.alert).toBeGreaterThan(40);
    }
  });

  it("watches only metrics the API serves, or the SDK's and Prometheus's own", () => {
    const registry = new Registry();
    // Registering reads nothing: the pool is only used when Prometheus scrapes.
    registerBusinessGauges(registry, {} as DatabasePool);
    httpMetrics(registry);
    const names = new Set(rules.flatMap((rule) => rule.expr.match(/\b[a-z_]+(?=[{[)\s])/g) ?? []));
    const ours = [...names].filter((name) => /^(missions|http)_/.test(name));
    expect(ours.length).toBeGreaterThan(5);
    for (const name of ours)
      expect(registry.getSingleMetric(name.replace(/_(bucket|count|sum)$/, '')), name).toBeDefined();
    expect([...names].filter((name) => name.startsWith('temporal_')).sort()).toEqual([
      'temporal_activity_schedule_to_start_latency_seconds_bucket',
      'temporal_num_pollers',
      'temporal_workflow_task_schedule_to_start_latency_seconds_bucket',
    ]);
  });

  it('scrapes the api and worker services of docker-compose.yml where they serve their metrics', () => {
    const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true });
    const targets = Object.fromEntries(
      read('prometheus.yml').scrape_configs.map(
        (job: { job_name: string; static_configs: { targets: string[] }[] }) => [
          job.job_name,
          job.static_configs.flatMap((config) => config.targets),
        ],
      ),
    );
    const port = (address: string) => address.split(':').at(-1);
    expect(targets).toEqual({
      'missions-api': [`api:${port(compose.services.api.environment.API_METRICS_ADDRESS)}`],
      'missions-worker': [`worker:${port(compose.services.worker.environment.WORKER_METRICS_ADDRESS)}`],
    });
    expect(compose.services.prometheus.ports).toEqual(['127.0.0.1:9090:9090']);
  });
});
