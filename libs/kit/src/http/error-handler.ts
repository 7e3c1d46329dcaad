/**
 * The one place HTTP errors are mapped to the outside:
 * `{ "error": { "code", "message", "details" } }`, and no internals in a 5xx.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DATABASE_RETRY_AFTER_SECONDS, DATABASE_UNAVAILABLE, LedgerbusError, ValidationError, isDatabaseUnavailable } from '../errors';

export const errorResponseSchema = z
  .object({
    error: z
      .object({
        code: z.string().describe('stable snake_case error code, e.g. "validation_failed" or "not_found"'),
        message: z.string().describe('what went wrong, for people; no internals'),
        details: z.unknown().optional().describe('more about it when there is more, e.g. the rejected fields of a 400 (where, dotted path, reason)'),
      })
      .describe('the error'),
  })
  .describe('Every error answer: { "error": { "code", "message", "details" } }');
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

/** One rejected field: where it was (`body`, `querystring` …), its dotted path, and why. */
export interface FieldIssue {
  in?: string;
  path: string;
  reason: string;
}

/** A zod error as a `ValidationError` whose details name each field (same shape as HTTP 400s). */
export function validationErrorFromZod(error: z.ZodError, location?: string): ValidationError {
  const fields: FieldIssue[] = error.issues.map((issue) => ({
    ...(location === undefined ? {} : { in: location }),
    path: issue.path.map(String).join('.'),
    reason: issue.message,
  }));
  return new ValidationError(describeFields(fields), { fields }, error);
}

function describeFields(fields: FieldIssue[]): string {
  const named = fields.map((f) => [f.in, f.path].filter((p) => p !== undefined && p !== '').join('.') || 'input');
  return `invalid ${[...new Set(named)].join(', ')}`;
}

interface Mapped {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
  /** `Retry-After` in seconds (503 while the database is unavailable). */
  retryAfterSeconds?: number;
}

/** fastify's own 4xx codes, renamed to stable snake_case codes. */
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'empty_body',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_content_length',
  FST_ERR_BAD_URL: 'bad_url',
  FST_ERR_ASYNC_CONSTRAINT: 'bad_request',
};

const STATUS_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  408: 'request_timeout',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'unavailable',
};

const GENERIC_5XX: Record<number, string> = {
  503: 'service unavailable, try again later',
};

function isFastifyError(err: unknown): err is FastifyError {
  return err instanceof Error && typeof (err as Partial<FastifyError>).code === 'string';
}

function fieldsOf(err: FastifyError): FieldIssue[] {
  const location = err.validationContext;
  return (err.validation ?? []).map((v) => {
    const missing = typeof v.params?.missingProperty === 'string' ? `/${v.params.missingProperty}` : '';
    const path = `${v.instancePath}${missing}`.split('/').filter(Boolean).join('.');
    return { ...(location === undefined ? {} : { in: location }), path, reason: v.message ?? 'invalid' };
  });
}

export function mapError(err: unknown): Mapped {
  if (hasZodFastifySchemaValidationErrors(err) || (isFastifyError(err) && Array.isArray(err.validation))) {
    const fields = fieldsOf(err);
    return { statusCode: 400, code: 'validation_failed', message: describeFields(fields), details: { fields } };
  }
  if (isDatabaseUnavailable(err)) {
    // Refused or cut connections, a server shutting down or starting, a pool timeout:
    // the client should come back shortly, not see a 500.
    return { statusCode: 503, code: DATABASE_UNAVAILABLE, message: 'the database is unavailable, try again shortly', retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS };
  }
  if (err instanceof LedgerbusError) {
    if (err.statusCode >= 500) {
      return { statusCode: err.statusCode, code: err.code, message: GENERIC_5XX[err.statusCode] ?? 'internal error' };
    }
    return { statusCode: err.statusCode, code: err.code, message: err.message, details: err.details };
  }
  if (isFastifyError(err) && err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) {
    const code = FASTIFY_CODES[err.code] ?? STATUS_CODES[err.statusCode] ?? 'bad_request';
    return { statusCode: err.statusCode, code, message: err.message };
  }
  return { statusCode: 500, code: 'internal_error', message: 'internal error' };
}

export function errorHandler(err: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const mapped = mapError(err);
  if (mapped.code === DATABASE_UNAVAILABLE) {
    request.log.warn({ err, code: mapped.code, statusCode: mapped.statusCode }, 'request failed: database unavailable');
  } else if (mapped.statusCode >= 500) {
    request.log.error({ err }, 'request failed');
  } else {
    request.log.info({ code: mapped.code, statusCode: mapped.statusCode }, 'request rejected');
  }
  const body: ErrorResponse = {
    error: {
      code: mapped.code,
      message: mapped.message,
      ...(mapped.details === undefined ? {} : { details: mapped.details }),
    },
  };
  if (mapped.retryAfterSeconds !== undefined) void reply.header('retry-after', String(mapped.retryAfterSeconds));
  void reply.code(mapped.statusCode).type('application/json; charset=utf-8').send(body);
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply): void {
  const body: ErrorResponse = {
    error: { code: 'not_found', message: `route ${request.method} ${request.url.split('?')[0]} not found` },
  };
  void reply.code(404).send(body);
}
