/**
 * A local stand-in for Resend's HTTP API that enforces its request contract (POST /emails,
 * bearer key, JSON body with from/to/subject and html or text, Idempotency-Key replay) and
 * records what it accepted. Resend itself is on the internet, which tests never call.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedEmail {
  id: string;
  from: string;
  to: string[];
  subject: string;
  /** Resend's `reply_to`, when the e-mail has one. */
  replyTo?: string[];
  html?: string;
  text?: string;
  idempotencyKey: string | undefined;
  attachments: { filename: string; bytes: Buffer }[];
}

export interface ResendContractServer {
  url: string;
  apiKey: string;
  /** Every accepted send, replays excluded: what a real inbox would have received. */
  received: ReceivedEmail[];
  /** Addresses answered with Resend's 422 validation_error, as for an invalid recipient. */
  rejectAddresses: Set<string>;
  /** The next N requests fail with 500, to exercise retries. */
  failNext(count: number): void;
  close(): Promise<void>;
}

// A bare address, or a display name before the address in angle brackets: plain words, or
// quoted (\" and \\ escaped) when it holds a character with a meaning in an address (RFC 5322:
// `Dupont, Jean` names two recipients); never a line break.
const EMAIL = /^(?:(?:"(?:[^"\\\r\n]|\\.)*"|[^()<>[\]:;@\\,"\r\n]*)\s*<)?[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>?$/;

export async function startResendContractServer(): Promise<ResendContractServer> {
  const apiKey = `re_test_${randomUUID().slice(0, 8)}`;
  const received: ReceivedEmail[] = [];
  const rejectAddresses = new Set<string>();
  const byKey = new Map<string, { status: number; body: unknown; request: string }>();
  let failures = 0;

  const answer = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const error = (res: http.ServerResponse, status: number, name: string, message: string) =>
    answer(res, status, { statusCode: status, name, message });

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method !== 'POST' || req.url !== '/emails')
      return error(res, 405, 'method_not_allowed', `${req.method} ${req.url}`);
    if (req.headers.authorization !== `Bearer ${apiKey}`)
      return error(res, 401, 'invalid_api_key', 'API key is invalid');
    if (!req.headers['content-type']?.startsWith('application/json'))
      return error(res, 422, 'validation_error', 'JSON body expected');
    if (failures > 0) {
      failures -= 1;
      return error(res, 500, 'internal_server_error', 'injected failure');
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return error(res, 422, 'validation_error', 'Body is not JSON');
    }
    const to = Array.isArray(body.to) ? body.to : [body.to];
    if (typeof body.from !== 'string' || !EMAIL.test(body.from))
      return error(res, 422, 'invalid_from_address', 'Invalid `from` field');
    if (
      to.length === 0 ||
      to.length > 50 ||
      !to.every((address) => typeof address === 'string' && EMAIL.test(address))
    ) {
      return error(res, 422, 'validation_error', 'Invalid `to` field');
    }
    const replyTo = body.reply_to === undefined ? undefined : [body.reply_to].flat();
    if (replyTo && !replyTo.every((address) => typeof address === 'string' && EMAIL.test(address)))
      return error(res, 422, 'validation_error', 'Invalid `reply_to` field');
    if (typeof body.subject !== 'string' || body.subject === '')
      return error(res, 422, 'missing_required_field', 'Missing `subject` field');
    if (typeof body.html !== 'string' && typeof body.text !== 'string')
      return error(res, 422, 'validation_error', 'Missing `html` or `text` field');
    const attachments = body.attachments === undefined ? [] : body.attachments;
    if (
      !Array.isArray(attachments) ||
      !attachments.every(
        (file) =>
          typeof file?.filename === 'string' &&
          typeof file?.content === 'string' &&
          /^[A-Za-z0-9+/]*={0,2}$/.test(file.content),
      )
    ) {
      return error(res, 422, 'invalid_attachment', 'Attachments need a filename and base64 content');
    }
    const key = req.headers['idempotency-key'] as string | undefined;
    if (key !== undefined && (key.length < 1 || key.length > 256))
      return error(res, 400, 'invalid_idempotency_key', 'Idempotency key must be 1-256 characters');
    const replay = key ? byKey.get(key) : undefined;
    if (replay) {
      // Like Resend: a key replayed with another body is refused, not silently answered.
      if (replay.request !== JSON.stringify(body)) {
        return error(
          res,
          409,
          'invalid_idempotent_request',
          'Same idempotency key used with a different request payload',
        );
      }
      return answer(res, replay.status, replay.body);
    }
    if (to.some((address) => rejectAddresses.has(String(address).replace(/^.*<|>$/g, '')))) {
      return error(res, 422, 'validation_error', 'Invalid `to` field. The email address is not valid.');
    }
    const email: ReceivedEmail = {
      id: randomUUID(),
      from: body.from,
      to: to as string[],
      subject: body.subject,
      ...(replyTo ? { replyTo: replyTo as string[] } : {}),
      html: body.html as string | undefined,
      text: body.text as string | undefined,
      idempotencyKey: key,
      attachments: attachments.map((file: { filename: string; content: string }) => ({
        filename: file.filename,
        bytes: Buffer.from(file.content, 'base64'),
      })),
    };
    received.push(email);
    if (key) byKey.set(key, { status: 200, body: { id: email.id }, request: JSON.stringify(body) });
    answer(res, 200, { id: email.id });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    received,
    rejectAddresses,
    failNext: (count) => {
      failures = count;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
