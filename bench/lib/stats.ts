/** Percentiles, closed-loop load and the printing every benchmark shares. */

/** Nearest-rank percentile of unsorted samples (NaN when there are none). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

export interface LoadResult {
  label: string;
  concurrency: number;
  /** Operations completed in the measured window (after warm-up). */
  completed: number;
  errors: number;
  seconds: number;
  throughput: number;
  latenciesMs: number[];
  firstError?: string;
  /** CPU ms each process used during the measured window, when a meter was given. */
  cpuMs?: Record<string, number>;
}

export interface LoadOptions {
  label: string;
  concurrency: number;
  durationMs: number;
  warmupMs: number;
  /** One operation by virtual user `vu`, its `n`th; throws when the operation failed. */
  operation: (vu: number, n: number) => Promise<void>;
  /** Reads every process's CPU time; called when the measured window opens and closes. */
  cpuMeter?: () => Promise<Record<string, number>>;
}

/**
 * Closed loop: `concurrency` virtual users each send their next request as soon as the previous
 * one answered. Only requests that start after the warm-up and finish before the end count.
 */
export async function closedLoop(options: LoadOptions): Promise<LoadResult> {
  const start = performance.now();
  const measureFrom = start + options.warmupMs;
  const stopAt = measureFrom + options.durationMs;
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const meter = options.cpuMeter;
  const cpuAtStart = meter
    ? new Promise<Record<string, number>>((resolve) => setTimeout(() => resolve(meter()), options.warmupMs))
    : undefined;
  const cpuAtEnd = meter
    ? new Promise<Record<string, number>>((resolve) =>
        setTimeout(() => resolve(meter()), options.warmupMs + options.durationMs),
      )
    : undefined;
  const users = Array.from({ length: options.concurrency }, async (_, vu) => {
    for (let n = 0; performance.now() < stopAt; n += 1) {
      const sent = performance.now();
      let failed = false;
      try {
        await options.operation(vu, n);
      } catch (error) {
        failed = true;
        firstError ??= (error as Error).message;
      }
      const done = performance.now();
      if (sent >= measureFrom && done <= stopAt) {
        if (failed) errors += 1;
        else latencies.push(done - sent);
      }
    }
  });
  await Promise.all(users);
  const seconds = options.durationMs / 1000;
  let cpuMs: Record<string, number> | undefined;
  if (cpuAtStart && cpuAtEnd) {
    const [before, after] = [await cpuAtStart, await cpuAtEnd];
    cpuMs = Object.fromEntries(
      Object.entries(after).map(([name, value]) => [name, value - (before[name] ?? 0)]),
    );
  }
  return {
    label: options.label,
    concurrency: options.concurrency,
    completed: latencies.length,
    errors,
    seconds,
    throughput: latencies.length / seconds,
    latenciesMs: latencies,
    ...(firstError ? { firstError } : {}),
    ...(cpuMs ? { cpuMs } : {}),
  };
}

/** Merges several rounds of the same load into one result. */
export function mergeResults(results: readonly LoadResult[]): LoadResult {
  const [first] = results;
  if (!first) throw new Error('no results to merge');
  const latenciesMs = results.flatMap((result) => result.latenciesMs);
  const seconds = results.reduce((sum, result) => sum + result.seconds, 0);
  const firstError = results.find((result) => result.firstError)?.firstError;
  const cpuMs: Record<string, number> = {};
  for (const result of results) {
    for (const [name, value] of Object.entries(result.cpuMs ?? {})) cpuMs[name] = (cpuMs[name] ?? 0) + value;
  }
  return {
    label: first.label,
    concurrency: first.concurrency,
    completed: latenciesMs.length,
    errors: results.reduce((sum, result) => sum + result.errors, 0),
    seconds,
    throughput: latenciesMs.length / seconds,
    latenciesMs,
    ...(firstError ? { firstError } : {}),
    ...(Object.keys(cpuMs).length > 0 ? { cpuMs } : {}),
  };
}

/** "CPU per operation: mission worker 12.3 ms, temporal server 4.5 ms, …" */
export function describeCpu(result: LoadResult): string {
  const operations = result.completed + result.errors;
  if (!result.cpuMs || operations === 0) return '';
  const grouped: Record<string, number> = {};
  for (const [name, value] of Object.entries(result.cpuMs)) {
    if (!Number.isFinite(value)) continue;
    const group = name.startsWith('postgres backend ') ? 'postgres backends' : name;
    grouped[group] = (grouped[group] ?? 0) + value;
  }
  const parts = Object.entries(grouped).map(([name, value]) => `${name} ${fmt(value / operations, 2)}`);
  const total = Object.values(grouped).reduce((sum, value) => sum + value, 0);
  return `CPU ms per operation: ${parts.join(', ')} (total ${fmt(total / operations, 2)})`;
}

export const fmt = (value: number, digits = 1): string =>
  Number.isFinite(value) ? value.toFixed(digits) : 'n/a';

export function describeLoad(result: LoadResult): string {
  return [
    `${result.label.padEnd(44)}`,
    `${fmt(result.throughput).padStart(8)} req/s`,
    `p50 ${fmt(percentile(result.latenciesMs, 50)).padStart(7)} ms`,
    `p99 ${fmt(percentile(result.latenciesMs, 99)).padStart(7)} ms`,
    `n=${result.completed}`,
    `errors=${result.errors}`,
  ].join('  ');
}

/** "ratio 0.42 (target ≥ 0.8: NOT MET)" */
export function verdict(ratio: number, target: number, direction: '>=' | '<='): string {
  const met = direction === '>=' ? ratio >= target : ratio <= target;
  return `${fmt(ratio, 2)} (target ${direction === '>=' ? '≥' : '≤'} ${target}: ${met ? 'met' : 'NOT MET'})`;
}

export function heading(title: string): void {
  process.stdout.write(`\n=== ${title} ===\n`);
}

export function line(text = ''): void {
  process.stdout.write(`${text}\n`);
}

export const mb = (bytes: number): string => `${fmt(bytes / 1024 / 1024, 0)} MB`;
