/**
 * `npm run bench:sandbox`: drives the sandbox (limits off) over loopback HTTP with concurrent
 * keep-alive clients and prints requests/s and p50/p99 latency for simple reads, queries and
 * writes. Bounded in requests and time; stops by itself. The clients run in the same process
 * as the server, so the figures are a lower bound for the server alone.
 */
import http from 'node:http';
import { createSandbox } from '../src';

const TOKEN = 'bench-token';
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const MAX_REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20_000);
const MAX_SECONDS = Number(process.env.BENCH_SECONDS ?? 8);

interface Result {
  name: string;
  requests: number;
  errors: number;
  seconds: number;
  p50: number;
  p99: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function phase(name: string, port: number, next: (i: number) => { method: string; path: string; body?: string; type?: string }): Promise<Result> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  let issued = 0;
  let errors = 0;
  const started = process.hrtime.bigint();
  const deadline = Date.now() + MAX_SECONDS * 1000;
  const one = (i: number): Promise<void> =>
    new Promise((resolve) => {
      const req = next(i);
      const t0 = process.hrtime.bigint();
      const r = http.request(
        { host: '127.0.0.1', port, method: req.method, path: req.path, agent, headers: { authorization: `Bearer ${TOKEN}`, accept: 'application/json', ...(req.body ? { 'content-type': req.type ?? 'application/json' } : {}) } },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode !== 200) errors++;
            latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
            resolve();
          });
        },
      );
      r.on('error', () => {
        errors++;
        resolve();
      });
      if (req.body) r.write(req.body);
      r.end();
    });
  const worker = async (): Promise<void> => {
    while (issued < MAX_REQUESTS && Date.now() < deadline) await one(issued++);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { name, requests: latencies.length, errors, seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

async function main(): Promise<void> {
  const sandbox = createSandbox({ staticTokens: { [TOKEN]: '*' }, settings: { limits: { enabled: false }, idempotency: { enabled: true } } });
  const company = sandbox.admin.createCompany({ seed: 1, size: 'medium' });
  const realm = company.realmId;
  await sandbox.listen(0);
  const port = Number(new URL(sandbox.url ?? '').port);
  const customers = sandbox.admin.entities(realm, 'Customer').map((c) => String(c.Id));
  const invoices = sandbox.admin.entities(realm, 'Invoice').map((c) => String(c.Id));
  const item = sandbox.admin.entities(realm, 'Item').find((i) => i.Type === 'Service');
  const base = `/v3/company/${realm}`;
  const results: Result[] = [];

  await phase('warm-up', port, (i) => ({ method: 'GET', path: `${base}/customer/${customers[i % customers.length]}` }));
  results.push(await phase('read   GET /customer/:id', port, (i) => ({ method: 'GET', path: `${base}/customer/${customers[i % customers.length]}?minorversion=75` })));
  results.push(await phase('read   GET /invoice/:id', port, (i) => ({ method: 'GET', path: `${base}/invoice/${invoices[i % invoices.length]}?minorversion=75` })));
  results.push(await phase('query  select … maxresults 10', port, () => ({ method: 'GET', path: `${base}/query?query=${encodeURIComponent("select * from Customer where Active = true maxresults 10")}` })));
  results.push(
    await phase('write  POST /customer', port, (i) => ({ method: 'POST', path: `${base}/customer?requestid=c-${i}`, body: JSON.stringify({ DisplayName: `Bench Customer ${i}`, PrimaryEmailAddr: { Address: `b${i}@example.com` } }) })),
  );
  results.push(
    await phase('write  POST /invoice', port, (i) => ({
      method: 'POST',
      path: `${base}/invoice?requestid=i-${i}`,
      body: JSON.stringify({ CustomerRef: { value: customers[i % customers.length] }, Line: [{ DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: String(item?.Id) }, Qty: 2, UnitPrice: 12.5 } }] }),
    })),
  );
  await sandbox.close();

  const lines = [`qbo-sandbox bench: ${CONCURRENCY} concurrent keep-alive clients, ≤${MAX_REQUESTS} requests or ${MAX_SECONDS}s per phase, limits off`];
  for (const r of results) {
    lines.push(`${r.name.padEnd(34)} ${String(Math.round(r.requests / r.seconds)).padStart(7)} req/s   p50 ${r.p50.toFixed(2)} ms   p99 ${r.p99.toFixed(2)} ms   (${r.requests} requests, ${r.errors} non-200)`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

void main();
