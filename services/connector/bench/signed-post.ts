/**
 * One signed webhook POST over a keep-alive agent, as Intuit sends it (legacy payload,
 * `intuit-signature` = base64 HMAC-SHA256 of the body): shared by the webhook benchmark and its
 * load generator. Resolves with the status code once the response has been read.
 */
import type { Agent } from 'node:http';
import { request } from 'node:http';
import { webhookSignature } from '../src/domain/webhook';

export function postSignedWebhook(agent: Agent, url: URL, verifier: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      { agent, host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'intuit-signature': webhookSignature(verifier, body), 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
