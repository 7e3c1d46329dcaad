/**
 * A real HTTP receiver on loopback (node:http) that integrators would write: it verifies every
 * request with the `standardwebhooks` library and answers what the test tells it to — a status,
 * after a delay, or not at all within the sender's timeout — so tests can make it fail, time out
 * and recover.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/* eslint-disable @typescript-eslint/no-explicit-any -- received CloudEvents are read field by field */
export interface Received {
  /** The URL path (one per endpoint: /hooks/<name>). */
  path: string;
  webhookId: string;
  timestamp: string;
  signature: string;
  body: string;
  /** The CloudEvent, parsed. */
  event: any;
  /** The signature verified with one of the path's secrets. */
  verified: boolean;
  /** What the receiver answered (0: it never answered). */
  status: number;
  /** Date.now() when the request arrived. */
  at: number;
  /** The request's sequence number at this receiver (0-based). */
  n: number;
}

/** What to do with a request: answer `status` after `delayMs` (a delay past the sender's timeout is a timeout). */
export interface Behaviour {
  status: number;
  delayMs?: number;
}

export type Behave = (request: { path: string; webhookId: string; event: any; n: number; attemptOfThisId: number }) => Behaviour;

export interface Receiver {
  readonly url: string;
  /** Every request, in arrival order. */
  readonly requests: Received[];
  /** Requests being handled right now (arrived, not yet answered). */
  readonly inProgress: number;
  /** The secrets a path's requests are verified with. */
  setSecrets(path: string, secrets: string[]): void;
  behave(fn: Behave): void;
  /** The requests of a path that were answered 2xx and verified. */
  delivered(path: string): Received[];
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const requests: Received[] = [];
  const secrets = new Map<string, string[]>();
  const attemptsById = new Map<string, number>();
  let behave: Behave = () => ({ status: 204 });
  let inProgress = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const headers = { 'webhook-id': String(req.headers['webhook-id'] ?? ''), 'webhook-timestamp': String(req.headers['webhook-timestamp'] ?? ''), 'webhook-signature': String(req.headers['webhook-signature'] ?? '') };
      let verified = false;
      for (const secret of secrets.get(path) ?? []) {
        try {
          new Webhook(secret).verify(body, headers);
          verified = true;
          break;
        } catch {
          // try the next secret
        }
      }
      let event: any;
      try {
        event = JSON.parse(body);
      } catch {
        event = undefined;
      }
      const attemptOfThisId = (attemptsById.get(headers['webhook-id']) ?? 0) + 1;
      attemptsById.set(headers['webhook-id'], attemptOfThisId);
      const record: Received = { path, webhookId: headers['webhook-id'], timestamp: headers['webhook-timestamp'], signature: headers['webhook-signature'], body, event, verified, status: 0, at: Date.now(), n: requests.length };
      requests.push(record);
      const behaviour: Behaviour = verified ? behave({ path, webhookId: record.webhookId, event, n: record.n, attemptOfThisId }) : { status: 401 };
      inProgress += 1;
      const answer = (): void => {
        inProgress -= 1;
        if (res.destroyed) return;
        record.status = behaviour.status;
        res.writeHead(behaviour.status, { 'content-type': 'text/plain' }).end('ok');
      };
      if (behaviour.delayMs === undefined || behaviour.delayMs <= 0) answer();
      else setTimeout(answer, behaviour.delayMs);
    });
  });
  // The sender closes a socket it gave up on: nothing to answer then.
  server.on('clientError', (_err, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get inProgress() {
      return inProgress;
    },
    setSecrets(path, list) {
      secrets.set(path, list);
    },
    behave(fn) {
      behave = fn;
    },
    delivered(path) {
      return requests.filter((r) => r.path === path && r.verified && r.status >= 200 && r.status < 300);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The event ids of `received` in the order each first arrived. */
export function firstArrivalOrder(received: readonly Received[]): string[] {
  const seen = new Set<string>();
  const order: string[] = [];
  for (const r of received) {
    if (seen.has(r.webhookId)) continue;
    seen.add(r.webhookId);
    order.push(r.webhookId);
  }
  return order;
}
