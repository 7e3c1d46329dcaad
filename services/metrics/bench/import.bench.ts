/**
 * Import benchmark: a sandbox company with ~50,000 transactions and 300 accounts, imported
 * completely (chart of accounts, P&L and balance sheet by month for 24 months) with Intuit's
 * limits on at the sandbox (10/s, 500/min, real time: time scale 1) and the shared
 * PostgreSQL limiter in the service. Prints import time, QBO calls and budget share.
 *
 *   npm run bench:metrics      (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test)
 */
import { createMemoryBus } from '@ledgerbus/bus';
import { connectorConnections, createEvent } from '@ledgerbus/contracts';
import { createDatabase } from '@ledgerbus/db';
import { createLogger } from '@ledgerbus/kit';
import { createPostgresRateLimiter } from '@ledgerbus/qbo';
import { createSandbox } from '@ledgerbus/qbo-sandbox';
import { databaseUrlFromEnv, uniqueName, waitFor } from '@ledgerbus/testing';
import { createMetricsService } from '../src/app';

const TRANSACTIONS = 50_000;
const ACCOUNTS = 300;
const TIME_SCALE = 1;

async function main(): Promise<void> {
  const sandbox = createSandbox({ clockStart: new Date('2026-07-15T20:00:00Z'), timeScale: TIME_SCALE });
  const base = await sandbox.listen(0);
  const seedStart = Date.now();
  const { realmId } = sandbox.admin.createCompany({ companyName: 'Bench Co', seed: 5, size: 'large' });
  const store = sandbox.store;
  const types = ['Expense', 'Income', 'Expense', 'Other Expense', 'Cost of Goods Sold'];
  const existing = sandbox.admin.entities(realmId, 'Account');
  const extra: string[] = [];
  for (let i = existing.length; i < ACCOUNTS; i++) {
    const type = types[i % types.length] ?? 'Expense';
    extra.push(String(store.create(realmId, 'Account', { Name: `Bench ${type} ${i}`, AccountType: type }, { silent: true }).Id));
  }
  const checking = String(existing.find((a) => a.Name === 'Checking')?.Id);
  const counts = sandbox.admin.counts(realmId);
  const txnEntities = ['Invoice', 'Payment', 'SalesReceipt', 'Purchase', 'JournalEntry'];
  let txns = txnEntities.reduce((s, e) => s + (counts[e]?.total ?? 0), 0);
  const firstMonth = Date.UTC(2024, 7, 1);
  const span = Date.UTC(2026, 6, 15) - firstMonth;
  for (let i = 0; txns < TRANSACTIONS; i++, txns++) {
    const day = new Date(firstMonth + ((i * 7919) % (span / 86_400_000)) * 86_400_000).toISOString().slice(0, 10);
    const account = extra[i % extra.length] ?? checking;
    const amount = ((i * 37) % 50_000) / 100 + 1;
    store.create(
      realmId,
      'JournalEntry',
      {
        TxnDate: day,
        Line: [
          { DetailType: 'JournalEntryLineDetail', Amount: amount, JournalEntryLineDetail: { PostingType: 'Debit', AccountRef: { value: account } } },
          { DetailType: 'JournalEntryLineDetail', Amount: amount, JournalEntryLineDetail: { PostingType: 'Credit', AccountRef: { value: checking } } },
        ],
      },
      { silent: true, atMs: Date.parse(`${day}T19:00:00Z`) },
    );
  }
  const accounts = sandbox.admin.counts(realmId).Account?.total ?? 0;
  console.log(`seeded ${txns} transactions and ${accounts} accounts in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);

  const schema = uniqueName('metrics_bench').slice(0, 60);
  const db = await createDatabase({ url: databaseUrlFromEnv() }, { schema, pool: { max: 5 } });
  const limiter = createPostgresRateLimiter({ knex: db.knex, schema });
  await limiter.migrate();
  const bus = createMemoryBus();
  await bus.ensureTopics([connectorConnections]);
  const service = await createMetricsService({
    db,
    bus,
    logger: createLogger({ name: 'metrics-bench', level: 'silent' }),
    jwt: { secret: 'bench-secret-bench-secret-bench-secret' },
    qboBaseUrl: base,
    tokenProvider: (realm) => Promise.resolve(sandbox.oauth.issueTokens({ realmId: realm }).response.access_token),
    limiter,
    clock: () => sandbox.clock.now(),
    config: { historyMonths: 24, chunkMonths: 6, timeZoneOffsetMinutes: -420 },
    runImports: false,
  });
  try {
    await service.start();
    await bus.publish(connectorConnections, [
      { key: 'bench', event: createEvent({ type: 'connection.state', source: 'bench', data: { tenantId: 'bench', realmId, companyName: 'Bench Co', status: 'connected', updatedAt: new Date().toISOString() } }) },
    ]);
    await waitFor(async () => (await db.knex('import_jobs').where({ tenant_id: 'bench' }).first()) !== undefined, { description: 'the import request' });
    sandbox.admin.resetCalls(realmId);
    const started = Date.now();
    const [result] = await service.runner.tick();
    const seconds = (Date.now() - started) / 1000;
    if (result === undefined || result.skipped !== undefined) throw new Error('the import did not run');
    const calls = sandbox.admin.calls(realmId);
    const atSandbox = Object.values(calls).reduce((s, statuses) => s + Object.values(statuses).reduce((a, b) => a + b, 0), 0);
    const throttled = Object.values(calls).reduce((s, statuses) => s + (statuses['429'] ?? 0), 0);
    const lines = (await db.knex('report_lines').count<{ count: string }[]>('* as count'))[0]?.count;
    const stored = (await db.knex('accounts').count<{ count: string }[]>('* as count'))[0]?.count;
    const minutes = Math.max(seconds / 60, 1);
    console.log(`time scale: ${TIME_SCALE} (sandbox limits 10 req/s, 500 req/min per realm, enforced in real time)`);
    console.log(`import time: ${seconds.toFixed(2)} s (24 months, 6-month chunks, accrual)`);
    console.log(`QBO calls: ${result.qboCalls} by the service, ${atSandbox} at the sandbox (${JSON.stringify(calls)}), 429s: ${throttled}`);
    console.log(`budget used: ${result.qboCalls} of 500 requests in the minute window = ${((result.qboCalls / (500 * minutes)) * 100).toFixed(1)} % of the realm's per-minute budget`);
    console.log(`stored: ${stored} accounts, ${lines} normalized lines (P&L ${result.lines.profit_and_loss}, balance sheet ${result.lines.balance_sheet})`);
  } finally {
    await service.stopConsumers();
    await service.http.close();
    await service.drainOutbox();
    await bus.close();
    await db.knex.raw('drop schema if exists ?? cascade', [schema]);
    await db.destroy();
    await sandbox.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
