/**
 * Webhook verification against signatures made the way the webhooks service makes them
 * (its own signWebhook, standardwebhooks underneath): the real wire, no hand-made HMAC.
 */
import { createEvent } from '@ledgerbus/contracts';
import { signWebhook } from '../../../services/webhooks/src/domain/signing';
import { generateSigningSecret } from '../../../services/webhooks/src/domain/signing';
import { WebhookVerificationError, verifyWebhook } from '../src/index';

const tenant = 'acme';
const pushed = createEvent({
  type: 'invoice.pushed',
  source: 'ledgerbus/invoice-push',
  tenantid: tenant,
  subject: 'inv-1',
  data: { tenantId: tenant, realmId: '9341452913645722', platformId: 'inv-1', version: 2, qboId: '145', docNumber: 'LB-1001', action: 'created', at: '2026-03-01T10:00:00.000Z' },
});

function deliver(event: unknown, secrets: string[], at = new Date()) {
  const body = JSON.stringify(event);
  const headers = signWebhook(secrets, (event as { id: string }).id, at, body);
  return { body, headers };
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof WebhookVerificationError ? err.code : `not a WebhookVerificationError: ${String(err)}`;
  }
  return undefined;
}

describe('verifyWebhook', () => {
  const secret = generateSigningSecret();

  it('returns the event of a delivery signed by the webhooks service, typed by its contract', () => {
    const { body, headers } = deliver(pushed, [secret]);
    const event = verifyWebhook(body, headers, { secret });
    expect(event.known).toBe(true);
    if (event.known && event.type === 'invoice.pushed') {
      expect(event.data.qboId).toBe('145');
      expect(event.data.platformId).toBe('inv-1');
    } else {
      throw new Error(`unexpected ${event.type}`);
    }
    expect(event.id).toBe(headers['webhook-id']);
  });

  it('takes Fetch API Headers, Node header objects with other casing, and Buffer bodies', () => {
    const { body, headers } = deliver(pushed, [secret]);
    expect(verifyWebhook(Buffer.from(body), new Headers({ ...headers }), { secret }).id).toBe(pushed.id);
    const shouting = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toUpperCase(), v]));
    expect(verifyWebhook(body, shouting, { secret }).id).toBe(pushed.id);
  });

  it('refuses another secret, a changed body and missing headers', () => {
    const { body, headers } = deliver(pushed, [secret]);
    expect(codeOf(() => verifyWebhook(body, headers, { secret: generateSigningSecret() }))).toBe('invalid_signature');
    expect(codeOf(() => verifyWebhook(body.replace('"145"', '"146"'), headers, { secret }))).toBe('invalid_signature');
    expect(codeOf(() => verifyWebhook(body, { 'webhook-id': headers['webhook-id'] }, { secret }))).toBe('missing_headers');
  });

  it('refuses a delivery signed more than five minutes ago (replayed by someone else)', () => {
    const { body, headers } = deliver(pushed, [secret], new Date(Date.now() - 6 * 60_000));
    expect(codeOf(() => verifyWebhook(body, headers, { secret }))).toBe('timestamp_out_of_tolerance');
  });

  it('accepts either secret during a rotation', () => {
    const next = generateSigningSecret();
    const { body, headers } = deliver(pushed, [next, secret]);
    expect(verifyWebhook(body, headers, { secret }).id).toBe(pushed.id);
    expect(verifyWebhook(body, headers, { secret: next }).id).toBe(pushed.id);
    const onlyNew = deliver(pushed, [next]);
    expect(verifyWebhook(onlyNew.body, onlyNew.headers, { secret: [secret, next] }).id).toBe(pushed.id);
  });

  it('passes an event type it does not know through as unknown, and names the field of a known one that breaks its contract', () => {
    const future = createEvent({ type: 'invoice.teleported', source: 'ledgerbus/future', data: { anything: 1 } });
    const f = deliver(future, [secret]);
    expect(verifyWebhook(f.body, f.headers, { secret })).toMatchObject({ known: false, type: 'invoice.teleported', data: { anything: 1 } });

    const broken = { ...pushed, data: { ...pushed.data, qboId: 145 } };
    const b = deliver(broken, [secret]);
    let error: unknown;
    try {
      verifyWebhook(b.body, b.headers, { secret });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(WebhookVerificationError);
    expect((error as WebhookVerificationError).code).toBe('invalid_event');
    expect((error as Error).message).toContain('data.qboId');
  });
});
