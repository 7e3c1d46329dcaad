/** Per-realm call counters by endpoint ("POST invoice", "GET query" …) and HTTP status ("200", "429", "dropped"). */
export class CallCounters {
  private readonly realms = new Map<string, Map<string, Map<string, number>>>();

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
    if (realmId === undefined) this.realms.clear();
    else this.realms.delete(realmId);
  }
}
