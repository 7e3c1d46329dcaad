import { NotFoundError, ValidationError } from '@ledgerbus/kit';
import { notEmulated, qboEntityNotEmulated } from '../faults/not-emulated';
import { faults } from '../faults/qbo-fault';
import type { SandboxSettings } from '../settings';
import { formatDate, formatDateTime } from '../time';
import type { ChangeOperation, Clock, CompanyDirectory, CompanySummary, EntityChange } from '../types';
import type { CompanyState, Json, StoredRecord } from './company';
import { Company } from './company';
import type { EntityDef, WriteContext } from './entity-def';
import { ENTITY_DEFS, entityDef } from './entities';
import { cloneJson, isObject, text } from './fields';

export interface WriteOptions {
  /** Sandbox time of the write (seeding history); default: the clock's now. */
  atMs?: number;
  /** Do not emit EntityChange events (bulk seeding). */
  silent?: boolean;
}

/** The store's part of a snapshot. */
export interface StoreState {
  nextRealm: number;
  companies: CompanyState[];
}

export interface CreateCompanyInput {
  realmId?: string;
  companyName?: string;
  ownerEmail?: string;
}

interface Touch {
  entity: string;
  id: string;
  mutate: (data: Json) => void;
}

/** Read-only fields that a request body may carry but that the server computes. */
const SERVER_FIELDS = ['Id', 'SyncToken', 'MetaData', 'domain', 'sparse', 'status'];

/**
 * The in-memory ledger of every sandbox company. Writes are validated by the entity
 * definitions (throwing QBO faults) before anything changes; after a commit the store
 * emits one EntityChange per changed entity to its listeners (the webhook dispatcher).
 */
export class SandboxStore implements CompanyDirectory {
  private readonly companies = new Map<string, Company>();
  private readonly listeners = new Set<(change: EntityChange) => void>();
  /** Realm ids are numeric strings; generated ones count up from here (below 2^53). */
  private nextRealm = 4620816365000000;

  constructor(
    private readonly clock: Clock,
    private readonly settings: SandboxSettings,
  ) {}

  // ---- CompanyDirectory ----

  listCompanies(): CompanySummary[] {
    return [...this.companies.values()].map((c) => c.summary());
  }

  getCompany(realmId: string): CompanySummary | undefined {
    return this.companies.get(realmId)?.summary();
  }

  onChange(listener: (change: EntityChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- companies ----

  createCompany(input: CreateCompanyInput = {}): Company {
    const realmId = input.realmId ?? String(++this.nextRealm);
    if (!/^\d{1,20}$/.test(realmId)) throw new ValidationError('realmId must be a numeric string', { realmId });
    if (this.companies.has(realmId)) throw new ValidationError(`A company with realmId ${realmId} already exists`, { realmId });
    const name = input.companyName ?? `Sandbox Company ${realmId}`;
    const company = new Company(realmId, name, input.ownerEmail ?? 'sandbox-user@example.com', this.clock.now().getTime());
    this.companies.set(realmId, company);
    company.nextId('PhysicalAddress'); // Id "1" is the company's own address
    const atMs = company.createdMs;
    this.insert(company, 'CompanyInfo', '1', {
      CompanyName: name,
      LegalName: name,
      Country: 'US',
      FiscalYearStartMonth: 'January',
      CompanyStartDate: formatDate(atMs, this.offset()),
      SupportedLanguages: 'en',
      Email: { Address: input.ownerEmail ?? 'sandbox-user@example.com' },
      // As in Intuit's CompanyInfo sample: the three company addresses (Id "1"), phone, empty WebAddr.
      CompanyAddr: { Id: '1', Line1: '2500 Garcia Ave', City: 'Mountain View', CountrySubDivisionCode: 'CA', PostalCode: '94043', Country: 'US' },
      LegalAddr: { Id: '1', Line1: '2500 Garcia Ave', City: 'Mountain View', CountrySubDivisionCode: 'CA', PostalCode: '94043', Country: 'US' },
      CustomerCommunicationAddr: { Id: '1', Line1: '2500 Garcia Ave', City: 'Mountain View', CountrySubDivisionCode: 'CA', PostalCode: '94043', Country: 'US' },
      PrimaryPhone: { FreeFormNumber: '(650) 944-4444' },
      WebAddr: {},
      NameValue: [{ Name: 'OfferingSku', Value: 'QuickBooks Online Plus' }, { Name: 'SubscriptionStatus', Value: 'PAID' }],
    }, atMs);
    this.insert(company, 'Preferences', '1', {
      AccountingInfoPrefs: { TrackDepartments: false, ClassTrackingPerTxn: false, ClassTrackingPerTxnLine: true, CustomerTerminology: 'Customers' },
      SalesFormsPrefs: { CustomTxnNumbers: false, AllowDeposit: false, AllowDiscount: true, DefaultTerms: { value: '3' } },
      ProductAndServicesPrefs: { ForSales: true, ForPurchase: true, QuantityWithPriceAndRate: true, QuantityOnHand: true },
      ReportPrefs: { ReportBasis: 'Accrual', CalcAgingReportFromTxnDate: false },
      CurrencyPrefs: { MultiCurrencyEnabled: false, HomeCurrency: { value: 'USD' } },
      TaxPrefs: { UsingSalesTax: true, PartnerTaxEnabled: true },
      OtherPrefs: { NameValue: [{ Name: 'SalesFormsPrefs.DefaultCustomerMessage', Value: 'Thank you for your business.' }] },
    }, atMs);
    this.insert(company, 'TaxCode', 'TAX', { Name: 'TAX', Description: 'TAX', Taxable: true, TaxGroup: false, Active: true }, atMs);
    this.insert(company, 'TaxCode', 'NON', { Name: 'NON', Description: 'NON', Taxable: false, TaxGroup: false, Active: true }, atMs);
    return company;
  }

  deleteCompany(realmId: string): boolean {
    return this.companies.delete(realmId);
  }

  deleteAllCompanies(): void {
    this.companies.clear();
  }

  company(realmId: string): Company {
    const c = this.companies.get(realmId);
    if (!c) throw new NotFoundError(`No sandbox company with realmId ${realmId}`, { realmId });
    return c;
  }

  hasCompany(realmId: string): boolean {
    return this.companies.has(realmId);
  }

  // ---- snapshot ----

  /** Every company with its records, tombstones and sequences (plain JSON, Money as marks). */
  exportState(): StoreState {
    return { nextRealm: this.nextRealm, companies: [...this.companies.values()].map((c) => c.exportState()) };
  }

  /** Replace every company by the snapshot's (no change events are emitted). */
  importState(state: StoreState): void {
    this.companies.clear();
    for (const c of state.companies) this.companies.set(c.realmId, Company.fromState(c));
    this.nextRealm = Math.max(this.nextRealm, state.nextRealm);
  }

  // ---- reads ----

  /** The definition of an entity, or a 4xx fault for an unknown one. */
  def(entity: string): EntityDef {
    const def = entityDef(entity);
    if (!def) {
      const qbo = qboEntityNotEmulated(entity);
      if (qbo) throw notEmulated('entity', qbo);
      throw faults.unsupportedOperation(`Unsupported entity: ${entity}`);
    }
    return def;
  }

  /** The entity as the API shows it (derived fields added), or a 610 fault. */
  read(realmId: string, entity: string, id: string): Json {
    const company = this.company(realmId);
    const def = this.def(entity);
    const data = company.get(def.name, id);
    if (!data) throw faults.objectNotFound(def.name, id);
    return this.view(company, def, data);
  }

  view(company: Company, def: EntityDef, data: Json): Json {
    return def.view ? def.view(company, data) : data;
  }

  /** Every live record of an entity (views, Id order), including inactive ones. */
  list(realmId: string, entity: string): Json[] {
    const company = this.company(realmId);
    const def = this.def(entity);
    return company.all(def.name).map((d) => cloneJson(this.view(company, def, d)));
  }

  /** Counts per entity: live, active (name lists) and deleted. */
  counts(realmId: string): Record<string, { total: number; active: number; deleted: number }> {
    const company = this.company(realmId);
    const out: Record<string, { total: number; active: number; deleted: number }> = {};
    for (const def of ENTITY_DEFS) {
      const rows = company.all(def.name);
      out[def.name] = { total: rows.length, active: rows.filter((r) => r.Active !== false).length, deleted: company.tombstonesOf(def.name).size };
    }
    return out;
  }

  // ---- writes ----

  create(realmId: string, entity: string, body: Json, options: WriteOptions = {}): Json {
    const company = this.company(realmId);
    const def = this.def(entity);
    if (def.kind === 'read-only' || def.kind === 'singleton') throw faults.unsupportedOperation(`Operation Create is not supported for ${def.name}.`);
    return this.write(company, def, options, (ctx) => {
      const fields = def.normalize(ctx, stripServerFields(body), undefined);
      const id = company.nextId(def.name);
      const data = this.stamp(fields, id, '0', ctx.nowMs, ctx.nowMs);
      company.table(def.name).set(id, { data, createdMs: ctx.nowMs, updatedMs: ctx.nowMs });
      return { data, operation: 'Create', before: undefined };
    });
  }

  /** Full update (omitted writable fields are cleared) or sparse update (`sparse: true`). */
  update(realmId: string, entity: string, body: Json, options: WriteOptions = {}): Json {
    const company = this.company(realmId);
    const def = this.def(entity);
    if (def.kind === 'read-only') throw faults.unsupportedOperation(`Operation Update is not supported for ${def.name}.`);
    return this.write(company, def, options, (ctx) => {
      const record = this.current(company, def, body);
      const sparse = body.sparse === true || body.sparse === 'true';
      const input = sparse ? { ...stripServerFields(record.data), ...stripServerFields(body) } : stripServerFields(body);
      const before = record.data;
      const fields = def.normalize(ctx, input, before);
      const data = this.stamp(fields, String(before.Id), String(Number(before.SyncToken) + 1), record.createdMs, ctx.nowMs, before);
      record.data = data;
      record.updatedMs = ctx.nowMs;
      return { data, operation: 'Update', before };
    });
  }

  /** Delete a transaction (`?operation=delete`). Name-list entities cannot be deleted. */
  delete(realmId: string, entity: string, body: Json, options: WriteOptions = {}): Json {
    const company = this.company(realmId);
    const def = this.def(entity);
    if (def.kind !== 'transaction') throw faults.unsupportedOperation('Operation Delete is not supported.');
    let deletedId = '';
    this.write(company, def, options, (ctx) => {
      const record = this.current(company, def, body);
      def.beforeDelete?.(ctx, record.data);
      deletedId = String(record.data.Id);
      company.table(def.name).delete(deletedId);
      company.tombstonesOf(def.name).set(deletedId, { id: deletedId, deletedMs: ctx.nowMs });
      return { data: undefined, operation: 'Delete', before: record.data, id: deletedId };
    });
    return { status: 'Deleted', domain: 'QBO', Id: deletedId };
  }

  /** Void a transaction: amounts zeroed, "Voided" in PrivateNote, SyncToken bumped. */
  void(realmId: string, entity: string, body: Json, options: WriteOptions = {}): Json {
    const company = this.company(realmId);
    const def = this.def(entity);
    const voided = def.voided?.bind(def);
    if (!voided) throw faults.unsupportedOperation(`Operation Void is not supported for ${def.name}.`);
    return this.write(company, def, options, (ctx) => {
      const record = this.current(company, def, body);
      const before = record.data;
      const fields = voided(ctx, before);
      const data = this.stamp(fields, String(before.Id), String(Number(before.SyncToken) + 1), record.createdMs, ctx.nowMs, before);
      record.data = data;
      record.updatedMs = ctx.nowMs;
      return { data, operation: 'Void', before };
    });
  }

  /**
   * Merge one customer into another (as QBO's UI does): the transactions of `fromId` move to
   * `intoId`, `fromId` is removed, and a Merge change names both.
   */
  mergeCustomers(realmId: string, fromId: string, intoId: string, options: WriteOptions = {}): Json {
    const company = this.company(realmId);
    const def = this.def('Customer');
    const from = company.table('Customer').get(fromId);
    const into = company.table('Customer').get(intoId);
    if (!from) throw faults.objectNotFound('Customer', fromId);
    if (!into || fromId === intoId) throw faults.objectNotFound('Customer', intoId);
    if (company.all('Customer').some((c) => (c.ParentRef as { value?: string } | undefined)?.value === fromId)) {
      throw faults.businessValidation('A customer with sub-customers cannot be merged away');
    }
    const nowMs = options.atMs ?? this.clock.now().getTime();
    for (const entity of ['Invoice', 'Payment', 'SalesReceipt']) {
      for (const txn of company.all(entity)) {
        const ref = txn.CustomerRef as { value?: string } | undefined;
        if (ref?.value === fromId) txn.CustomerRef = { value: intoId, name: into.data.DisplayName };
      }
    }
    company.table('Customer').delete(fromId);
    company.tombstonesOf('Customer').set(fromId, { id: fromId, deletedMs: nowMs });
    into.data = { ...into.data, SyncToken: String(Number(into.data.SyncToken) + 1), MetaData: { ...(into.data.MetaData as Json), LastUpdatedTime: this.formatTime(nowMs) } };
    into.updatedMs = nowMs;
    for (const entity of ['Customer', 'Invoice', 'Payment', 'SalesReceipt']) company.bump(entity);
    if (!options.silent) this.emit({ realmId, entity: 'Customer', id: intoId, operation: 'Merge', lastUpdated: new Date(nowMs).toISOString(), deletedId: fromId });
    return cloneJson(this.view(company, def, into.data));
  }

  // ---- internals ----

  private current(company: Company, def: EntityDef, body: Json): StoredRecord {
    const id = text(body.Id);
    if (!id) throw faults.requiredParam('Id');
    if (body.SyncToken === undefined || body.SyncToken === null) throw faults.requiredParam('SyncToken');
    const record = company.table(def.name).get(id);
    if (!record) throw faults.objectNotFound(def.name, id);
    if (text(body.SyncToken) !== text(record.data.SyncToken)) throw faults.staleObject();
    return record;
  }

  private offset(): number {
    return this.settings.api.timeZoneOffsetMinutes;
  }

  private formatTime(ms: number): string {
    return formatDateTime(ms, this.offset());
  }

  private stamp(fields: Json, id: string, syncToken: string, createdMs: number, updatedMs: number, before?: Json): Json {
    const createTime = (before?.MetaData as Json | undefined)?.CreateTime ?? this.formatTime(createdMs);
    return { ...fields, domain: 'QBO', sparse: false, Id: id, SyncToken: syncToken, MetaData: { CreateTime: createTime, LastUpdatedTime: this.formatTime(updatedMs) } };
  }

  private insert(company: Company, entity: string, id: string, fields: Json, atMs: number): void {
    company.table(entity).set(id, { data: this.stamp(fields, id, '0', atMs, atMs), createdMs: atMs, updatedMs: atMs });
  }

  private write(
    company: Company,
    def: EntityDef,
    options: WriteOptions,
    apply: (ctx: WriteContext) => { data: Json | undefined; operation: ChangeOperation; before: Json | undefined; id?: string },
  ): Json {
    const nowMs = options.atMs ?? this.clock.now().getTime();
    const touches: Touch[] = [];
    const ctx: WriteContext = {
      company,
      settings: this.settings,
      nowMs,
      today: formatDate(nowMs, this.offset()),
      touch: (entity, id, mutate) => touches.push({ entity, id, mutate }),
    };
    const result = apply(ctx);
    company.bump(def.name);
    def.afterWrite?.(ctx, result.before, result.data);
    const changes: EntityChange[] = [];
    const lastUpdated = new Date(nowMs).toISOString();
    changes.push({ realmId: company.realmId, entity: def.name, id: result.id ?? String(result.data?.Id), operation: result.operation, lastUpdated });
    for (const t of touches) {
      const record = company.table(t.entity).get(t.id);
      if (!record) continue;
      const data = { ...record.data };
      t.mutate(data);
      data.SyncToken = String(Number(record.data.SyncToken) + 1);
      data.MetaData = { ...(record.data.MetaData as Json), LastUpdatedTime: this.formatTime(nowMs) };
      record.data = data;
      record.updatedMs = nowMs;
      changes.push({ realmId: company.realmId, entity: t.entity, id: t.id, operation: 'Update', lastUpdated });
      company.bump(t.entity);
    }
    if (!options.silent) for (const change of changes) this.emit(change);
    return result.data ? this.view(company, def, result.data) : {};
  }

  private emit(change: EntityChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch {
        // A listener's failure never undoes a committed write.
      }
    }
  }
}

function stripServerFields(body: Json): Json {
  if (!isObject(body)) return {};
  const out: Json = {};
  for (const [k, v] of Object.entries(body)) if (!SERVER_FIELDS.includes(k)) out[k] = v;
  return out;
}
