import { trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { envDetectorSync, Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace-node';

/** A process's tracing once started: the worker hands workflow spans to the same processor. */
export interface Tracing {
  processor: SpanProcessor;
  resource: Resource;
  /** Sends what is buffered; the exporter batches spans for up to 5 s otherwise. */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * Starts tracing when an OTLP endpoint is configured (the standard OTEL_EXPORTER_OTLP_ENDPOINT or
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT; the exporter reads the rest of its OTEL_* settings itself).
 * Without one nothing is registered, so the OpenTelemetry API stays a no-op in the process.
 */
export function startTracing(defaultServiceName: string, env = process.env): Tracing | undefined {
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint || env.OTEL_SDK_DISABLED === 'true') return undefined;
  // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES, when set, win over the process's own name.
  const resource = Resource.default()
    .merge(new Resource({ 'service.name': defaultServiceName }))
    .merge(envDetectorSync.detect());
  const processor = new BatchSpanProcessor(new OTLPTraceExporter());
  const provider = new NodeTracerProvider({ resource, spanProcessors: [processor] });
  provider.register();
  return {
    processor,
    resource,
    flush: () => provider.forceFlush(),
    async shutdown() {
      await provider.shutdown();
      trace.disable();
    },
  };
}
