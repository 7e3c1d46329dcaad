import type { MessageBus } from '@ledgerbus/bus';
import { errorResponseSchema, NotFoundError } from '@ledgerbus/kit';
import type { HttpServer } from '@ledgerbus/kit';
import { z } from 'zod';
import type { MappingContext } from '../context';
import type { DeadLetter } from '../db/dead-letters.repository';
import { deadLettersRepository } from '../db/dead-letters.repository';
import { DEAD_LETTER_STATUSES, originalHeaders } from '../domain/dead-letters';
import { replayDeadLetters } from '../use-cases/dead-letters';
import { actorOf, tenantAccess, tenantParams } from './access';
import { iso } from './schemas';

const deadLetterId = z.string().regex(/^[0-9]{1,18}$/, 'a dead-letter id (digits)');
const sourceTopic = z.string().min(1).max(200).describe('the topic it died on, e.g. "platform.invoices.v1"');
const code = z.string().min(1).max(200).describe('the reason code, e.g. "contract_violation"');
const division = z.string().min(1).max(100).describe("only this division's dead letters");

export const deadLetterParams = z.object({ tenant: z.string().min(1).max(100), id: deadLetterId });

export const deadLetterQuery = z.object({
  topic: sourceTopic.optional(),
  code: code.optional(),
  status: z.enum(DEAD_LETTER_STATUSES).optional(),
  division: division.optional(),
  before: deadLetterId.optional().describe('cursor: dead letters older than this id (the `next` of the previous page)'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const deadLetterView = z.object({
  id: z.string(),
  divisionId: z.string().nullable().describe('the division the record belongs to (null: the tenant itself)'),
  sourceTopic: z.string(),
  sourcePartition: z.number().int().nullable(),
  sourceOffset: z.string().nullable(),
  eventId: z.string().nullable().describe('ce_id of the message, when it had one'),
  eventType: z.string().nullable().describe('ce_type of the message, when it had one'),
  code: z.string().describe('why it died: contract_violation, undecodable_message, key_mismatch, or the error code of the handler that gave up'),
  message: z.string(),
  handler: z.string().nullable().describe('the consumer that dead-lettered it'),
  attempts: z.number().int().nullable().describe('attempts the handler made (0: refused before it, e.g. a parse error)'),
  failedAt: z.string(),
  receivedAt: z.string(),
  replayable: z.boolean(),
  notReplayableReason: z.string().nullable(),
  status: z.enum(DEAD_LETTER_STATUSES),
  replayedAt: z.string().nullable(),
  replayedBy: z.string().nullable().describe('the user or service account that replayed it'),
});

export const deadLetterDetail = deadLetterView.extend({
  key: z.string().nullable(),
  headers: z.record(z.string(), z.string()).describe('the headers it had on its source topic (what a replay sends), without the dlq_* diagnostics'),
  value: z
    .object({
      base64: z.string(),
      text: z.string().nullable().describe('the bytes as UTF-8 text, when they are valid UTF-8'),
      size: z.number().int(),
    })
    .nullable()
    .describe('the message value exactly as it was (it may not be valid JSON)'),
});

const replayFilter = z
  .object({ topic: sourceTopic.optional(), code: code.optional(), division: division.optional() })
  .strict()
  .describe('replay the oldest pending, replayable dead letters that match');

export const deadLetterReplayBody = z
  .object({
    ids: z.array(deadLetterId).min(1).max(100).optional().describe('these dead letters (every one must be the tenant\'s: otherwise 404 and none is replayed)'),
    filter: replayFilter.optional(),
    limit: z.number().int().min(1).max(500).optional().describe('with `filter`: at most this many (default 100)'),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.ids === undefined && body.filter === undefined) ctx.addIssue({ code: 'custom', path: ['ids'], message: 'give `ids` or `filter`' });
    if (body.ids !== undefined && body.filter !== undefined) ctx.addIssue({ code: 'custom', path: ['filter'], message: 'give `ids` or `filter`, not both' });
    if (body.ids !== undefined && body.limit !== undefined) ctx.addIssue({ code: 'custom', path: ['limit'], message: '`limit` goes with `filter`' });
  });

export const deadLetterReplayResponse = z.object({
  results: z.array(
    z.object({
      id: z.string(),
      outcome: z
        .enum(['replayed', 'already_replayed', 'not_replayable'])
        .describe('replayed: republished now; already_replayed: replayed before (see replayedAt/By), not sent again; not_replayable: see reason'),
      sourceTopic: z.string(),
      replayedAt: z.string().nullable(),
      replayedBy: z.string().nullable(),
      reason: z.string().nullable(),
    }),
  ),
  counts: z.object({ replayed: z.number().int(), alreadyReplayed: z.number().int(), notReplayable: z.number().int() }),
});

function viewOf(d: DeadLetter): z.infer<typeof deadLetterView> {
  return {
    id: d.id,
    divisionId: d.divisionId,
    sourceTopic: d.sourceTopic,
    sourcePartition: d.sourcePartition,
    sourceOffset: d.sourceOffset,
    eventId: d.eventId,
    eventType: d.eventType,
    code: d.code,
    message: d.message,
    handler: d.handler,
    attempts: d.attempts,
    failedAt: d.failedAt.toISOString(),
    receivedAt: d.receivedAt.toISOString(),
    replayable: d.notReplayableReason === null,
    notReplayableReason: d.notReplayableReason,
    status: d.status,
    replayedAt: iso(d.replayedAt),
    replayedBy: d.replayedBy,
  };
}

function utf8(value: Buffer): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(value);
  } catch {
    return null;
  }
}

const errors = { 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema };

/**
 * Dead letters of the platform topics, per tenant: list, read one (with its key, headers
 * and value), replay. A dead letter whose tenant could not be told is in no tenant's list.
 */
export function registerDeadLetterRoutes(app: HttpServer, ctx: MappingContext, bus: MessageBus): void {
  app.get(
    '/v1/tenants/:tenant/dead-letters',
    {
      preHandler: tenantAccess(app, 'read'),
      schema: {
        operationId: 'listDeadLetters',
        tags: ['dead letters'],
        summary: "The tenant's dead-lettered platform messages (platform.*.dlq), newest first, with why they died",
        params: tenantParams,
        querystring: deadLetterQuery,
        response: { 200: z.object({ deadLetters: z.array(deadLetterView), next: z.string().nullable() }), ...errors },
      },
    },
    async (request) => {
      const { limit, ...filter } = request.query;
      const letters = await deadLettersRepository.list(ctx.knex, request.params.tenant, { ...filter, limit });
      const last = letters[letters.length - 1];
      return { deadLetters: letters.map(viewOf), next: letters.length === limit && last !== undefined ? last.id : null };
    },
  );

  app.get(
    '/v1/tenants/:tenant/dead-letters/:id',
    {
      preHandler: tenantAccess(app, 'read'),
      schema: {
        operationId: 'getDeadLetter',
        tags: ['dead letters'],
        summary: 'One dead letter with its key, headers and value as they were on the source topic',
        params: deadLetterParams,
        response: { 200: deadLetterDetail, ...errors },
      },
    },
    async (request) => {
      const d = await deadLettersRepository.get(ctx.knex, request.params.tenant, request.params.id);
      if (d === undefined) throw new NotFoundError(`dead letter ${request.params.id} not found`);
      return {
        ...viewOf(d),
        key: d.key,
        headers: originalHeaders(d.headers),
        value: d.value === null ? null : { base64: d.value.toString('base64'), text: utf8(d.value), size: d.value.length },
      };
    },
  );

  app.post(
    '/v1/tenants/:tenant/dead-letters/replay',
    {
      preHandler: tenantAccess(app, 'write'),
      schema: {
        operationId: 'replayDeadLetters',
        tags: ['dead letters'],
        summary:
          'Republish dead letters to their source topic (same key, value and headers) so the consumer handles them again after a fix; marks them replayed. One already replayed is not sent again.',
        params: tenantParams,
        body: deadLetterReplayBody,
        response: { 200: deadLetterReplayResponse, ...errors },
      },
    },
    async (request) => {
      const { ids, filter, limit } = request.body;
      const results = await replayDeadLetters(ctx, bus, {
        tenantId: request.params.tenant,
        actor: actorOf(request),
        request: ids !== undefined ? { ids } : { filter: filter ?? {}, limit: limit ?? 100 },
      });
      const count = (outcome: string) => results.filter((r) => r.outcome === outcome).length;
      return {
        results: results.map(({ deadLetter: d, outcome }) => ({
          id: d.id,
          outcome,
          sourceTopic: d.sourceTopic,
          replayedAt: iso(d.replayedAt),
          replayedBy: d.replayedBy,
          reason: outcome === 'not_replayable' ? d.notReplayableReason : null,
        })),
        counts: { replayed: count('replayed'), alreadyReplayed: count('already_replayed'), notReplayable: count('not_replayable') },
      };
    },
  );
}
