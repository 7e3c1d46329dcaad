/**
 * The sandbox state as a JSON file: companies (records, tombstones, Id sequences), OAuth apps,
 * grants and tokens (and the id_token key), webhook endpoints and the sandbox time. Not kept:
 * call counters, limit windows, requestid memory, webhook queues and delivery logs, settings.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { ValidationError } from '@ledgerbus/kit';
import type { OAuthState } from '../oauth';
import { Money } from '../store/money';
import type { StoreState } from '../store/store';
import type { WebhookState } from '../webhooks';

export const SNAPSHOT_FORMAT = 'ledgerbus-qbo-sandbox-snapshot';
export const SNAPSHOT_VERSION = 1;

export interface SandboxSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  version: typeof SNAPSHOT_VERSION;
  /** Sandbox time when it was taken (ISO-8601); a sandbox restored from it never starts earlier. */
  clockNow: string;
  store: StoreState;
  oauth: OAuthState;
  webhooks: WebhookState;
}

/** What `POST /_sandbox/snapshot` and `sandbox.snapshot()` answer. */
export interface SnapshotInfo {
  file: string;
  bytes: number;
  clockNow: string;
  companies: number;
}

/** Money values are written by Money.toJSON as "\u0001money:12.34" strings. */
const MONEY_MARK = '\u0001money:';

export function serializeSnapshot(snapshot: SandboxSnapshot): string {
  return JSON.stringify(snapshot);
}

export function parseSnapshot(text: string, source = 'snapshot'): SandboxSnapshot {
  let value: unknown;
  try {
    value = JSON.parse(text, (_key, v: unknown) => (typeof v === 'string' && v.startsWith(MONEY_MARK) ? new Money(v.slice(MONEY_MARK.length)) : v));
  } catch (cause) {
    throw new ValidationError(`${source} is not valid JSON`, { source, reason: (cause as Error).message });
  }
  const s = value as Partial<SandboxSnapshot> | null;
  if (!s || typeof s !== 'object' || s.format !== SNAPSHOT_FORMAT) throw new ValidationError(`${source} is not a qbo-sandbox snapshot`, { source });
  if (s.version !== SNAPSHOT_VERSION) throw new ValidationError(`${source} has snapshot version ${String(s.version)}; this sandbox reads ${SNAPSHOT_VERSION}`, { source });
  if (!s.store || !s.oauth || !s.webhooks || typeof s.clockNow !== 'string') throw new ValidationError(`${source} is incomplete`, { source });
  return s as SandboxSnapshot;
}

/** The snapshot in `file`, or undefined when the file does not exist. */
export function readSnapshotFile(file: string): SandboxSnapshot | undefined {
  if (!existsSync(file)) return undefined;
  return parseSnapshot(readFileSync(file, 'utf8'), file);
}

/** Write atomically (temporary file, then rename), so a crash never leaves half a snapshot. */
export function writeSnapshotFile(file: string, snapshot: SandboxSnapshot): number {
  const text = serializeSnapshot(snapshot);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
  return Buffer.byteLength(text);
}
