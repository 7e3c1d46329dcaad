import type { CompanySummary } from '../types';

export type Json = Record<string, unknown>;

/** One stored entity version (only the latest is kept, as in QBO). */
export interface StoredRecord {
  data: Json;
  createdMs: number;
  updatedMs: number;
}

export interface Tombstone {
  id: string;
  deletedMs: number;
}

/** A company as a snapshot file holds it (plain JSON; Money values as their toJSON marks). */
export interface CompanyState {
  realmId: string;
  companyName: string;
  ownerEmail: string;
  createdMs: number;
  nextDocNumber: number;
  sequences: Record<string, number>;
  tables: Record<string, Array<[string, StoredRecord]>>;
  tombstones: Record<string, Array<[string, Tombstone]>>;
}

/** Entities whose Ids share the transaction sequence (so LinkedTxn ids are unambiguous). */
const TXN_SEQUENCE = new Set(['Invoice', 'Payment', 'SalesReceipt', 'Purchase', 'JournalEntry']);

/** One QBO company (realm): its tables, Id sequences and tombstones of deleted transactions. */
export class Company {
  readonly tables = new Map<string, Map<string, StoredRecord>>();
  readonly tombstones = new Map<string, Map<string, Tombstone>>();
  private readonly sequences = new Map<string, number>();
  nextDocNumber = 1001;
  /** Bumped on every committed write. */
  version = 0;
  private readonly versions = new Map<string, number>();

  constructor(
    readonly realmId: string,
    public companyName: string,
    public ownerEmail: string,
    readonly createdMs: number,
  ) {}

  summary(): CompanySummary {
    return { realmId: this.realmId, companyName: this.companyName, ownerEmail: this.ownerEmail };
  }

  table(entity: string): Map<string, StoredRecord> {
    let table = this.tables.get(entity);
    if (!table) {
      table = new Map();
      this.tables.set(entity, table);
    }
    return table;
  }

  tombstonesOf(entity: string): Map<string, Tombstone> {
    let t = this.tombstones.get(entity);
    if (!t) {
      t = new Map();
      this.tombstones.set(entity, t);
    }
    return t;
  }

  get(entity: string, id: string): Json | undefined {
    return this.tables.get(entity)?.get(id)?.data;
  }

  /** All live records of an entity in Id order. */
  all(entity: string): Json[] {
    const table = this.tables.get(entity);
    return table ? [...table.values()].map((r) => r.data) : [];
  }

  /** Record a committed change to an entity type (derived caches key on these versions). */
  bump(entity: string): void {
    this.version++;
    this.versions.set(entity, (this.versions.get(entity) ?? 0) + 1);
  }

  /** A cache key that changes whenever one of these entity types changes. */
  versionOf(entities: readonly string[]): string {
    return entities.map((e) => this.versions.get(e) ?? 0).join('.');
  }

  /** Everything a restart needs: records, tombstones, Id and DocNumber sequences. */
  exportState(): CompanyState {
    const tables: CompanyState['tables'] = {};
    for (const [entity, table] of this.tables) tables[entity] = [...table.entries()].map(([id, r]) => [id, { data: r.data, createdMs: r.createdMs, updatedMs: r.updatedMs }]);
    const tombstones: CompanyState['tombstones'] = {};
    for (const [entity, t] of this.tombstones) tombstones[entity] = [...t.entries()].map(([id, ts]) => [id, { ...ts }]);
    return {
      realmId: this.realmId,
      companyName: this.companyName,
      ownerEmail: this.ownerEmail,
      createdMs: this.createdMs,
      nextDocNumber: this.nextDocNumber,
      sequences: Object.fromEntries(this.sequences),
      tables,
      tombstones,
    };
  }

  static fromState(state: CompanyState): Company {
    const company = new Company(state.realmId, state.companyName, state.ownerEmail, state.createdMs);
    company.nextDocNumber = state.nextDocNumber;
    for (const [key, n] of Object.entries(state.sequences)) company.sequences.set(key, n);
    for (const [entity, rows] of Object.entries(state.tables)) {
      const table = company.table(entity);
      for (const [id, r] of rows) table.set(id, { data: r.data, createdMs: r.createdMs, updatedMs: r.updatedMs });
    }
    for (const [entity, rows] of Object.entries(state.tombstones)) {
      const t = company.tombstonesOf(entity);
      for (const [id, ts] of rows) t.set(id, { id: ts.id, deletedMs: ts.deletedMs });
    }
    return company;
  }

  nextId(entity: string): string {
    const key = TXN_SEQUENCE.has(entity) ? 'txn' : entity;
    const next = (this.sequences.get(key) ?? 0) + 1;
    this.sequences.set(key, next);
    return String(next);
  }
}
