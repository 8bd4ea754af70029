/**
 * Workflow interceptor module (bundled with the workflows, see worker/create-worker.ts): the
 * Temporal SDK's OpenTelemetry interceptors, whose spans ('RunWorkflow', 'HandleUpdate',
 * 'StartActivity') leave the sandbox through the worker's `exporter` sink, with span ids that
 * do not come from the workflow's random numbers.
 *
 * The SDK's tracer draws its ids from Math.random, which in a workflow is the seeded generator
 * that uuid4() also draws from: every span shifted the ids the workflow made afterwards, so a
 * history recorded without spans no longer replayed (a payout's child workflow id changed).
 * Span ids need no determinism (replays export nothing and Temporal does not compare headers),
 * only to differ: they hash the run id with a counter.
 */

import type { Tracer } from '@opentelemetry/api';
import { BasicTracerProvider, type IdGenerator, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import {
  OpenTelemetryInboundInterceptor,
  OpenTelemetryInternalsInterceptor,
  OpenTelemetryOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry/lib/workflow/index.js';
import { SpanExporter } from '@temporalio/interceptors-opentelemetry/lib/workflow/span-exporter.js';
import { type WorkflowInterceptorsFactory, workflowInfo } from '@temporalio/workflow';

let sequence = 0;

/** FNV-1a, 32 bits: enough spread for ids that only need to differ. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

function hexId(bytes: number): string {
  sequence += 1;
  const seed = `${workflowInfo().runId}/${sequence}`;
  let id = '';
  for (let part = 0; id.length < bytes * 2; part++)
    id += fnv1a(`${seed}/${part}`).toString(16).padStart(8, '0');
  // An id of zeros is invalid in W3C trace context.
  return /^0+$/.test(id) ? `${id.slice(0, -1)}1` : id;
}

const idGenerator: IdGenerator = { generateTraceId: () => hexId(16), generateSpanId: () => hexId(8) };

let tracer: Tracer | undefined;
/** The SDK's own provider (created by its interceptors) registers the sandbox's context manager. */
function workflowTracer(): Tracer {
  tracer ??= new BasicTracerProvider({
    idGenerator,
    spanProcessors: [new SimpleSpanProcessor(new SpanExporter())],
  }).getTracer('@temporalio/interceptor-workflow');
  return tracer;
}

class Inbound extends OpenTelemetryInboundInterceptor {
  protected override readonly tracer = workflowTracer();
}

class Outbound extends OpenTelemetryOutboundInterceptor {
  protected override readonly tracer = workflowTracer();
}

export const interceptors: WorkflowInterceptorsFactory = () => ({
  inbound: [new Inbound()],
  outbound: [new Outbound()],
  internals: [new OpenTelemetryInternalsInterceptor()],
});
