import type { Knex } from 'knex';
import type { Account } from '@ledgerbus/qbo';
import type { NormalizedLine } from '../domain/report-normalization';
import { formatAmount, parseAmount } from '../domain/money';

export type ImportDataset = 'accounts' | 'profit_and_loss' | 'balance_sheet';
export type ImportState = 'running' | 'succeeded' | 'failed';

export interface ImportStatusRow {
  dataset: ImportDataset;
  realmId: string;
  status: ImportState;
  startedAt: Date | null;
  finishedAt: Date | null;
  lastSuccessAt: Date | null;
  rangeStart: string | null;
  rangeEnd: string | null;
  basis: string | null;
  qboCalls: number;
  rows: number;
  errorCode: string | null;
  error: string | null;
}

export interface StoredLine {
  rowKey: string;
  month: string;
  amount: string;
  kind: string;
  label: string;
  category: string | null;
  accountId: string | null;
}

const INSERT_CHUNK = 1000;

export const importsRepository = {
  async started(db: Knex | Knex.Transaction, tenantId: string, realmId: string, dataset: ImportDataset, now: Date): Promise<void> {
    await db('import_status')
      .insert({ tenant_id: tenantId, dataset, realm_id: realmId, status: 'running', started_at: now })
      .onConflict(['tenant_id', 'dataset'])
      .merge({ realm_id: realmId, status: 'running', started_at: now });
  },

  async succeeded(db: Knex | Knex.Transaction, tenantId: string, dataset: ImportDataset, input: { now: Date; range?: { start: string; end: string }; basis?: string; qboCalls: number; rows: number }): Promise<void> {
    await db('import_status')
      .where({ tenant_id: tenantId, dataset })
      .update({
        status: 'succeeded',
        finished_at: input.now,
        last_success_at: input.now,
        range_start: input.range?.start ?? null,
        range_end: input.range?.end ?? null,
        basis: input.basis ?? null,
        qbo_calls: input.qboCalls,
        rows: input.rows,
        error_code: null,
        error: null,
      });
  },

  async failed(db: Knex | Knex.Transaction, tenantId: string, dataset: ImportDataset, input: { now: Date; code: string; message: string; qboCalls: number }): Promise<void> {
    await db('import_status')
      .where({ tenant_id: tenantId, dataset })
      .update({ status: 'failed', finished_at: input.now, error_code: input.code, error: input.message.slice(0, 2000), qbo_calls: input.qboCalls });
  },

  async status(db: Knex | Knex.Transaction, tenantId: string): Promise<ImportStatusRow[]> {
    const rows = (await db('import_status').where({ tenant_id: tenantId }).orderBy('dataset')) as Array<Record<string, unknown>>;
    const date = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(v as string));
    return rows.map((r) => ({
      dataset: r.dataset as ImportDataset,
      realmId: r.realm_id as string,
      status: r.status as ImportState,
      startedAt: date(r.started_at),
      finishedAt: date(r.finished_at),
      lastSuccessAt: date(r.last_success_at),
      rangeStart: (r.range_start as string | null) ?? null,
      rangeEnd: (r.range_end as string | null) ?? null,
      basis: (r.basis as string | null) ?? null,
      qboCalls: Number(r.qbo_calls),
      rows: Number(r.rows),
      errorCode: (r.error_code as string | null) ?? null,
      error: (r.error as string | null) ?? null,
    }));
  },

  /** Replace the company's chart of accounts with what QBO returned. */
  async replaceAccounts(trx: Knex.Transaction, tenantId: string, realmId: string, accounts: readonly Account[], now: Date): Promise<void> {
    await trx('accounts').where({ tenant_id: tenantId }).delete();
    const rows = accounts.map((a) => ({
      tenant_id: tenantId,
      realm_id: realmId,
      account_id: a.Id,
      name: a.Name,
      fully_qualified_name: a.FullyQualifiedName ?? null,
      account_type: a.AccountType ?? null,
      account_sub_type: a.AccountSubType ?? null,
      classification: a.Classification ?? null,
      acct_num: a.AcctNum ?? null,
      active: a.Active ?? true,
      parent_id: a.ParentRef?.value ?? null,
      current_balance: a.CurrentBalance === undefined ? null : formatAmount(parseAmount(String(a.CurrentBalance))),
      imported_at: now,
    }));
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) await trx('accounts').insert(rows.slice(i, i + INSERT_CHUNK));
  },

  async accounts(db: Knex | Knex.Transaction, tenantId: string): Promise<Array<{ accountId: string; name: string; fullyQualifiedName: string | null; accountType: string | null; accountSubType: string | null; classification: string | null; active: boolean; currentBalance: string | null; importedAt: Date }>> {
    const rows: Array<Record<string, unknown>> = await db('accounts').where({ tenant_id: tenantId }).orderByRaw('length(account_id), account_id');
    return rows.map((r) => ({
      accountId: r.account_id as string,
      name: r.name as string,
      fullyQualifiedName: (r.fully_qualified_name as string | null) ?? null,
      accountType: (r.account_type as string | null) ?? null,
      accountSubType: (r.account_sub_type as string | null) ?? null,
      classification: (r.classification as string | null) ?? null,
      active: Boolean(r.active),
      currentBalance: r.current_balance === null ? null : formatAmount(parseAmount(r.current_balance as string)),
      importedAt: new Date(r.imported_at as string),
    }));
  },

  async accountIds(db: Knex | Knex.Transaction, tenantId: string): Promise<Set<string> | null> {
    const rows: Array<{ account_id: string }> = await db('accounts').where({ tenant_id: tenantId }).select('account_id');
    return rows.length === 0 ? null : new Set(rows.map((r) => r.account_id));
  },

  /** Replace the lines of `months` for one dataset (rows absent from the new report disappear). */
  async replaceLines(trx: Knex.Transaction, input: { tenantId: string; realmId: string; dataset: string; months: readonly string[]; lines: readonly NormalizedLine[]; basis: string; now: Date }): Promise<void> {
    if (input.months.length === 0) return;
    await trx('report_lines').where({ tenant_id: input.tenantId, dataset: input.dataset }).whereIn('month', [...input.months]).delete();
    const rows = input.lines.map((l) => ({
      tenant_id: input.tenantId,
      realm_id: input.realmId,
      dataset: input.dataset,
      row_key: l.rowKey,
      month: l.month,
      kind: l.kind,
      label: l.label,
      category: l.category,
      account_id: l.accountId,
      amount: l.amount,
      basis: input.basis,
      imported_at: input.now,
    }));
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) await trx('report_lines').insert(rows.slice(i, i + INSERT_CHUNK));
  },

  /** Lines of a realm left behind by an earlier connection of the tenant go. */
  async forgetOtherRealms(trx: Knex.Transaction, tenantId: string, realmId: string): Promise<void> {
    await trx('report_lines').where({ tenant_id: tenantId }).whereNot({ realm_id: realmId }).delete();
    await trx('raw_reports').where({ tenant_id: tenantId }).whereNot({ realm_id: realmId }).delete();
  },

  async saveRaw(trx: Knex.Transaction, input: { tenantId: string; realmId: string; dataset: string; start: string; end: string; basis: string; report: unknown; now: Date }): Promise<void> {
    await trx('raw_reports')
      .insert({ tenant_id: input.tenantId, realm_id: input.realmId, dataset: input.dataset, start_date: input.start, end_date: input.end, basis: input.basis, report: JSON.stringify(input.report), imported_at: input.now })
      .onConflict(['tenant_id', 'realm_id', 'dataset', 'start_date', 'end_date'])
      .merge();
  },

  async lines(db: Knex | Knex.Transaction, tenantId: string, realmId: string, dataset: string, rowKeys: readonly string[]): Promise<StoredLine[]> {
    const rows: Array<Record<string, unknown>> = await db('report_lines')
      .where({ tenant_id: tenantId, realm_id: realmId, dataset })
      .whereIn('row_key', [...rowKeys])
      .select('row_key', 'month', 'amount', 'kind', 'label', 'category', 'account_id');
    return rows.map((r) => ({
      rowKey: r.row_key as string,
      month: r.month as string,
      amount: formatAmount(parseAmount(r.amount as string)),
      kind: r.kind as string,
      label: r.label as string,
      category: (r.category as string | null) ?? null,
      accountId: (r.account_id as string | null) ?? null,
    }));
  },

  /** The distinct rows of a dataset (for the datasets listing), with the months covered. */
  async rows(db: Knex | Knex.Transaction, tenantId: string, realmId: string, dataset: string): Promise<Array<{ rowKey: string; kind: string; label: string; category: string | null; accountId: string | null }>> {
    const rows = (await db('report_lines')
      .where({ tenant_id: tenantId, realm_id: realmId, dataset })
      .distinctOn('row_key')
      .select('row_key', 'kind', 'label', 'category', 'account_id')
      .orderBy([{ column: 'row_key' }, { column: 'month', order: 'desc' }])) as Array<Record<string, unknown>>;
    return rows.map((r) => ({ rowKey: r.row_key as string, kind: r.kind as string, label: r.label as string, category: (r.category as string | null) ?? null, accountId: (r.account_id as string | null) ?? null }));
  },

  async months(db: Knex | Knex.Transaction, tenantId: string, realmId: string, dataset: string): Promise<string[]> {
    const rows = (await db('report_lines').where({ tenant_id: tenantId, realm_id: realmId, dataset }).distinct('month').orderBy('month')) as Array<{ month: string }>;
    return rows.map((r) => r.month);
  },
};
