/** `ledgerbus dlq list|show|replay`: a tenant's dead-lettered platform messages (the mapping service's /dead-letters). */
import type { Apis } from '../api';
import { ok } from '../api';
import { CliError, EXIT } from '../errors';
import type { Out } from '../output';
import { table } from '../output';

export interface DlqFilter {
  topic?: string;
  code?: string;
  division?: string;
}

export async function dlqList(apis: Apis, tenant: string, out: Out, options: DlqFilter & { status?: 'pending' | 'replayed'; limit: number; before?: string }): Promise<number> {
  const query = { limit: options.limit, ...pick(options, ['topic', 'code', 'division', 'status', 'before']) };
  const page = await ok(apis.mapping.GET('/v1/tenants/{tenant}/dead-letters', { params: { path: { tenant }, query } }));
  if (out.json) out.data(page);
  else {
    for (const l of table(
      page.deadLetters.map((d) => ({ id: d.id, topic: d.sourceTopic, code: d.code, status: d.status, replayable: d.replayable ? 'yes' : `no: ${d.notReplayableReason ?? ''}`, failed: d.failedAt, message: d.message.slice(0, 80) })),
      ['id', 'topic', 'code', 'status', 'replayable', 'failed', 'message'],
    ))
      out.line(l);
    if (page.next !== null) out.line(`more: --before ${page.next}`);
  }
  return EXIT.ok;
}

export async function dlqShow(apis: Apis, tenant: string, out: Out, id: string): Promise<number> {
  const d = await ok(apis.mapping.GET('/v1/tenants/{tenant}/dead-letters/{id}', { params: { path: { tenant, id } } }));
  if (out.json) {
    out.data(d);
    return EXIT.ok;
  }
  out.line(`dead letter ${d.id} (${d.status})`);
  out.line(`  topic:     ${d.sourceTopic}${d.sourcePartition === null ? '' : ` partition ${d.sourcePartition}`}${d.sourceOffset === null ? '' : ` offset ${d.sourceOffset}`}`);
  out.line(`  event:     ${d.eventType ?? '-'} ${d.eventId ?? ''}`.trimEnd());
  out.line(`  reason:    ${d.code}: ${d.message}`);
  out.line(`  handler:   ${d.handler ?? '-'} after ${d.attempts ?? '?'} attempt(s), failed ${d.failedAt}`);
  out.line(`  replay:    ${d.replayable ? 'replayable' : `not replayable: ${d.notReplayableReason ?? ''}`}${d.replayedAt === null ? '' : `; replayed ${d.replayedAt} by ${d.replayedBy ?? '?'}`}`);
  out.line(`  key:       ${d.key ?? '-'}`);
  out.line(`  value:     ${d.value === null ? '-' : `${d.value.size} bytes`}`);
  // The value is the platform's record: shown on request only (it may carry personal data).
  return EXIT.ok;
}

export async function dlqReplay(apis: Apis, tenant: string, out: Out, ids: string[], options: DlqFilter & { limit?: number; all?: boolean }): Promise<number> {
  const filter = pick(options, ['topic', 'code', 'division']);
  if (ids.length > 0 && (Object.keys(filter).length > 0 || options.all === true)) throw new CliError('give dead-letter ids or a filter (--topic/--code/--division/--all), not both', EXIT.usage, 'bad_replay');
  if (ids.length === 0 && Object.keys(filter).length === 0 && options.all !== true) {
    throw new CliError('name what to replay: dead-letter ids, a filter (--topic, --code, --division), or --all', EXIT.usage, 'bad_replay');
  }
  const body = ids.length > 0 ? { ids } : { filter, ...(options.limit === undefined ? {} : { limit: options.limit }) };
  const res = await ok(apis.mapping.POST('/v1/tenants/{tenant}/dead-letters/replay', { params: { path: { tenant } }, body }));
  if (out.json) out.data(res);
  else {
    for (const l of table(res.results.map((r) => ({ id: r.id, outcome: r.outcome, topic: r.sourceTopic, reason: r.reason })), ['id', 'outcome', 'topic', 'reason'])) out.line(l);
    out.line(`replayed ${res.counts.replayed}, already replayed ${res.counts.alreadyReplayed}, not replayable ${res.counts.notReplayable}`);
  }
  return res.counts.notReplayable > 0 && res.counts.replayed === 0 && res.counts.alreadyReplayed === 0 ? EXIT.failed : EXIT.ok;
}

function pick<T extends object, K extends keyof T>(o: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}
