/**
 * The webhook benchmark's load generator, run as its own process (its own event loop, so
 * its work and its timers do not sit in the connector's): an open-loop schedule of signed
 * legacy webhooks at `RATE`/s for `SECONDS` over keep-alive connections (at most
 * `SOCKETS` at once). Prints one JSON line: latencies to the response, statuses, elapsed.
 */
import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { postSignedWebhook } from './signed-post';

const url = new URL(process.env.TARGET_URL ?? 'http://127.0.0.1:8081/v1/webhooks/intuit');
const RATE = Number(process.env.RATE ?? 1000);
const SECONDS = Number(process.env.SECONDS ?? 5);
const SOCKETS = Number(process.env.SOCKETS ?? 128);
const VERIFIER = process.env.VERIFIER ?? '';
const REALM = process.env.REALM ?? '1000000001';

const agent = new Agent({ keepAlive: true, maxSockets: SOCKETS });

async function main(): Promise<void> {
  const total = RATE * SECONDS;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const inFlight: Array<Promise<void>> = [];
  let lateStarts = 0;
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    else if (wait < -10) lateStarts++;
    const body = JSON.stringify({ eventNotifications: [{ realmId: REALM, dataChangeEvent: { entities: [{ name: 'Customer', id: String(i + 1), operation: 'Update', lastUpdated: new Date().toISOString() }] } }] });
    // Latency is measured from when the request was due (open loop: queueing in the generator counts).
    inFlight.push(
      postSignedWebhook(agent, url, VERIFIER, body).then(
        (status) => {
          statuses[status] = (statuses[status] ?? 0) + 1;
          if (status === 200) latencies.push(performance.now() - due);
        },
        () => {
          statuses.error = (statuses.error ?? 0) + 1;
        },
      ),
    );
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  process.stdout.write(`${JSON.stringify({ total, elapsed, statuses, lateStarts, latencies })}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
