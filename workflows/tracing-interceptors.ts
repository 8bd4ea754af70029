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

// Gives the sandbox the `performance` OpenTelemetry reads when its modules load: first, alone.
import '@temporalio/interceptors-opentelemetry/lib/workflow/runtime.js';
import { type Context, context, type Span, type Tracer, trace } from '@opentelemetry/api';
import { BasicTracerProvider, type IdGenerator, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import {
  OpenTelemetryInboundInterceptor,
  OpenTelemetryInternalsInterceptor,
  OpenTelemetryOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry/lib/workflow/index.js';
import { SpanExporter } from '@temporalio/interceptors-opentelemetry/lib/workflow/span-exporter.js';
import {
  type ActivityInput,
  type LocalActivityInput,
  type Next,
  type UpdateInput,
  type WorkflowExecuteInput,
  type WorkflowInboundCallsInterceptor,
  type WorkflowInterceptorsFactory,
  type WorkflowOutboundCallsInterceptor,
  workflowInfo,
} from '@temporalio/workflow';

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

/**
 * Per workflow: the span of its main function and the Updates being handled, oldest first. An
 * Update handler here waits for work its workflow's main loop does (the projection it returns),
 * so an activity the loop schedules while Updates wait belongs to the oldest one's trace, not to
 * the trace that started the workflow months ago.
 */
interface InFlight {
  main?: Span;
  updates: Context[];
}

class Inbound extends OpenTelemetryInboundInterceptor {
  protected override readonly tracer = workflowTracer();

  private readonly inFlight: InFlight;

  constructor(inFlight: InFlight) {
    super();
    this.inFlight = inFlight;
  }

  // Neither wrapper awaits: an extra turn of the event loop could reorder a recorded history's commands.
  override execute(input: WorkflowExecuteInput, next: Next<WorkflowInboundCallsInterceptor, 'execute'>) {
    return super.execute(input, (given) => {
      this.inFlight.main = trace.getActiveSpan();
      return next(given);
    });
  }

  override handleUpdate(input: UpdateInput, next: Next<WorkflowInboundCallsInterceptor, 'handleUpdate'>) {
    return super.handleUpdate(input, (given) => {
      const update = context.active();
      this.inFlight.updates.push(update);
      const done = () => {
        this.inFlight.updates = this.inFlight.updates.filter((candidate) => candidate !== update);
      };
      const handled = next(given);
      handled.then(done, done);
      return handled;
    });
  }
}

class Outbound extends OpenTelemetryOutboundInterceptor {
  protected override readonly tracer = workflowTracer();

  private readonly inFlight: InFlight;

  constructor(inFlight: InFlight) {
    super();
    this.inFlight = inFlight;
  }

  override scheduleActivity(
    input: ActivityInput,
    next: Next<WorkflowOutboundCallsInterceptor, 'scheduleActivity'>,
  ) {
    return this.inWaitingUpdate(() => super.scheduleActivity(input, next));
  }

  // The mission projects by local activity (workflows/patches.ts LEAN_MISSION_COMMANDS).
  override scheduleLocalActivity(
    input: LocalActivityInput,
    next: Next<WorkflowOutboundCallsInterceptor, 'scheduleLocalActivity'>,
  ) {
    return this.inWaitingUpdate(() => super.scheduleLocalActivity(input, next));
  }

  private inWaitingUpdate<T>(schedule: () => T): T {
    const [waiting] = this.inFlight.updates;
    const fromMain = trace.getActiveSpan() === this.inFlight.main;
    return waiting && fromMain ? context.with(waiting, schedule) : schedule();
  }
}

export const interceptors: WorkflowInterceptorsFactory = () => {
  const inFlight: InFlight = { updates: [] };
  return {
    inbound: [new Inbound(inFlight)],
    outbound: [new Outbound(inFlight)],
    internals: [new OpenTelemetryInternalsInterceptor()],
  };
};
