import type { IncomingMessage } from '@ledgerbus/bus';
import type { CloudEvent, EventData, connectorConnections, mappingSettings, platformEmployees, platformProducts } from '@ledgerbus/contracts';
import type { CustomerSyncContext } from '../context';
import { stateRepository } from '../db/state.repository';
import { scopeOf } from '../domain/scope';
import { Emitter } from '../use-cases/emit';
import { replayPendingIfReady } from '../use-cases/pending';

/** The `service` named in `settings.applied`. */
export const SETTINGS_SERVICE_NAME = 'customer-sync';

type ConnectionState = EventData<typeof connectorConnections, 'connection.state'>;
type SettingsState = EventData<typeof mappingSettings, 'settings.state'>;
type EmployeeUpserted = EventData<typeof platformEmployees, 'employee.upserted'>;
type ProductUpserted = EventData<typeof platformProducts, 'product.upserted'>;

/**
 * `connector.connections.v1`: which realm serves which tenant, or which division of a tenant
 * (stored under its scope "tenant/division"). When the tenant or division is (re)connected (and
 * has its settings), its parked platform records are replayed.
 */
export function connectionStateHandler(ctx: CustomerSyncContext) {
  return async (message: IncomingMessage<CloudEvent<ConnectionState>>): Promise<void> => {
    const s = message.event.data;
    const scope = scopeOf(s.tenantId, s.divisionId);
    await stateRepository.upsertConnection(ctx.knex, { tenant_id: scope, realm_id: s.realmId, status: s.status, updated_at: new Date(s.updatedAt) });
    await replayPendingIfReady(ctx, scope);
  };
}

/**
 * `mapping.settings.v1`: the direction, conflict rule and customer rules of a tenant or of one
 * division (scope "tenant/division": a division's customers sync with its own settings). A newer
 * version stored emits `settings.applied` (service "customer-sync", with the division) in the same
 * transaction. Platform records that arrived before the first settings were parked: they are replayed now.
 */
export function settingsStateHandler(ctx: CustomerSyncContext) {
  return async (message: IncomingMessage<CloudEvent<SettingsState>>): Promise<void> => {
    const s = message.event.data;
    const scope = scopeOf(s.tenantId, s.divisionId);
    const wasDisabled = (await stateRepository.storedSettings(ctx.knex, scope))?.integration.enabled === false;
    await ctx.knex.transaction(async (trx) => {
      const before = await stateRepository.storedVersion(trx, scope, { forUpdate: true });
      await stateRepository.upsertSettings(trx, scope, s.version, s.settings, new Date(s.updatedAt));
      const after = await stateRepository.storedVersion(trx, scope);
      if (after !== s.version || (before !== undefined && before >= s.version)) return; // older, redelivered or the same version restated
      // A new version is stored and applied from now on: the settings API shows customer-sync's version (appliedBy).
      const emit = new Emitter(ctx, scope);
      emit.event('settings.applied', { tenantId: scope, service: SETTINGS_SERVICE_NAME, version: s.version, at: ctx.clock().toISOString() });
      await emit.flush(trx);
    });
    // Just enabled: the enable run's customers phase pushes the parked customers (counted by the run, before their invoices).
    if (wasDisabled) return;
    await replayPendingIfReady(ctx, scope);
  };
}

/** `platform.employees.v1` and `platform.products.v1`: the directory onboarding matches against (per tenant: these carry no division, every division's onboarding matches against them). */
export function directoryHandler(ctx: CustomerSyncContext) {
  return async (message: IncomingMessage<CloudEvent<EmployeeUpserted | ProductUpserted>>): Promise<void> => {
    const { event } = message;
    const now = ctx.clock();
    if (event.type === 'employee.upserted') {
      const e = event.data as EmployeeUpserted;
      await stateRepository.upsertDirectory(ctx.knex, { tenant_id: e.tenantId, entity: 'employee', platform_id: e.employeeId, name: e.displayName, email: e.email ?? null, sku: null, version: e.version, record: e, updated_at: now });
    } else if (event.type === 'product.upserted') {
      const p = event.data as ProductUpserted;
      await stateRepository.upsertDirectory(ctx.knex, { tenant_id: p.tenantId, entity: 'item', platform_id: p.productId, name: p.name, email: null, sku: p.sku ?? null, version: p.version, record: p, updated_at: now });
    }
  };
}
