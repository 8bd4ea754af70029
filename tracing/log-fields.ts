import { isSpanContextValid, trace } from '@opentelemetry/api';

/** The active span's ids for a log line (snake case, as the Temporal interceptors name them). */
export function traceLogFields(): { trace_id?: string; span_id?: string } {
  const span = trace.getActiveSpan()?.spanContext();
  return span && isSpanContextValid(span) ? { trace_id: span.traceId, span_id: span.spanId } : {};
}

/** Pino options whose every line, when the process traces, names the span it was written in. */
export function withTraceIds<Options extends object>(options: Options, tracing: unknown): Options {
  return tracing ? { ...options, mixin: traceLogFields } : options;
}
