/**
 * One POST …/sessions is one trace: the API's request span, the Temporal client's Update, the
 * workflow's handling of it and the projection activity, exported by OTLP to a local receiver;
 * the API's log lines for the request carry its trace id. The OpenTelemetry SDK is global to the
 * process: this file's process (vitest forks one per file) starts it once, as api/server.ts does.
 */
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTraceIds } from '../../tracing/log-fields.ts';
import { startTracing, type Tracing } from '../../tracing/setup.ts';
import { type RunningApi, startApi } from '../support/api-harness.ts';
import { type MissionBody, readJson } from '../support/http.ts';
import {
  type OtlpReceiver,
  type ReceivedSpan,
  spanTree,
  startOtlpReceiver,
} from '../support/otlp-receiver.ts';

const SERVER = 2;

describe('traces across API → Temporal client → workflow → activities', () => {
  let receiver: OtlpReceiver;
  let tracing: Tracing;
  let api: RunningApi;
  let token: string;
  const logLines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = receiver.endpoint;
    const started = startTracing('missions-traces-test');
    if (!started) throw new Error('tracing did not start with OTEL_EXPORTER_OTLP_ENDPOINT set');
    tracing = started;
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
          logLines.push(JSON.parse(line));
        done();
      },
    });
    api = await startApi(
      {},
      { tracing, app: { tracing: true, logger: withTraceIds({ level: 'info', stream }, tracing) } },
    );
    token = await api.token({ subject: 'coord-traces', role: 'coordinator' });
  });
  afterAll(async () => {
    await api?.stop();
    await tracing?.shutdown();
    await receiver?.close();
  });

  const post = (path: string, body: unknown) =>
    fetch(`${api.baseUrl}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify(body),
    });

  it('links the request, the Update, the workflow and the projection activity in one trace', async () => {
    const created = await post('/missions', {
      title: 'Ateliers traces',
      client: { name: `Traces ${randomUUID().slice(0, 8)}` },
      sector: 'company',
      dealType: 'subcontracting',
      coordinator: { id: 'coord-traces', name: 'Alex Durand', email: 'alex@example.org' },
      endDate: '2030-12-31',
      orderLines: [{ kind: 'workshop', quantity: 2, participantsPerSession: 15, unitPriceCents: 90_000 }],
    });
    expect(created.status).toBe(201);
    const mission = await readJson<MissionBody>(created);
    const startsAt = new Date(Date.now() + 10 * 24 * 3600_000);
    const planned = await post(`/missions/${mission.id}/sessions`, {
      kind: 'workshop',
      title: 'Atelier tracé',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3 * 3600_000).toISOString(),
      location: { mode: 'online', url: 'https://visio.example.org/atelier' },
      capacity: 15,
      otherFacilitators: 0,
    });
    expect(planned.status, await planned.clone().text()).toBe(201);

    const update = () => receiver.spans.find((span) => span.name === 'StartWorkflowUpdate:planSession');
    const inTrace = () => receiver.spans.filter((span) => span.traceId === update()?.traceId);
    try {
      await expect
        .poll(async () => {
          await tracing.flush();
          return inTrace().map((span) => span.name);
        })
        .toContain('RunActivity:projectMission');
    } finally {
      console.info(
        `trace ${update()?.traceId} of POST /missions/:missionId/sessions\n${spanTree(inTrace())}`,
      );
    }

    const spans = inTrace();
    const one = (name: string): ReceivedSpan => {
      const found = spans.filter((span) => span.name === name);
      expect(found.map((span) => span.name)).toEqual([name]);
      return found[0] as ReceivedSpan;
    };
    const request = one('POST /missions/:missionId/sessions');
    expect(request.kind).toBe(SERVER);
    expect(request.parentSpanId).toBeUndefined();
    // Each span is a child of the one before: handler, Update, its handling in the mission
    // workflow, the projection the handler waits for, and its run in the worker.
    const chain = [
      request,
      one('handler /missions/:missionId/sessions'),
      one('StartWorkflowUpdate:planSession'),
      one('HandleUpdate:planSession'),
      one('StartActivity:projectMission'),
      one('RunActivity:projectMission'),
    ];
    for (const [index, span] of chain.entries())
      if (index > 0) expect(span.parentSpanId, span.name).toBe(chain[index - 1]?.spanId);

    const incoming = logLines.find(
      (line) =>
        line.msg === 'incoming request' &&
        (line.req as { url?: string }).url === `/missions/${mission.id}/sessions`,
    );
    const requestLines = logLines.filter((line) => line.reqId === incoming?.reqId);
    expect(
      requestLines.filter((line) => line.trace_id === request.traceId).map((line) => line.msg),
    ).toContain('request completed');
    expect(requestLines.filter((line) => line.trace_id && line.trace_id !== request.traceId)).toEqual([]);
  });

  it('leaves readiness probes untraced', async () => {
    expect((await fetch(`${api.baseUrl}/health/ready`)).status).toBe(200);
    await tracing.flush();
    expect(receiver.spans.filter((span) => span.name.includes('/health/'))).toEqual([]);
  });
});
