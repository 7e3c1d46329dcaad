/**
 * Three-way merge of a customer, field by field, against the last synced snapshot (the
 * base): a field changed on one side only takes that side's value; a field changed on
 * both sides to different values is a conflict, decided by the tenant's rule:
 * - `qbo_wins`: QBO's value;
 * - `platform_wins`: the platform's value;
 * - `newest_wins`: the side whose record changed last (platform `updatedAt` vs QBO
 *   `MetaData.LastUpdatedTime`); a tie, or a missing time, goes to QBO, the ledger of record.
 * Without a base (never synced), every differing field counts as changed on both sides.
 */
import type { ConflictRule } from '@ledgerbus/contracts';
import type { SyncedField, SyncedValues } from './customer-shape';
import { SYNCED_FIELDS, sameValue } from './customer-shape';

export interface FieldConflict {
  field: SyncedField;
  base: unknown;
  platform: unknown;
  qbo: unknown;
  winner: 'platform' | 'qbo';
}

export interface MergeInput {
  base: SyncedValues | undefined;
  platform: SyncedValues;
  qbo: SyncedValues;
  rule: ConflictRule;
  platformUpdatedAt?: Date | undefined;
  qboUpdatedAt?: Date | undefined;
}

export interface MergeResult {
  merged: SyncedValues;
  conflicts: FieldConflict[];
  /** Fields whose merged value differs from QBO's: what a write to QBO must send. */
  toQbo: SyncedField[];
  /** Fields whose merged value differs from the platform's: what the platform must apply. */
  toPlatform: SyncedField[];
}

function conflictWinner(input: MergeInput): 'platform' | 'qbo' {
  if (input.rule === 'qbo_wins') return 'qbo';
  if (input.rule === 'platform_wins') return 'platform';
  const p = input.platformUpdatedAt?.getTime();
  const q = input.qboUpdatedAt?.getTime();
  if (p === undefined || q === undefined || Number.isNaN(p) || Number.isNaN(q)) return 'qbo';
  return p > q ? 'platform' : 'qbo';
}

export function mergeCustomer(input: MergeInput): MergeResult {
  const merged: SyncedValues = {};
  const conflicts: FieldConflict[] = [];
  const toQbo: SyncedField[] = [];
  const toPlatform: SyncedField[] = [];
  for (const field of SYNCED_FIELDS) {
    const p = input.platform[field];
    const q = input.qbo[field];
    const b = input.base?.[field];
    let value: unknown;
    if (sameValue(p, q)) value = q;
    else {
      const pChanged = input.base === undefined || !sameValue(p, b);
      const qChanged = input.base === undefined || !sameValue(q, b);
      if (pChanged && !qChanged) value = p;
      else if (qChanged && !pChanged) value = q;
      else {
        const winner = conflictWinner(input);
        conflicts.push({ field, base: b, platform: p, qbo: q, winner });
        value = winner === 'platform' ? p : q;
      }
    }
    if (value !== undefined) (merged as Record<string, unknown>)[field] = value;
    if (!sameValue(value, q)) toQbo.push(field);
    if (!sameValue(value, p)) toPlatform.push(field);
  }
  return { merged, conflicts, toQbo, toPlatform };
}
