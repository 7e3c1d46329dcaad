import { decimalString } from '@ledgerbus/contracts';
import { z } from 'zod';
import { DATASETS } from '../domain/datasets';

const accountId = z.string().regex(/^[0-9]{1,20}$/, 'a QBO account id');

export const metricInput = z
  .object({
    name: z.string().trim().min(1).max(200).describe("the metric's name (1-200 characters)"),
    dataset: z.enum(DATASETS).describe('what it reads from QBO: the Profit and Loss or Balance Sheet report (by month), or the account balances'),
    /** One or more account ids … */
    accounts: z.array(accountId).min(1).max(100).optional().describe('QBO account ids (1 to 100) whose amounts it adds up; give either accounts or category'),
    /** … or a whole category (a report group: Income, Expenses, NetIncome, BankAccounts …). */
    category: z.string().min(1).max(50).optional().describe('a whole report group instead of accounts: Income, Expenses, NetIncome, BankAccounts …'),
    aggregation: z.enum(['sum', 'end_of_period']).describe('sum = total over the period; end_of_period = the balance at its end'),
    period: z.enum(['month', 'quarter', 'year']).describe("the metric's period unit"),
    target: decimalString.nullable().optional().describe('a target value per period, a decimal string; null = none'),
  })
  .refine((m) => (m.accounts === undefined) !== (m.category === undefined), { message: 'give either accounts or category', path: ['accounts'] });
export type MetricInput = z.infer<typeof metricInput>;

export const metricValueDoc = z.object({ period: z.string(), start: z.string(), end: z.string(), value: z.string(), complete: z.boolean() });

export const metricDoc = z.object({
  id: z.string(),
  tenantId: z.string(),
  /** The division whose company the metric reads (`?division=`), when it is a division's. */
  divisionId: z.string().optional(),
  name: z.string(),
  dataset: z.enum(DATASETS),
  accounts: z.array(z.string()).optional(),
  category: z.string().optional(),
  aggregation: z.enum(['sum', 'end_of_period']),
  period: z.enum(['month', 'quarter', 'year']),
  target: z.string().nullable(),
  version: z.number(),
  stale: z.boolean(),
  staleReason: z.string().nullable(),
  staleSince: z.string().nullable(),
  computedAt: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});

export const seriesDoc = z.object({
  metricId: z.string(),
  name: z.string(),
  period: z.enum(['month', 'quarter', 'year']),
  target: z.string().nullable(),
  stale: z.boolean(),
  staleReason: z.string().nullable(),
  computedAt: z.string().nullable(),
  values: z.array(metricValueDoc),
});

export const connectionDoc = z.object({ realmId: z.string(), companyName: z.string(), status: z.string(), statusReason: z.string().nullable() }).nullable();

export const datasetsDoc = z.object({
  connection: connectionDoc,
  datasets: z.array(
    z.object({
      id: z.enum(DATASETS),
      name: z.string(),
      aggregations: z.array(z.enum(['sum', 'end_of_period'])),
      categories: z.array(z.object({ category: z.string(), label: z.string() })),
      rows: z.array(z.object({ rowKey: z.string(), kind: z.string(), label: z.string(), category: z.string().nullable(), accountId: z.string().nullable() })),
    }),
  ),
});

export const statusDoc = z.object({
  connection: connectionDoc,
  stale: z.boolean(),
  staleReason: z.string().nullable(),
  datasets: z.array(
    z.object({
      dataset: z.string(),
      realmId: z.string(),
      status: z.string(),
      startedAt: z.string().nullable(),
      finishedAt: z.string().nullable(),
      lastImportAt: z.string().nullable(),
      rangeStart: z.string().nullable(),
      rangeEnd: z.string().nullable(),
      basis: z.string().nullable(),
      qboCalls: z.number(),
      rows: z.number(),
      error: z.object({ code: z.string(), message: z.string() }).nullable(),
    }),
  ),
  nextImportAt: z.string().nullable(),
});
