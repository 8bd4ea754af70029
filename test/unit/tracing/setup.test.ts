import { trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { startTracing } from '../../../tracing/setup.ts';

describe('startTracing', () => {
  it('starts nothing without an OTLP endpoint, or when the SDK is disabled', () => {
    expect(startTracing('missions-test', {})).toBeUndefined();
    expect(
      startTracing('missions-test', {
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9',
        OTEL_SDK_DISABLED: 'true',
      }),
    ).toBeUndefined();
    // No provider registered: spans are the API's no-op ones, recording nothing.
    const span = trace.getTracer('missions-test').startSpan('probe');
    expect(span.isRecording()).toBe(false);
    span.end();
  });
});
