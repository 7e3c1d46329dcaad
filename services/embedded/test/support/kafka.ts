/**
 * What the distributed test reads from the shared broker: the tenant's events on
 * `sync.events.v1` (a fresh consumer group, from the beginning, filtered by tenant), and the
 * services' fixed consumer groups (distributed mode has no group prefix, so a second
 * `make up` on the same broker would share the partitions with the one under test).
 */
import type { MessageBus } from '@ledgerbus/bus';
import { syncEvents } from '@ledgerbus/contracts';
import { uniqueName, waitFor } from '@ledgerbus/testing';
import { Kafka, logLevel } from 'kafkajs';

export interface SyncEvent {
  type: string;
  data: Record<string, unknown>;
}

export interface SyncEventLog {
  /** The tenant's events in arrival order. */
  readonly events: SyncEvent[];
  stop(): Promise<void>;
}

export async function collectSyncEvents(bus: MessageBus, tenantId: string): Promise<SyncEventLog> {
  const events: SyncEvent[] = [];
  const subscription = await bus.subscribe({
    groupId: uniqueName('embedded.distributed-test'),
    topics: [syncEvents],
    fromBeginning: true,
    handler: async ({ event }) => {
      const data = event.data as Record<string, unknown>;
      if (data.tenantId === tenantId) events.push({ type: event.type, data });
    },
  });
  return { events, stop: () => subscription.stop() };
}

/** The services' own consumer groups: `connector.fetch-changes`, `mapping.*`, `invoice-push`, `invoice-push.state` … */
const SERVICE_GROUP = /^(connector|mapping|customer-sync|invoice-push|payment-push|metrics)(\.|$)/;

/**
 * Waits until no member is in any of the services' consumer groups, so that the services
 * about to start get every partition. Fails naming the busy groups (another `make up`
 * on this broker); members of a killed run leave by themselves after the session timeout.
 */
export async function waitForIdleServiceGroups(brokers: string[], timeoutMs: number): Promise<void> {
  const admin = new Kafka({ clientId: 'ledgerbus-distributed-test', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  let busy: string[] = [];
  try {
    await waitFor(
      async () => {
        const ids = (await admin.listGroups()).groups.map((g) => g.groupId).filter((id) => SERVICE_GROUP.test(id));
        busy = ids.length === 0 ? [] : (await admin.describeGroups(ids)).groups.filter((g) => g.members.length > 0).map((g) => g.groupId);
        return busy.length === 0;
      },
      { timeoutMs, intervalMs: 1_000, description: "the services' consumer groups to be idle" },
    );
  } catch (err) {
    throw new Error(`consumer groups ${busy.sort().join(', ')} still have members: is another \`make up\` running on this broker? (\`deploy/local/services.sh stop\` stops it)`, { cause: err });
  } finally {
    await admin.disconnect();
  }
}
