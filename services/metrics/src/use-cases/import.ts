import type { Account } from '@ledgerbus/qbo';
import { select } from '@ledgerbus/qbo';
import { errorCode, errorMessage } from '@ledgerbus/kit';
import type { MetricsContext } from '../context';
import type { Connection } from '../db/connections.repository';
import { connectionsRepository } from '../db/connections.repository';
import type { ImportDataset } from '../db/imports.repository';
import { importsRepository } from '../db/imports.repository';
import type { ImportJob } from '../db/jobs.repository';
import { jobsRepository } from '../db/jobs.repository';
import type { ReportDataset } from '../domain/datasets';
import { REPORT_NAMES } from '../domain/datasets';
import type { NormalizedReport } from '../domain/report-normalization';
import { normalizeReport } from '../domain/report-normalization';
import type { DateRange } from '../domain/periods';
import { chunkRange, dateOf, historyRange, monthOf, monthsBetween } from '../domain/periods';
import { markTenantStale, recomputeTenant } from './recompute';

export interface ImportResult {
  tenantId: string;
  realmId: string;
  skipped?: 'not_connected';
  qboCalls: number;
  accounts: number;
  lines: Record<ReportDataset, number>;
  metricsChanged: number;
  range?: DateRange;
}

/** Run `step` for one dataset, recording its status (running → succeeded/failed) and QBO calls. */
async function step<T>(ctx: MetricsContext, c: Connection, dataset: ImportDataset, run: () => Promise<{ value: T; rows: number; range?: DateRange }>): Promise<T> {
  const calls0 = ctx.qboCalls(c.realmId);
  await importsRepository.started(ctx.knex, c.tenantId, c.realmId, dataset, ctx.clock());
  try {
    const { value, rows, range } = await run();
    await importsRepository.succeeded(ctx.knex, c.tenantId, dataset, {
      now: ctx.clock(),
      ...(range === undefined ? {} : { range }),
      ...(dataset === 'accounts' ? {} : { basis: ctx.config.accountingMethod }),
      qboCalls: ctx.qboCalls(c.realmId) - calls0,
      rows,
    });
    return value;
  } catch (err) {
    await importsRepository.failed(ctx.knex, c.tenantId, dataset, { now: ctx.clock(), code: errorCode(err), message: errorMessage(err), qboCalls: ctx.qboCalls(c.realmId) - calls0 });
    throw err;
  }
}

/**
 * Import a connected tenant's chart of accounts and its P&L and balance sheet by month for
 * the configured history (in chunks of `chunkMonths`), replace the stored lines, keep each
 * raw report, then recompute the tenant's metrics. Read-only towards QBO.
 */
export async function importTenant(ctx: MetricsContext, tenantId: string): Promise<ImportResult> {
  const connection = await connectionsRepository.get(ctx.knex, tenantId);
  const empty = { tenantId, realmId: connection?.realmId ?? '', qboCalls: 0, accounts: 0, lines: { profit_and_loss: 0, balance_sheet: 0 }, metricsChanged: 0 };
  if (connection === undefined || connection.status !== 'connected') return { ...empty, skipped: 'not_connected' };
  const qbo = ctx.qboFor(connection.realmId);
  const calls0 = ctx.qboCalls(connection.realmId);
  const today = dateOf(ctx.clock(), ctx.config.timeZoneOffsetMinutes);
  const range = historyRange(today, ctx.config.historyMonths);
  const chunks = chunkRange(range, ctx.config.chunkMonths);
  const basis = ctx.config.accountingMethod;
  ctx.logger.info({ tenantId, realmId: connection.realmId, range, chunks: chunks.length }, 'metrics import started');

  const accounts = await step(ctx, connection, 'accounts', async () => {
    const list: Account[] = [];
    for await (const a of qbo.queryAll<Account>(select('Account').whereIn('Active', [true, false]).orderBy('Id'))) list.push(a);
    const now = ctx.clock();
    await ctx.knex.transaction((trx) => importsRepository.replaceAccounts(trx, connection.tenantId, connection.realmId, list, now));
    return { value: list.length, rows: list.length };
  });

  const lines: Record<ReportDataset, number> = { profit_and_loss: 0, balance_sheet: 0 };
  for (const dataset of ['profit_and_loss', 'balance_sheet'] as const) {
    lines[dataset] = await step(ctx, connection, dataset, async () => {
      const reports: Array<{ chunk: DateRange; report: unknown; normalized: NormalizedReport }> = [];
      for (const chunk of chunks) {
        const report = await qbo.report(REPORT_NAMES[dataset], { start_date: chunk.start, end_date: chunk.end, summarize_column_by: 'Month', accounting_method: basis });
        reports.push({ chunk, report, normalized: normalizeReport(report) });
      }
      const now = ctx.clock();
      let count = 0;
      await ctx.knex.transaction(async (trx) => {
        await importsRepository.forgetOtherRealms(trx, connection.tenantId, connection.realmId);
        // Months that left the history window go.
        await trx('report_lines').where({ tenant_id: connection.tenantId, dataset }).where('month', '<', monthOf(range.start)).delete();
        for (const r of reports) {
          await importsRepository.replaceLines(trx, {
            tenantId: connection.tenantId,
            realmId: connection.realmId,
            dataset,
            months: monthsBetween(r.chunk.start, r.chunk.end),
            lines: r.normalized.lines,
            basis,
            now,
          });
          await importsRepository.saveRaw(trx, { tenantId: connection.tenantId, realmId: connection.realmId, dataset, start: r.chunk.start, end: r.chunk.end, basis, report: r.report, now });
          count += r.normalized.lines.length;
        }
      });
      return { value: count, rows: count, range };
    });
  }

  // The connection may have dropped while QBO was being read: then the values stay stale.
  const current = await connectionsRepository.get(ctx.knex, tenantId);
  let metricsChanged = 0;
  if (current?.status === 'connected' && current.realmId === connection.realmId) {
    metricsChanged = (await recomputeTenant(ctx, current)).changed;
  }
  const qboCalls = ctx.qboCalls(connection.realmId) - calls0;
  ctx.logger.info({ tenantId, realmId: connection.realmId, qboCalls, accounts, lines, metricsChanged }, 'metrics import finished');
  return { tenantId, realmId: connection.realmId, qboCalls, accounts, lines, metricsChanged, range };
}

/** Why a tenant's metrics are stale while its imports fail (the code only, so retries keep one reason). */
function importFailedReason(code: string): string {
  return `The last import from QuickBooks failed (${code}); it is retried`;
}

/**
 * After a failed import: the job is retried at `retryAt`, and until an import succeeds every
 * metric of the tenant is stale with the reason (`metric.stale` once, not once per retry).
 * A connection that dropped meanwhile has already given the metrics its own reason.
 */
export async function importFailed(ctx: MetricsContext, job: ImportJob, code: string, retryAt: Date): Promise<void> {
  await ctx.knex.transaction(async (trx) => {
    await jobsRepository.retryLater(trx, job, retryAt);
    const connection = await connectionsRepository.get(trx, job.tenantId);
    if (connection?.status === 'connected' && connection.realmId === job.realmId) await markTenantStale(trx, ctx, connection, importFailedReason(code));
  });
}
