/**
 * Runs the example platform against a running ledgerbus (`make demo` in another terminal):
 *
 *   LEDGERBUS_TOKEN=<the admin JWT make demo printed> npm run example:platform
 *
 * The only file that reads the environment. Exits 0 when every record got its outcome.
 */
import type { RecordEntity } from '@ledgerbus/client';
import { createLedgerbusClient } from '@ledgerbus/client';
import { runPlatform } from './platform';

function env(name: string, fallback?: string): string {
  const value = process.env[name] ?? fallback;
  if (value === undefined || value === '') {
    process.stderr.write(`${name} is required (the admin JWT that make demo prints: "admin JWT (tenant demo-tenant, role owner, 12 h)")\n`);
    process.exit(2);
  }
  return value;
}

async function main(): Promise<void> {
  const tenant = env('LEDGERBUS_TENANT', 'demo-tenant');
  const token = env('LEDGERBUS_TOKEN');
  const adminToken = process.env.LEDGERBUS_ADMIN_TOKEN ?? token;
  const urls = { ingest: env('LEDGERBUS_INGEST_URL', 'http://127.0.0.1:8088'), webhooks: env('LEDGERBUS_WEBHOOKS_URL', 'http://127.0.0.1:8089') };
  const print = (line: string) => process.stdout.write(`${line}\n`);

  const run = await runPlatform({
    tenant,
    token,
    adminToken,
    urls,
    receiver: { host: '127.0.0.1', port: Number(process.env.RECEIVER_PORT ?? 0) },
    sendTwice: process.env.SEND_TWICE === 'true',
    timeoutMs: Number(process.env.OUTCOME_TIMEOUT_SECONDS ?? 120) * 1000,
    print,
  });
  try {
    // The same state, read back over HTTP (what a platform shows next to each record).
    const ledgerbus = createLedgerbusClient({ tenant, token, urls });
    print('\nrecord status (GET …/records/{entity}/{platformId}):');
    const rows: Array<[RecordEntity, string]> = [
      ...run.records.customers.map((c): [RecordEntity, string] => ['customers', c.customerId]),
      ...run.records.invoices.map((i): [RecordEntity, string] => ['invoices', i.invoiceId]),
      ...run.records.payments.map((p): [RecordEntity, string] => ['payments', p.paymentId]),
    ];
    for (const [entity, id] of rows) {
      const status = await ledgerbus.records.status(entity, id);
      print(`  ${entity.padEnd(9)} ${id.padEnd(14)} v${status?.latestVersion ?? '?'} ${status?.state ?? 'unknown'}${status?.qboId ? ` QBO #${status.qboId}` : ''}`);
    }
    const failed = [...run.outcomes.values()].filter((e) => !/\.(pushed|synced)$/.test(e.type));
    print(`\n${run.outcomes.size} outcomes, ${failed.length} not pushed; ${run.events.length} webhook deliveries verified, ${run.refused} refused`);
    process.exitCode = failed.length === 0 ? 0 : 1;
  } finally {
    await run.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
