/**
 * The outbox relay while its database is unavailable: it keeps trying at a short,
 * bounded interval (unavailableBackoffMs) instead of backing off towards maxBackoffMs, so
 * after a PostgreSQL restart it is publishing again within seconds.
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createMemoryBus, MemoryBroker } from '@ledgerbus/bus';
import { waitFor } from '@ledgerbus/testing';
import { knex as createKnex } from 'knex';
import { createOutboxRelay } from '../src';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

it('retries at most every unavailableBackoffMs while the database refuses connections, not at the long backoff', async () => {
  const k = createKnex({ client: 'pg', connection: { connectionString: `postgres://postgres@127.0.0.1:${await closedPort()}/postgres` }, pool: { min: 0, max: 2 } });
  const bus = createMemoryBus({ broker: new MemoryBroker() });
  const relay = createOutboxRelay({ knex: k, bus, schema: 'relay_unavailable', pollIntervalMs: 100, maxBackoffMs: 30_000, unavailableBackoffMs: 300, listen: false });
  relay.start();
  try {
    // Doubling from 100 ms towards 30 s tries about 5 times in 3 s (0, .2, .6, 1.4, 3.0 s); capped at 300 ms, 10 or more.
    const started = Date.now();
    await waitFor(() => relay.stats.failures >= 8, { timeoutMs: 3_000, intervalMs: 20, description: "8 attempts of the relay" });
    expect(Date.now() - started).toBeLessThanOrEqual(3_100);
    expect(relay.stats.published).toBe(0);
  } finally {
    await relay.stop();
    await bus.close();
    await k.destroy();
  }
});
