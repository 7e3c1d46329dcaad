/**
 * An endpoint's run of failures. A delivered attempt ends the run; a failed one lengthens it, and
 * once the run is long enough by count (`disableAfterFailures`) and by age (`disableAfterMs`, so a
 * burst of failures over many keys during a short outage never disables an endpoint) the endpoint
 * is disabled: its pending deliveries are given up (replay brings them back) and
 * `webhook.endpoint_disabled` is written to the outbox in the same transaction.
 *
 * A failure is counted under the endpoint's row lock (`select … for update`), taken before its
 * deliveries are touched: every transaction that changes both takes the endpoint first.
 */
import { createEvent } from '@ledgerbus/contracts';
import { outbox } from '@ledgerbus/db';
import type { Knex } from 'knex';
import type { WebhooksContext } from '../context';
import { EVENT_SOURCE } from '../context';
import { deliveriesRepository } from '../db/deliveries.repository';
import type { EndpointRow } from '../db/endpoints.repository';
import { originOf } from '../domain/endpoint-url';

export const ENDPOINT_DISABLED_ERROR = 'endpoint_disabled';

export async function lockEndpoint(trx: Knex.Transaction, endpointId: string): Promise<EndpointRow | undefined> {
  return (await trx('webhook_endpoints').where({ id: endpointId }).forUpdate().first()) as EndpointRow | undefined;
}

/** A delivered attempt ends the endpoint's failure run (a no-op, without a lock, when there is none). */
export async function endpointSucceeded(db: Knex, endpointId: string): Promise<void> {
  await db('webhook_endpoints')
    .where({ id: endpointId })
    .andWhere('consecutive_failures', '>', 0)
    .update({ consecutive_failures: 0, failing_since: null, last_failure_status_code: null, last_failure_error: null });
}

/** Counts a failed attempt; returns the endpoint when this failure disabled it. */
export async function endpointFailed(
  ctx: WebhooksContext,
  trx: Knex.Transaction,
  endpoint: EndpointRow,
  failure: { statusCode: number | null; error: string },
): Promise<EndpointRow | undefined> {
  const { disableAfterFailures, disableAfterMs } = ctx.config;
  const [row] = (await trx('webhook_endpoints')
    .where({ id: endpoint.id })
    .update({
      consecutive_failures: trx.raw('consecutive_failures + 1'),
      // The database's clock, like the age check below (replicas' clocks may differ).
      failing_since: trx.raw('coalesce(failing_since, now())'),
      last_failure_status_code: failure.statusCode,
      last_failure_error: failure.error,
    })
    .returning('*')) as EndpointRow[];
  if (row === undefined || !row.enabled) return undefined;
  const failingSince = new Date(row.failing_since ?? new Date());
  const [disabled] = (await trx('webhook_endpoints')
    .where({ id: endpoint.id, enabled: true })
    .andWhere('consecutive_failures', '>=', disableAfterFailures)
    .andWhere('failing_since', '<=', trx.raw("now() - (? * interval '1 millisecond')", [disableAfterMs]))
    .update({ enabled: false, disabled_reason: 'consecutive_failures', disabled_at: trx.fn.now(), updated_at: trx.fn.now(), updated_by: 'webhooks' })
    .returning('*')) as EndpointRow[];
  if (disabled === undefined) return undefined;
  const given = await deliveriesRepository.failPending(trx, disabled.id, ENDPOINT_DISABLED_ERROR);
  const at = new Date(disabled.disabled_at ?? new Date()).toISOString();
  await outbox.enqueue(trx, ctx.eventsTopic, [
    {
      key: disabled.tenant_id,
      event: createEvent({
        type: 'webhook.endpoint_disabled',
        source: EVENT_SOURCE,
        subject: disabled.id,
        tenantid: disabled.tenant_id,
        data: {
          tenantId: disabled.tenant_id,
          endpointId: disabled.id,
          origin: originOf(disabled.url),
          ...(disabled.description === null ? {} : { description: disabled.description }),
          reason: 'consecutive_failures',
          consecutiveFailures: disabled.consecutive_failures,
          failingSince: failingSince.toISOString(),
          ...(failure.statusCode === null ? {} : { lastStatusCode: failure.statusCode }),
          lastError: failure.error,
          at,
        },
      }),
    },
  ]);
  ctx.logger.warn(
    { tenantId: disabled.tenant_id, endpointId: disabled.id, consecutiveFailures: disabled.consecutive_failures, failingSince: failingSince.toISOString(), pendingGivenUp: given },
    'webhook endpoint disabled after a run of failed attempts',
  );
  return disabled;
}
