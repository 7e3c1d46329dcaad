/**
 * What an integrator runs to receive ledgerbus's webhooks: a node:http server on loopback that
 * verifies each request with the `standardwebhooks` package (the secret of the request's path)
 * and answers 204, or 401 when the signature does not verify.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/* eslint-disable @typescript-eslint/no-explicit-any -- received CloudEvents are read field by field */
export interface ReceivedWebhook {
  path: string;
  webhookId: string;
  /** The signature verified with the path's secret. */
  verified: boolean;
  /** The CloudEvent (structured JSON). */
  event: any;
}

export interface WebhookReceiver {
  readonly url: string;
  readonly received: ReceivedWebhook[];
  /** The signing secret (`whsec_…`) that requests to `path` are verified with. */
  setSecret(path: string, secret: string): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const secrets = new Map<string, string>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = (req.url ?? '/').split('?')[0]!;
      const headers = { 'webhook-id': String(req.headers['webhook-id'] ?? ''), 'webhook-timestamp': String(req.headers['webhook-timestamp'] ?? ''), 'webhook-signature': String(req.headers['webhook-signature'] ?? '') };
      let verified = false;
      let event: any;
      const secret = secrets.get(path);
      try {
        if (secret !== undefined) {
          event = new Webhook(secret).verify(body, headers);
          verified = true;
        }
      } catch {
        verified = false;
      }
      received.push({ path, webhookId: headers['webhook-id'], verified, event: event ?? JSON.parse(body) });
      res.statusCode = verified ? 204 : 401;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    setSecret: (path, secret) => secrets.set(path, secret),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
