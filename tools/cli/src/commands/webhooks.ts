/** `ledgerbus webhooks deliveries|replay`: a tenant's outbound webhook deliveries and their replay (the webhooks service, through @ledgerbus/client). */
import type { Apis } from '../api';
import { CliError, EXIT } from '../errors';
import type { Out } from '../output';
import { table } from '../output';

export async function webhookDeliveries(apis: Apis, tenant: string, out: Out, options: { endpoint?: string; status?: string; eventType?: string; limit: number }): Promise<number> {
  const client = apis.client(tenant);
  const endpoints = options.endpoint === undefined ? (await client.webhookEndpoints.list()).items.map((e) => e.id) : [options.endpoint];
  const query = { limit: options.limit, ...(options.status === undefined ? {} : { status: options.status }), ...(options.eventType === undefined ? {} : { eventType: options.eventType }) };
  const pages = await Promise.all(endpoints.map(async (id) => ({ endpointId: id, page: await client.webhookEndpoints.deliveries(id, query) })));
  const items = pages.flatMap((p) => p.page.items).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  if (out.json) out.data({ deliveries: items, next: Object.fromEntries(pages.map((p) => [p.endpointId, p.page.nextCursor])) });
  else {
    if (endpoints.length === 0) out.line(`tenant ${tenant} has no webhook endpoint`);
    else
      for (const l of table(
        items.map((d) => ({ id: d.id, endpoint: d.endpointId, event: d.eventType, status: d.status, attempts: d.attemptCount, lastStatus: d.lastStatusCode, error: d.lastError, created: d.createdAt })),
        ['id', 'endpoint', 'event', 'status', 'attempts', 'lastStatus', 'error', 'created'],
      ))
        out.line(l);
  }
  return EXIT.ok;
}

export async function webhookReplay(apis: Apis, tenant: string, out: Out, deliveryIds: string[], options: { endpoint?: string; from?: string; to?: string }): Promise<number> {
  const client = apis.client(tenant);
  if (options.endpoint === undefined) throw new CliError('--endpoint <id> is required (ledgerbus webhooks deliveries lists them)', EXIT.usage, 'no_endpoint');
  const endpoint = options.endpoint;
  if (deliveryIds.length > 0) {
    if (options.from !== undefined || options.to !== undefined) throw new CliError('give delivery ids or --from/--to, not both', EXIT.usage, 'bad_replay');
    for (const id of deliveryIds) await client.webhookEndpoints.replayDelivery(endpoint, id);
    if (out.json) out.data({ replayed: deliveryIds });
    else out.line(`queued again: ${deliveryIds.join(', ')}`);
    return EXIT.ok;
  }
  if (options.from === undefined) throw new CliError('give delivery ids, or --from (and optionally --to) to send the events of a time window again', EXIT.usage, 'bad_replay');
  const result = await client.webhookEndpoints.replay(endpoint, { from: options.from, ...(options.to === undefined ? {} : { to: options.to }) } as Parameters<typeof client.webhookEndpoints.replay>[1]);
  if (out.json) out.data(result);
  else out.line(`replay queued: ${JSON.stringify(result)}`);
  return EXIT.ok;
}
