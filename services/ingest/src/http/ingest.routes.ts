/**
 * The write routes: `POST /v1/tenants/{tenant}/{customers|invoices|payments}` (one record or a
 * batch), `POST …/{invoices|payments}/{id}/void` and `DELETE …/{entity}/{id}`. Each is behind
 * the ingest access rule and the tenant's rate limit, honours Idempotency-Key, and answers once
 * the records are durable on their topic.
 */
import type { FastifyReply, FastifySchemaCompiler } from 'fastify';
import { LedgerbusError, ValidationError } from '@ledgerbus/kit';
import type { AuthPreHandler, HttpServer } from '@ledgerbus/kit';
import type { IngestContext } from '../context';
import type { EntitySpec, Operation } from '../domain/entities';
import { ENTITIES, ENTITY_NAMES } from '../domain/entities';
import { recordsOfBody } from '../domain/records';
import { requestHash } from '../domain/request-hash';
import { runIdempotent } from '../use-cases/idempotency';
import { ingestRecords } from '../use-cases/ingest';
import type { IngestAnswer } from '../use-cases/ingest';
import { ingestAccess } from './access';
import { idempotencyHeaders, ingestBody, recordParams, removeBody, removeQuery, tenantParams, writeResponses } from './schemas';

/** "invoices" → "Invoices", "invoice" → "Invoice": operationIds. */
const title = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

/**
 * The body reaches the handler as sent (the route's schema documents it): records are checked
 * one by one there, so that a bad record is named by its index and does not refuse the batch.
 * Params, query and headers are validated by the server's compiler as usual.
 */
function bodyAsSent(app: HttpServer): FastifySchemaCompiler<unknown> {
  const compile = app.validatorCompiler;
  if (compile === undefined) throw new Error('the HTTP server has no validator compiler');
  return (route) => (route.httpPart === 'body' ? (data: unknown) => ({ value: data }) : compile(route));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface WriteRequest {
  tenantId: string;
  method: string;
  url: string;
  body: unknown;
  idempotencyKey: string | undefined;
}

async function answer(ctx: IngestContext, reply: FastifyReply, request: WriteRequest, run: () => Promise<IngestAnswer>): Promise<FastifyReply> {
  try {
    const { answer: result, replayed } = await runIdempotent(
      ctx,
      { tenantId: request.tenantId, key: request.idempotencyKey, hash: () => requestHash(request.method, request.url, request.body) },
      run,
    );
    if (replayed) void reply.header('idempotent-replayed', 'true');
    return reply.code(result.statusCode).send(result.body);
  } catch (err) {
    if (err instanceof LedgerbusError && err.code === 'request_in_progress') void reply.header('retry-after', '1');
    throw err;
  }
}

export function registerIngestRoutes(app: HttpServer, ctx: IngestContext, rateLimit: AuthPreHandler): void {
  const access = ingestAccess(app);
  const validatorCompiler = bodyAsSent(app);

  const removeRoute = (spec: EntitySpec, operation: Exclude<Operation, 'upsert'>): void => {
    const type = spec.operations[operation];
    if (type === undefined) return;
    const singular = title(spec.singular);
    const common = { preHandler: [access, rateLimit], validatorCompiler };
    const run = (tenantId: string, id: string, fields: Record<string, unknown>) => () =>
      ingestRecords(ctx, { tenantId, entity: spec.name, operation, raw: [{ ...fields, [spec.idField]: id }] });

    if (operation === 'void') {
      app.post(
        `/v1/tenants/:tenant/${spec.name}/:id/void`,
        {
          ...common,
          schema: {
            operationId: `void${singular}`,
            tags: [spec.name],
            summary: `Void a ${spec.singular} in QBO (publishes ${type})`,
            params: recordParams,
            headers: idempotencyHeaders,
            body: removeBody,
            response: writeResponses,
          },
        },
        async (request, reply) => {
          const body: unknown = request.body;
          if (body !== undefined && body !== null && !isObject(body)) {
            throw new ValidationError('invalid body: expected a JSON object or none', { fields: [{ in: 'body', path: '', reason: 'expected a JSON object' }] });
          }
          const fields = isObject(body) ? body : {};
          return answer(ctx, reply, { tenantId: request.params.tenant, method: request.method, url: request.url, body, idempotencyKey: request.headers['idempotency-key'] }, run(request.params.tenant, request.params.id, fields));
        },
      );
      return;
    }
    app.delete(
      `/v1/tenants/:tenant/${spec.name}/:id`,
      {
        ...common,
        schema: {
          operationId: `delete${singular}`,
          tags: [spec.name],
          summary: `Delete a ${spec.singular} (publishes ${type})`,
          params: recordParams,
          querystring: removeQuery,
          headers: idempotencyHeaders,
          response: writeResponses,
        },
      },
      async (request, reply) => {
        const { division, version } = request.query;
        const fields = {
          ...(division === undefined ? {} : { divisionId: division }),
          // A version that is not a whole number is passed on as it is, for the contract to name it.
          ...(version === undefined ? {} : { version: /^\d{1,15}$/.test(version) ? Number(version) : version }),
        };
        return answer(ctx, reply, { tenantId: request.params.tenant, method: request.method, url: request.url, body: undefined, idempotencyKey: request.headers['idempotency-key'] }, run(request.params.tenant, request.params.id, fields));
      },
    );
  };

  for (const name of ENTITY_NAMES) {
    const spec = ENTITIES[name];
    app.post(
      `/v1/tenants/:tenant/${spec.name}`,
      {
        preHandler: [access, rateLimit],
        validatorCompiler,
        schema: {
          operationId: `ingest${title(spec.name)}`,
          tags: [spec.name],
          summary: `Send ${spec.name} (one, or { records: [...] } with up to ${ctx.config.maxBatch}); 202 once they are durable on ${ctx.topics[name].name}`,
          description:
            `Each record is checked against the ${spec.operations.upsert} contract; bad records are listed in \`rejected\` by index and field while the good ones are accepted. ` +
            'No valid record: 422 `records_rejected` with the same list. `version` may be left out: the service assigns the next one.',
          params: tenantParams,
          headers: idempotencyHeaders,
          body: ingestBody(spec, ctx.config.maxBatch),
          response: writeResponses,
        },
      },
      async (request, reply) => {
        const body: unknown = request.body;
        const { raw } = recordsOfBody(body, ctx.config.maxBatch);
        return answer(ctx, reply, { tenantId: request.params.tenant, method: request.method, url: request.url, body, idempotencyKey: request.headers['idempotency-key'] }, () =>
          ingestRecords(ctx, { tenantId: request.params.tenant, entity: name, operation: 'upsert', raw }),
        );
      },
    );
    removeRoute(spec, 'void');
    removeRoute(spec, 'delete');
  }
}
