import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { redactLinkTokens } from '../log-redaction.ts';
import { ProblemError, titleFor } from '../problems.ts';
import { ProblemSchema } from '../schemas/problem.ts';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance: string;
  [extension: string]: unknown;
}

function body(
  request: FastifyRequest,
  status: number,
  code: string,
  detail: string,
  extensions: Record<string, unknown> = {},
): ProblemBody {
  return {
    type: `urn:mission-orchestration:problem:${code.toLowerCase().replaceAll('_', '-')}`,
    title: titleFor(status),
    status,
    code,
    detail,
    // The path names the problem's resource; a link's token in it is a credential.
    instance: redactLinkTokens(request.url),
    ...extensions,
  };
}

export function sendProblem(reply: FastifyReply, problem: ProblemBody): FastifyReply {
  return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(problem);
}

/**
 * Validation stops at the first issue (api/app.ts); a schema with alternatives may still report
 * a few, and paths echo the caller's keys: the answer stays small whatever was sent.
 */
const MAX_LISTED_ERRORS = 10;
const MAX_ERROR_TEXT = 200;
const clip = (text: string) => (text.length > MAX_ERROR_TEXT ? `${text.slice(0, MAX_ERROR_TEXT)}…` : text);

/** Fastify's own errors (parsing, limits, validation) translated to stable codes. */
function fromFastifyError(request: FastifyRequest, error: FastifyError): ProblemBody {
  if (error.validation) {
    const errors = error.validation.slice(0, MAX_LISTED_ERRORS).map((issue) => {
      const path = `${error.validationContext ?? ''}${issue.instancePath || ''}`;
      // Ajv reports an unknown field at its parent ("must NOT have additional properties"):
      // a front end needs the field's own name to show which one to drop.
      const unknown = issue.keyword === 'additionalProperties' ? issue.params?.additionalProperty : undefined;
      if (typeof unknown === 'string')
        return { path: clip(`${path}/${unknown}`), message: 'is not a known field' };
      return { path: clip(path), message: clip(issue.message ?? 'is invalid') };
    });
    const detail = errors.map((issue) => `${issue.path} ${issue.message}`).join('; ');
    return body(request, 422, 'VALIDATION_FAILED', `The request is invalid: ${detail}.`, { errors });
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return body(
        request,
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        `Content type ${request.headers['content-type'] ?? '(none)'} is not accepted here.`,
      );
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return body(request, 413, 'PAYLOAD_TOO_LARGE', 'The request body is larger than this route accepts.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return body(request, 400, 'MALFORMED_BODY', 'The request declares a JSON body but sends none.');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return body(request, 400, 'MALFORMED_BODY', 'The request body is not valid JSON.');
  }
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') {
    return body(request, 400, 'MALFORMED_BODY', 'The request body could not be read.');
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return body(request, status, error.code ?? `HTTP_${status}`, error.message);
  }
  return body(request, 500, 'INTERNAL_ERROR', 'Something went wrong on our side; it has been logged.');
}

/** One error format for every failure, including unknown routes. */
export const problemDetails = fp(async (app: FastifyInstance) => {
  app.addSchema(ProblemSchema);

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem =
      error instanceof ProblemError
        ? body(request, error.status, error.code, error.message, error.extensions)
        : fromFastifyError(request, error);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    if (problem.status === 401) reply.header('www-authenticate', 'Bearer');
    return sendProblem(reply, problem);
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      reply,
      body(
        request,
        404,
        'ROUTE_NOT_FOUND',
        `No route ${request.method} ${redactLinkTokens(request.url.split('?')[0] ?? '')}.`,
      ),
    ),
  );
});
