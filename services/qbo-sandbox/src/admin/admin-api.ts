import type { SandboxClock } from '../clock';
import type { RequestIdCache } from '../idempotency/request-ids';
import type { RateLimiter } from '../limits/rate-limiter';
import { ConflictError } from '@ledgerbus/kit';
import type { SnapshotInfo } from '../snapshot/snapshot-file';
import type { SeedOptions, SeedSize } from '../seed/seed-company';
import { seedCompany } from '../seed/seed-company';
import type { DeepPartial, SandboxSettings } from '../settings';
import { mergeDeep } from '../settings';
import type { Json } from '../store/company';
import { cloneJson } from '../store/fields';
import type { SandboxStore } from '../store/store';
import { formatDate } from '../time';
import type { CompanySummary, SandboxPart } from '../types';
import type { CallCounters, MeteredCalls, RealmMetering } from './call-counters';

export interface CreateCompanyOptions {
  realmId?: string;
  companyName?: string;
  ownerEmail?: string;
  /** Seed a history (deterministic for the same seed, size and asOf). Without a seed: a new, empty company with a chart of accounts. */
  seed?: number | string;
  size?: SeedSize;
  asOf?: string;
  months?: number;
}

export interface CreatedCompany extends CompanySummary {
  counts: Record<string, { total: number; active: number; deleted: number }>;
}

/** The test/admin operations, in process (the same ones /_sandbox/ serves over HTTP). */
export interface SandboxAdmin {
  createCompany(options?: CreateCompanyOptions): CreatedCompany;
  listCompanies(): CompanySummary[];
  deleteCompany(realmId: string): boolean;
  /** Empty a company and seed it again (same realmId and name). */
  resetCompany(realmId: string, options?: Omit<CreateCompanyOptions, 'realmId'>): CreatedCompany;
  /** Remove every company and clear counters, limits, requestid memory and the other parts' state. */
  resetAll(): void;
  /** Every live record of an entity, straight from the store (inactive ones included). */
  entities(realmId: string, entity: string): Json[];
  counts(realmId: string): Record<string, { total: number; active: number; deleted: number }>;
  mergeCustomers(realmId: string, fromId: string, intoId: string): Json;
  calls(realmId: string): Record<string, Record<string, number>>;
  resetCalls(realmId?: string): void;
  /** A realm's metered calls (Core / CorePlus), in all and per app; cleared with the calls. */
  metering(realmId: string): RealmMetering;
  /** Metered calls of every realm, and per app over all realms. */
  meteringAll(): { total: MeteredCalls; apps: Record<string, MeteredCalls>; realms: RealmMetering[] };
  getSettings(): SandboxSettings;
  updateSettings(patch: DeepPartial<SandboxSettings>): SandboxSettings;
  now(): Date;
  advanceClock(ms: number): Date;
  /** Write the state to the configured snapshot file (409 snapshot_not_configured when none is configured). */
  snapshot(): SnapshotInfo;
}

export interface AdminDeps {
  store: SandboxStore;
  settings: SandboxSettings;
  clock: SandboxClock;
  counters: CallCounters;
  limiter: RateLimiter;
  requestIds: RequestIdCache;
  parts: SandboxPart[];
  snapshot?: () => SnapshotInfo;
}

export function createAdmin(deps: AdminDeps): SandboxAdmin {
  const { store, settings, clock } = deps;
  const today = (): string => formatDate(clock.now().getTime(), settings.api.timeZoneOffsetMinutes);

  const populate = (realmId: string, options: CreateCompanyOptions): void => {
    const seedOptions: SeedOptions = { seed: options.seed ?? 0, size: options.seed === undefined ? 'empty' : (options.size ?? 'small') };
    if (options.asOf !== undefined) seedOptions.asOf = options.asOf;
    if (options.months !== undefined) seedOptions.months = options.months;
    seedCompany(store, realmId, seedOptions, today(), settings.api.timeZoneOffsetMinutes);
  };

  const admin: SandboxAdmin = {
    createCompany(options = {}) {
      const company = store.createCompany(options);
      try {
        populate(company.realmId, options);
      } catch (e) {
        store.deleteCompany(company.realmId);
        throw e;
      }
      return { ...company.summary(), counts: store.counts(company.realmId) };
    },
    listCompanies: () => store.listCompanies(),
    deleteCompany(realmId) {
      deps.counters.reset(realmId);
      deps.limiter.reset(realmId);
      return store.deleteCompany(realmId);
    },
    resetCompany(realmId, options = {}) {
      const existing = store.company(realmId);
      store.deleteCompany(realmId);
      deps.limiter.reset(realmId);
      return admin.createCompany({ companyName: existing.companyName, ownerEmail: existing.ownerEmail, ...options, realmId });
    },
    resetAll() {
      store.deleteAllCompanies();
      deps.counters.reset();
      deps.limiter.reset();
      deps.requestIds.reset();
      for (const part of deps.parts) part.reset();
    },
    entities: (realmId, entity) => store.list(realmId, entity),
    counts: (realmId) => store.counts(realmId),
    mergeCustomers: (realmId, fromId, intoId) => store.mergeCustomers(realmId, fromId, intoId),
    calls: (realmId) => deps.counters.get(realmId),
    resetCalls: (realmId) => deps.counters.reset(realmId),
    metering: (realmId) => deps.counters.metering(realmId),
    meteringAll: () => deps.counters.meteringAll(),
    getSettings: () => cloneJson(settings),
    updateSettings(patch) {
      mergeDeep(settings, patch);
      return cloneJson(settings);
    },
    snapshot() {
      if (!deps.snapshot) throw new ConflictError('snapshot_not_configured', 'No snapshot file is configured (QBO_SANDBOX_SNAPSHOT_FILE / createSandbox({ snapshotFile }))');
      return deps.snapshot();
    },
    now: () => clock.now(),
    advanceClock(ms) {
      clock.advance(ms);
      return clock.now();
    },
  };
  return admin;
}
