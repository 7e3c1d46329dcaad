/**
 * The demo: start the embedded stack, connect the sandbox's demo company through OAuth,
 * configure the tenant through the settings API, publish a realistic set of platform
 * records while the integration is not enabled yet, "Enable Integration" and follow its
 * sync run phase by phase, check every outcome on `sync.events.v1`, and summarize what
 * landed in QBO.
 */
import type { OutgoingMessage } from '@ledgerbus/bus';
import { createEvent, platformCustomers, platformInvoices, platformPayments } from '@ledgerbus/contracts';
import type { TopicDefinition } from '@ledgerbus/contracts';
import { mintToken } from '@ledgerbus/kit';
import type { ChosenMappings } from './configure';
import { configureTenant } from './configure';
import type { ConnectResult } from './connect';
import { connectDemoCompany } from './connect';
import { expectJson, poll } from './http-client';
import type { DemoDataset } from './dataset';
import { buildDataset } from './dataset';
import { collectOutcomes, recordKey } from './outcomes';
import type { RunView } from './run-details';
import { disableIntegration, enableIntegration, formatRunDetails } from './run-details';
import type { Stack, StackOptions } from './stack';
import { startStack } from './stack';
import type { DemoSummary } from './summary';
import { buildSummary, formatSummary } from './summary';

export interface DemoOptions extends StackOptions {
  tenantId?: string;
  /** Longest wait for the records' outcomes. Default 180 s. */
  outcomeTimeoutMs?: number;
  prefixes?: { invoices: string; payments: string };
  /** Sizes of the data set. */
  counts?: { customers?: number; invoices?: number; payments?: number };
  /** Progress lines (stdout in main). */
  print?: (line: string) => void;
}

export interface DemoRun {
  stack: Stack;
  tenantId: string;
  adminToken: string;
  connection: ConnectResult;
  mappings: ChosenMappings;
  dataset: DemoDataset;
  summary: DemoSummary;
  /** The "Enable Integration" run, as the API shows it. */
  run: RunView;
  /** The printable summary. */
  report: string;
  elapsedMs: number;
}

function messages(tenantId: string, type: string, records: unknown[]): OutgoingMessage[] {
  return records.map((data) => ({ key: tenantId, event: createEvent({ type, source: 'platform/embedded-demo', tenantid: tenantId, data }) }));
}

async function publish(stack: Stack, topic: TopicDefinition, batch: OutgoingMessage[]): Promise<void> {
  if (batch.length > 0) await stack.bus.publish(topic, batch);
}

/** Runs steps 1–5 on a fresh stack. The stack keeps running: the caller serves or shuts it down. */
export async function runDemo(options: DemoOptions): Promise<DemoRun> {
  const started = Date.now();
  const print = options.print ?? (() => undefined);
  const tenantId = options.tenantId ?? 'demo-tenant';
  const prefixes = options.prefixes ?? { invoices: 'LB-', payments: 'LBP-' };
  const step = (n: number, text: string): void => print(`[${n}/5] ${text} (${((Date.now() - started) / 1000).toFixed(1)} s)`);

  step(0, `starting sandbox, connector, mapping, customer-sync, invoice-push, payment-push${options.metrics === false ? '' : ', metrics'}, ingest, webhooks on the in-memory bus and PGlite`);
  const stack = await startStack(options);
  try {
    const adminToken = await mintToken(stack.jwtSecret, { sub: 'demo-admin', tenant: tenantId, role: 'owner' }, '12h');

    step(1, `connecting "${stack.company.companyName}" (realm ${stack.company.realmId}) through Intuit OAuth`);
    const connection = await connectDemoCompany({ connectorUrl: stack.urls.connector, mappingUrl: stack.urls.mapping, tenantId, realmId: stack.company.realmId, ownerToken: adminToken });
    print(`      ${connection.hops.join('\n        → ')}`);
    print(`      connected to "${connection.companyName}"; snapshot: ${connection.referenceCounts.accounts} accounts, ${connection.referenceCounts.paymentMethods} payment methods, ${connection.referenceCounts.items} items`);

    step(2, 'saving settings and mappings through the settings API');
    const today = stack.sandbox.admin.now().toISOString().slice(0, 10);
    const syncDataAfter = new Date(Date.parse(`${today}T00:00:00Z`) - 90 * 86_400_000).toISOString().slice(0, 10);
    const mappings = await configureTenant({ mappingUrl: stack.urls.mapping, tenantId, adminToken, prefixes, syncDataAfter });
    print(`      A/R "${mappings.accounts.accountsReceivable.name}", income "${mappings.accounts.income.name}", expense "${mappings.accounts.expense.name}", deposit "${mappings.accounts.deposit.name}"`);
    print(`      GL codes ${Object.entries(mappings.glCodes).map(([code, a]) => `${code}→"${a.name}"`).join(', ')}; payment methods ${Object.entries(mappings.paymentMethods).map(([m, p]) => `${m}→"${p.name}"`).join(', ')}`);
    print(`      default items: one-time "${mappings.defaults.oneTimeItem.name}", recurring "${mappings.defaults.recurringItem.name}"; prefixes ${prefixes.invoices} / ${prefixes.payments}; sync data after ${syncDataAfter}`);

    // Seeds 003/004: the admin configures first and enables the integration last. Until then
    // records are held, not pushed; "Enable Integration" starts one run that pushes them phase
    // by phase. Settings travel mapping → outbox → mapping.settings.v1 → each worker's read model.
    await disableIntegration({ mappingUrl: stack.urls.mapping, tenantId, adminToken });
    const disabledVersion = (await expectJson<{ version: number }>(200, `${stack.urls.mapping}/v1/tenants/${tenantId}/settings`, { bearer: adminToken })).body.version;
    await poll(
      `settings version ${disabledVersion} in invoice-push and payment-push`,
      async () => {
        const versions = await Promise.all([stack.invoicePush.readModel.settings(tenantId), stack.paymentPush.readModel.settings(tenantId)]);
        return versions.every((v) => v !== undefined && v.version >= disabledVersion) ? true : undefined;
      },
      60_000,
    );
    print(`      settings version ${disabledVersion} reached invoice-push and payment-push; the integration is not enabled yet: records wait`);

    const dataset = buildDataset({ tenantId, today, ...options.counts });
    const outcomes = await collectOutcomes(stack.bus, tenantId);
    try {
      step(3, `publishing ${dataset.customers.length} customers, ${dataset.invoices.length} invoices (1 deliberately bad), ${dataset.payments.length} payments on platform.*`);
      await publish(stack, platformCustomers, messages(tenantId, 'customer.upserted', dataset.customers));
      await publish(stack, platformInvoices, messages(tenantId, 'invoice.upserted', dataset.invoices));
      await publish(stack, platformPayments, messages(tenantId, 'payment.recorded', dataset.payments));

      const timeoutMs = options.outcomeTimeoutMs ?? 180_000;
      step(4, `"Enable Integration": one sync run makes the company current, phase by phase (at most ${Math.round(timeoutMs / 1000)} s)`);
      let lastLine = '';
      const run = await enableIntegration({
        mappingUrl: stack.urls.mapping,
        tenantId,
        adminToken,
        timeoutMs,
        onProgress: (r) => {
          const current = r.phases.find((p) => p.status === 'running');
          if (current === undefined || current.summary.queued === 0) return;
          const line = `      ${current.phase}: ${current.summary.settled}/${current.summary.queued} settled`;
          if (line !== lastLine) print(line);
          lastLine = line;
        },
      });
      for (const line of formatRunDetails(run)) print(`      ${line}`);

      // Every record's outcome as an integrator sees it on sync.events.v1 (the run waited for them all).
      const keys = [
        ...dataset.customers.map((c) => recordKey('customer', c.customerId)),
        ...dataset.invoices.map((i) => recordKey('invoice', i.invoiceId)),
        ...dataset.payments.map((p) => recordKey('payment', p.paymentId)),
      ];
      const pending = await outcomes.waitFor(keys, 30_000);

      step(5, 'reading the QBO company (the sandbox ledger)');
      const realmId = stack.company.realmId;
      const summary = buildSummary({ dataset, outcomes: outcomes.outcomes, pending, prefixes, ledger: (entity) => stack.sandbox.admin.entities(realmId, entity) });
      return { stack, tenantId, adminToken, connection, mappings, dataset, summary, run, report: formatSummary(summary), elapsedMs: Date.now() - started };
    } finally {
      await outcomes.stop();
    }
  } catch (err) {
    await stack.shutdown('demo failed');
    throw err;
  }
}
