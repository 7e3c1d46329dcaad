/**
 * A tiny platform (a field-service app's billing backend) that syncs its records with QuickBooks
 * Online through ledgerbus, over HTTP only, with @ledgerbus/client:
 *
 *   1. starts its webhook receiver (verifies every delivery's signature, dedupes on the event id),
 *   2. registers it as a webhook endpoint (the secret is shown once: it keeps it in memory),
 *   3. sends its customers, then its invoices, then its payments — each request with an
 *      Idempotency-Key derived from what it sends, optionally twice (as a retrying client would),
 *   4. waits until ledgerbus reported an outcome for each record through the webhook.
 *
 * `runPlatform` is the whole flow as a function (the end-to-end test drives it); `main.ts` runs it
 * against `make demo` from the environment.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CustomerInput, IngestResult, InvoiceInput, LedgerbusClient, PaymentInput, WebhookEvent } from '@ledgerbus/client';
import { WebhookVerificationError, createLedgerbusClient, verifyWebhook } from '@ledgerbus/client';

export interface PlatformOptions {
  tenant: string;
  /** Sends records and reads their status: a service account scoped to `ingest`, or an admin. */
  token: string;
  /** Registers the webhook endpoint: an admin of the tenant (default: `token`). */
  adminToken?: string;
  urls: { ingest: string; webhooks: string; mapping?: string };
  /** Where the receiver listens (loopback; port 0 = any). */
  receiver?: { host?: string; port?: number };
  /** Makes this run's record ids unique (default: the time in base 36). */
  runId?: string;
  /** The records' transaction date (YYYY-MM-DD, default today). */
  today?: string;
  /** Send every request twice with the same Idempotency-Key (at the same time). */
  sendTwice?: boolean;
  /** Longest wait for the outcomes. Default 120 s. */
  timeoutMs?: number;
  print?: (line: string) => void;
}

/** What the platform received and sent. */
export interface PlatformRun {
  runId: string;
  endpointId: string;
  receiverUrl: string;
  records: { customers: CustomerInput[]; invoices: InvoiceInput[]; payments: PaymentInput[] };
  /** Every answer of every request (two per request with `sendTwice`). */
  answers: Array<{ what: string; idempotencyKey: string; result: IngestResult }>;
  /** Verified deliveries in arrival order (a redelivered event id counts once). */
  events: WebhookEvent[];
  /** Deliveries whose signature did not verify (answered 400). */
  refused: number;
  /** The final outcome per record, e.g. `invoice:ex1-i1` → the `invoice.pushed` event. */
  outcomes: Map<string, WebhookEvent>;
  /** Stops the receiver and deletes the endpoint. */
  close(): Promise<void>;
}

/** Outcome types that settle a record (anything else — held, customer changes — is information). */
const FINAL: Record<string, 'customer' | 'invoice' | 'payment'> = {
  'customer.synced': 'customer',
  'customer.sync_failed': 'customer',
  'invoice.pushed': 'invoice',
  'invoice.push_failed': 'invoice',
  'invoice.skipped': 'invoice',
  'payment.pushed': 'payment',
  'payment.push_failed': 'payment',
  'payment.skipped': 'payment',
};

/** The platform's own data: two clients, three invoices, two payments (one paying two invoices). */
export function buildRecords(runId: string, today: string): PlatformRun['records'] {
  const c = (n: number) => `${runId}-c${n}`;
  const i = (n: number) => `${runId}-i${n}`;
  const line = (productId: string, productType: 'service' | 'material', glCode: string, quantity: string, unitPrice: string, description: string) => ({
    productId,
    productName: description,
    productType,
    glCode,
    description,
    quantity,
    unitPrice,
  });
  return {
    customers: [
      { customerId: c(1), displayName: `Bluebird Bakery ${runId}`, email: `ap+${runId}@bluebird.example`, billingAddress: { line1: '12 Oak St', city: 'Austin', state: 'TX', postalCode: '78701', country: 'USA' } },
      { customerId: c(2), displayName: `Cedar Clinic ${runId}`, companyName: `Cedar Clinic ${runId}`, phone: '+1 512 555 0101' },
    ],
    invoices: [
      { invoiceId: i(1), number: `${runId}1`, customerId: c(1), txnDate: today, lines: [line('svc-maint', 'service', '4000', '1', '120.00', 'Maintenance visit')] },
      {
        invoiceId: i(2),
        number: `${runId}2`,
        customerId: c(1),
        txnDate: today,
        lines: [line('svc-repair', 'service', '4000', '2', '95.00', 'Repair labor (hour)'), line('mat-filter', 'material', '4100', '3', '24.50', 'Air filter')],
      },
      { invoiceId: i(3), number: `${runId}3`, customerId: c(2), txnDate: today, lines: [line('svc-audit', 'service', '4200', '1', '275.00', 'Energy audit')] },
    ],
    payments: [
      // Pays invoice 1 in full and invoice 2 in part.
      { paymentId: `${runId}-p1`, customerId: c(1), amount: '220.00', date: today, method: 'card', reference: `${runId}A`, appliedTo: [{ invoiceId: i(1), amount: '120.00' }, { invoiceId: i(2), amount: '100.00' }] },
      { paymentId: `${runId}-p2`, customerId: c(2), amount: '275.00', date: today, method: 'check', reference: `${runId}B`, appliedTo: [{ invoiceId: i(3), amount: '275.00' }] },
    ],
  };
}

/** The record an outcome is about: `invoice:<platformId>`. */
export function outcomeKey(event: WebhookEvent): string | undefined {
  const entity = FINAL[event.type];
  const platformId = (event.data as { platformId?: unknown } | undefined)?.platformId;
  return entity === undefined || typeof platformId !== 'string' ? undefined : `${entity}:${platformId}`;
}

interface Receiver {
  url: string;
  events: WebhookEvent[];
  refused: () => number;
  setSecret(secret: string): void;
  onEvent(listener: () => void): void;
  close(): Promise<void>;
}

/** The platform's webhook receiver: raw body → verifyWebhook → 204; a bad signature → 400. */
async function startReceiver(host: string, port: number, print: (line: string) => void): Promise<Receiver> {
  const events: WebhookEvent[] = [];
  const seen = new Set<string>();
  const listeners: Array<() => void> = [];
  let secret: string | undefined;
  let refused = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (secret === undefined) {
        // Not registered yet: say "try later" (the webhooks service retries).
        res.writeHead(503).end();
        return;
      }
      try {
        const event = verifyWebhook(Buffer.concat(chunks), req.headers, { secret });
        if (!seen.has(event.id)) {
          seen.add(event.id);
          events.push(event);
          const data = (event.data ?? {}) as { platformId?: string; qboId?: string; docNumber?: string; reason?: string; code?: string };
          print(`  webhook ${event.type.padEnd(20)} ${data.platformId ?? ''}${data.qboId === undefined ? '' : ` → QBO #${data.qboId}`}${data.docNumber === undefined ? '' : ` (${data.docNumber})`}${data.reason ?? data.code ? ` [${data.reason ?? data.code}]` : ''}`);
          for (const l of listeners) l();
        }
        res.writeHead(204).end();
      } catch (err) {
        refused += 1;
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: err instanceof WebhookVerificationError ? err.code : 'bad_request' }));
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}/ledgerbus/webhooks`,
    events,
    refused: () => refused,
    setSecret: (s) => void (secret = s),
    onEvent: (l) => void listeners.push(l),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Sends one request (twice at once with `sendTwice`): both answers must be the same. */
async function send(
  run: Pick<PlatformRun, 'answers'>,
  twice: boolean,
  what: string,
  idempotencyKey: string,
  request: (key: string) => Promise<IngestResult>,
): Promise<IngestResult> {
  const results = await Promise.all((twice ? [1, 2] : [1]).map(() => request(idempotencyKey)));
  for (const result of results) run.answers.push({ what, idempotencyKey, result });
  const first = results[0]!;
  if (results.some((r) => JSON.stringify(r) !== JSON.stringify(first))) {
    throw new Error(`${what}: the same Idempotency-Key got different answers: ${JSON.stringify(results)}`);
  }
  if (first.rejected.length > 0) throw new Error(`${what}: rejected ${JSON.stringify(first.rejected)}`);
  return first;
}

export async function runPlatform(options: PlatformOptions): Promise<PlatformRun> {
  const print = options.print ?? (() => undefined);
  const runId = options.runId ?? `ex${Date.now().toString(36).slice(-5)}`;
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const twice = options.sendTwice ?? false;
  const records = buildRecords(runId, today);
  const ledgerbus: LedgerbusClient = createLedgerbusClient({ tenant: options.tenant, token: options.token, urls: options.urls });
  const admin = createLedgerbusClient({ tenant: options.tenant, token: options.adminToken ?? options.token, urls: options.urls });

  // 1. The receiver first, so that no delivery finds nobody.
  const receiver = await startReceiver(options.receiver?.host ?? '127.0.0.1', options.receiver?.port ?? 0, print);
  let endpointId: string | undefined;
  const close = async () => {
    if (endpointId !== undefined) await admin.webhookEndpoints.delete(endpointId).catch(() => undefined);
    await receiver.close();
  };
  try {
    // 2. Register it. The secret is in this answer only: a real platform stores it encrypted.
    const endpoint = await admin.webhookEndpoints.create({
      url: receiver.url,
      eventTypes: ['customer.synced', 'customer.sync_failed', 'customer.held', 'invoice.*', 'payment.*'],
      description: `example platform ${runId}`,
    });
    endpointId = endpoint.id;
    receiver.setSecret(endpoint.secret);
    print(`registered webhook endpoint ${endpoint.id} → ${receiver.url}`);

    const run: PlatformRun = { runId, endpointId: endpoint.id, receiverUrl: receiver.url, records, answers: [], events: receiver.events, refused: 0, outcomes: new Map(), close };

    // 3. Customers, then invoices, then payments (ledgerbus holds an invoice until its customer is
    //    linked, and a payment until its invoices are, so this order only saves waiting).
    const customers = await send(run, twice, 'customers', `${runId}:customers`, (key) => ledgerbus.customers.upsert(records.customers, { idempotencyKey: key }));
    print(`sent ${customers.accepted.length} customers${twice ? ' (each request twice)' : ''}`);
    for (const invoice of records.invoices) {
      const res = await send(run, twice, `invoice ${invoice.invoiceId}`, `${runId}:invoice:${invoice.invoiceId}`, (key) => ledgerbus.invoices.upsert(invoice, { idempotencyKey: key }));
      print(`sent invoice ${invoice.invoiceId} (version ${res.accepted[0]?.version})`);
    }
    const payments = await send(run, twice, 'payments', `${runId}:payments`, (key) => ledgerbus.payments.upsert(records.payments, { idempotencyKey: key }));
    print(`sent ${payments.accepted.length} payments`);

    // 4. Wait for an outcome of every record, through the webhook.
    const expected = [
      ...records.customers.map((c) => `customer:${c.customerId}`),
      ...records.invoices.map((i) => `invoice:${i.invoiceId}`),
      ...records.payments.map((p) => `payment:${p.paymentId}`),
    ];
    const settled = () => {
      for (const event of receiver.events) {
        const key = outcomeKey(event);
        if (key !== undefined) run.outcomes.set(key, event);
      }
      return expected.every((k) => run.outcomes.has(k));
    };
    await new Promise<void>((resolve, reject) => {
      if (settled()) return resolve();
      const timer = setTimeout(() => {
        const missing = expected.filter((k) => !run.outcomes.has(k));
        reject(new Error(`no outcome within ${(options.timeoutMs ?? 120_000) / 1000} s for ${missing.join(', ')}`));
      }, options.timeoutMs ?? 120_000);
      receiver.onEvent(() => {
        if (settled()) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    run.refused = receiver.refused();
    print(`every record has its outcome: ${[...run.outcomes.values()].map((e) => e.type).sort().join(', ')}`);
    return run;
  } catch (err) {
    await close();
    throw err;
  }
}
