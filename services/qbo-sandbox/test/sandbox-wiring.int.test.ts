import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Harness } from './support/harness';
import { startHarness, waitFor } from './support/harness';

let h: Harness;
let receiver: http.Server;
let receiverUrl: string;
const received: { body: string; signature: string | undefined }[] = [];

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ body, signature: req.headers['intuit-signature'] as string | undefined });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  h = await startHarness({ settings: { webhooks: { batchWindowSeconds: 0 } } });
});
afterAll(async () => {
  await h.close();
  await new Promise((r) => receiver.close(r));
});

describe('createSandbox wiring', () => {
  it('turns an API write into a signed webhook naming the entity and operation', async () => {
    h.sandbox.webhooks.configureEndpoint({ appId: 'app-1', url: receiverUrl, verifierToken: 'verifier-1', format: 'legacy' });
    const customer = (await h.api('customer', { body: { DisplayName: 'Hooked Customer' } })).body.Customer;
    const delivery = await waitFor(() => received.find((r) => r.body.includes(`"id":"${customer.Id}"`)));
    const payload = JSON.parse(delivery.body);
    expect(payload.eventNotifications[0].realmId).toBe(h.realmId);
    expect(payload.eventNotifications[0].dataChangeEvent.entities).toContainEqual(expect.objectContaining({ name: 'Customer', id: customer.Id, operation: 'Create' }));
    expect(delivery.signature).toBe(createHmac('sha256', 'verifier-1').update(delivery.body).digest('base64'));
  });

  it('accepts OAuth access tokens issued by the OAuth part and a static token when configured', async () => {
    await h.close();
    h = await startHarness({ staticTokens: { 'static-demo': '*' } });
    expect((await h.api('preferences')).status).toBe(200);
    expect((await h.api('preferences', { token: 'static-demo' })).status).toBe(200);
  });
});
