/** Calls by metering class (Intuit's App Partner Program): Core (writes, free) and CorePlus (reads, metered). */
export interface MeteredCalls {
  core: number;
  corePlus: number;
}

/** A realm's metered calls, in all and per app (OAuth client id of the access token). */
export interface RealmMetering {
  realmId: string;
  total: MeteredCalls;
  apps: Record<string, MeteredCalls>;
}

/**
 * Per-realm call counters by endpoint ("POST invoice", "GET query" …) and HTTP status ("200", "429", "dropped"),
 * and metered calls per realm and app: successful calls only (2xx, answered), a batch item by item (see `meterOf`).
 */
export class CallCounters {
  private readonly realms = new Map<string, Map<string, Map<string, number>>>();
  private readonly metered = new Map<string, Map<string, MeteredCalls>>();

  meter(realmId: string, appId: string, calls: MeteredCalls): void {
    if (calls.core === 0 && calls.corePlus === 0) return;
    let apps = this.metered.get(realmId);
    if (!apps) {
      apps = new Map();
      this.metered.set(realmId, apps);
    }
    const c = apps.get(appId) ?? { core: 0, corePlus: 0 };
    c.core += calls.core;
    c.corePlus += calls.corePlus;
    apps.set(appId, c);
  }

  metering(realmId: string): RealmMetering {
    const total: MeteredCalls = { core: 0, corePlus: 0 };
    const apps: Record<string, MeteredCalls> = {};
    for (const [appId, c] of this.metered.get(realmId) ?? []) {
      apps[appId] = { ...c };
      total.core += c.core;
      total.corePlus += c.corePlus;
    }
    return { realmId, total, apps };
  }

  /** Every realm's metering, and the totals per app over all realms. */
  meteringAll(): { total: MeteredCalls; apps: Record<string, MeteredCalls>; realms: RealmMetering[] } {
    const total: MeteredCalls = { core: 0, corePlus: 0 };
    const apps: Record<string, MeteredCalls> = {};
    const realms: RealmMetering[] = [];
    for (const realmId of this.metered.keys()) {
      const m = this.metering(realmId);
      realms.push(m);
      total.core += m.total.core;
      total.corePlus += m.total.corePlus;
      for (const [appId, c] of Object.entries(m.apps)) {
        const a = apps[appId] ?? { core: 0, corePlus: 0 };
        a.core += c.core;
        a.corePlus += c.corePlus;
        apps[appId] = a;
      }
    }
    return { total, apps, realms };
  }

  record(realmId: string, endpoint: string, status: string): void {
    let endpoints = this.realms.get(realmId);
    if (!endpoints) {
      endpoints = new Map();
      this.realms.set(realmId, endpoints);
    }
    let statuses = endpoints.get(endpoint);
    if (!statuses) {
      statuses = new Map();
      endpoints.set(endpoint, statuses);
    }
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  }

  /** `{ "POST invoice": { "200": 3, "400": 1 } }` for a realm. */
  get(realmId: string): Record<string, Record<string, number>> {
    const out: Record<string, Record<string, number>> = {};
    for (const [endpoint, statuses] of this.realms.get(realmId) ?? []) out[endpoint] = Object.fromEntries(statuses);
    return out;
  }

  total(realmId: string): number {
    let n = 0;
    for (const statuses of this.realms.get(realmId)?.values() ?? []) for (const c of statuses.values()) n += c;
    return n;
  }

  reset(realmId?: string): void {
    if (realmId === undefined) {
      this.realms.clear();
      this.metered.clear();
    } else {
      this.realms.delete(realmId);
      this.metered.delete(realmId);
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The metering of one successful response: `GET …` and `POST query` are CorePlus (reads, queries,
 * CDC, reports, CompanyInfo, Preferences, PDFs); `POST batch` counts each item answered without a
 * Fault (Query / CDCQuery / ReportQuery items CorePlus, entity operations Core); any other POST
 * (create, update, delete, void, send) is Core.
 */
export function meterOf(endpoint: string, payload: unknown): MeteredCalls {
  if (endpoint === 'POST batch') {
    let body = payload;
    if (typeof body === 'string') {
      try {
        body = JSON.parse(body) as unknown;
      } catch {
        body = undefined;
      }
    }
    const items = isRecord(body) && Array.isArray(body.BatchItemResponse) ? (body.BatchItemResponse as unknown[]) : [];
    const calls: MeteredCalls = { core: 0, corePlus: 0 };
    for (const item of items) {
      if (!isRecord(item) || item.Fault !== undefined) continue;
      if (item.QueryResponse !== undefined || item.CDCResponse !== undefined || item.Report !== undefined) calls.corePlus += 1;
      else calls.core += 1;
    }
    return calls;
  }
  if (endpoint.startsWith('GET ') || endpoint === 'POST query') return { core: 0, corePlus: 1 };
  if (endpoint.startsWith('POST ')) return { core: 1, corePlus: 0 };
  return { core: 0, corePlus: 0 };
}
