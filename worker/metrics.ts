import type { TelemetryOptions } from '@temporalio/worker';
import type { MetricsAddress } from '../config/environment.ts';

/**
 * The Temporal SDK's own worker metrics (task latencies, slots, pollers, sticky cache), which its
 * runtime serves itself at `http://<address>/metrics` for Prometheus. Durations in seconds, units
 * and `_total` in the names: Prometheus's conventions, which the other SDKs' metrics and
 * Temporal's published dashboards follow (`temporal_workflow_task_schedule_to_start_latency_seconds`).
 */
export function sdkMetricsTelemetry(at: MetricsAddress | undefined): TelemetryOptions | undefined {
  if (!at) return undefined;
  return {
    metrics: {
      prometheus: {
        bindAddress: at.address,
        countersTotalSuffix: true,
        unitSuffix: true,
        useSecondsForDurations: true,
      },
    },
  };
}
