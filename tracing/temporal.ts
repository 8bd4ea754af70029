import { fileURLToPath } from 'node:url';
import type { ClientInterceptors } from '@temporalio/client';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  type OpenTelemetrySinks,
  OpenTelemetryWorkflowClientInterceptor,
} from '@temporalio/interceptors-opentelemetry';
import type { ActivityInterceptorsFactory, InjectedSinks } from '@temporalio/worker';
import type { Tracing } from './setup.ts';

/**
 * The SDK's workflow interceptors, with span ids of their own (see the module), bundled only for a
 * worker that traces (worker/create-worker.ts; the image prebuilds both bundles). The workflows'
 * spans leave the sandbox through the `exporter` sink.
 */
export const TRACING_WORKFLOW_MODULE = fileURLToPath(
  new URL('../workflows/tracing-interceptors.ts', import.meta.url),
);

/** A started workflow and its Updates carry the caller's trace in their Temporal headers. */
export function clientTracing(tracing: Tracing | undefined): ClientInterceptors | undefined {
  return tracing ? { workflow: [new OpenTelemetryWorkflowClientInterceptor()] } : undefined;
}

/** 'RunActivity:<type>' spans under the workflow's, and the trace ids on the activity's log lines. */
export function activityTracing(tracing: Tracing | undefined): ActivityInterceptorsFactory[] {
  if (!tracing) return [];
  return [
    (context) => ({
      inbound: new OpenTelemetryActivityInboundInterceptor(context),
      outbound: new OpenTelemetryActivityOutboundInterceptor(context),
    }),
  ];
}

/** Every worker registers the sink the bundled interceptors call, or the SDK logs each call as an error. */
export function workflowSpanSinks(tracing: Tracing | undefined): InjectedSinks<OpenTelemetrySinks> {
  return {
    exporter: tracing
      ? makeWorkflowExporter(tracing.processor, tracing.resource)
      : { export: { fn: () => {} } },
  };
}
