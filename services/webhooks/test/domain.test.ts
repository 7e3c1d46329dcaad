import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { addressProblem, classifyAddress, endpointUrlProblem, originOf } from '../src/domain/endpoint-url';
import { eventTypeProblem, matchesEventTypes } from '../src/domain/event-types';
import { attemptsPerRound, DEFAULT_RETRY_SCHEDULE_MS, nextRetryDelay, parseRetrySchedule } from '../src/domain/retry-schedule';
import { generateSigningSecret, signWebhook } from '../src/domain/signing';
import { createSender, guardedLookup } from '../src/delivery/sender';

const KNOWN = ['invoice.pushed', 'invoice.push_failed', 'payment.pushed', 'connection.connected'];

describe('event-type filters', () => {
  it('takes every type when empty, exact types, and prefixes', () => {
    expect(matchesEventTypes([], 'anything.at_all')).toBe(true);
    expect(matchesEventTypes(['invoice.pushed'], 'invoice.pushed')).toBe(true);
    expect(matchesEventTypes(['invoice.pushed'], 'invoice.push_failed')).toBe(false);
    expect(matchesEventTypes(['invoice.*'], 'invoice.push_failed')).toBe(true);
    expect(matchesEventTypes(['invoice.*'], 'invoices.pushed')).toBe(false);
    expect(matchesEventTypes(['payment.*', 'connection.connected'], 'connection.connected')).toBe(true);
  });

  it('refuses unknown types and prefixes that match nothing', () => {
    expect(eventTypeProblem('invoice.pushed', KNOWN)).toBeUndefined();
    expect(eventTypeProblem('invoice.*', KNOWN)).toBeUndefined();
    expect(eventTypeProblem('invoice.pushd', KNOWN)).toMatch(/unknown event type/);
    expect(eventTypeProblem('metric.*', KNOWN)).toMatch(/no event type starts with "metric."/);
    expect(eventTypeProblem('*', KNOWN)).toMatch(/unknown/);
    expect(eventTypeProblem('Invoice.*', KNOWN)).toMatch(/dotted lowercase/);
  });
});

describe('the SSRF policy', () => {
  const strict = { allowLoopback: false };
  const lax = { allowLoopback: true };

  it('classifies link-local, loopback and unspecified addresses, also inside IPv6', () => {
    expect(classifyAddress('169.254.169.254')).toBe('link_local');
    expect(classifyAddress('fe80::1')).toBe('link_local');
    expect(classifyAddress('::ffff:169.254.169.254')).toBe('link_local');
    expect(classifyAddress('::ffff:a9fe:a9fe')).toBe('link_local');
    expect(classifyAddress('fd00:ec2::254')).toBe('link_local');
    expect(classifyAddress('127.0.0.1')).toBe('loopback');
    expect(classifyAddress('::1')).toBe('loopback');
    expect(classifyAddress('::ffff:127.0.0.1')).toBe('loopback');
    expect(classifyAddress('0.0.0.0')).toBe('unspecified');
    expect(classifyAddress('10.1.2.3')).toBe('public_or_private');
    expect(classifyAddress('2001:db8::1')).toBe('public_or_private');
  });

  it('allows loopback only when the deployment says so; link-local never', () => {
    expect(addressProblem('127.0.0.1', strict)).toMatch(/loopback/);
    expect(addressProblem('127.0.0.1', lax)).toBeUndefined();
    expect(addressProblem('169.254.169.254', lax)).toMatch(/link-local/);
    expect(endpointUrlProblem('http://localhost:3000/x', strict)).toMatch(/localhost/);
    expect(endpointUrlProblem('http://localhost:3000/x', lax)).toBeUndefined();
    expect(endpointUrlProblem('https://hooks.example.com/x?t=1', strict)).toBeUndefined();
    expect(endpointUrlProblem(`https://example.com/${'a'.repeat(2100)}`, strict)).toMatch(/at most 2048/);
    expect(originOf('https://hooks.example.com:8443/a/b?token=secret')).toBe('https://hooks.example.com:8443');
  });

  it('checks every address a host name resolves to when a delivery connects', async () => {
    // localhost resolves (from the hosts file) to a loopback address.
    const refused = await new Promise<unknown>((resolve) => guardedLookup(strict)('localhost', {}, (err) => resolve(err)));
    expect(refused).toMatchObject({ code: 'refused_address' });
    const allowed = await new Promise<unknown>((resolve) => guardedLookup(lax)('localhost', {}, (err, address) => resolve(err ?? address)));
    expect(allowed).toEqual(expect.stringMatching(/^(127\.|::1)/));
  });

  it('never sends to a refused address', async () => {
    let hits = 0;
    const server = http.createServer((req, res) => {
      hits += 1;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const sender = createSender({ policy: strict, userAgent: 'test' });
    try {
      const result = await sender.send({ url: `http://127.0.0.1:${port}/x`, headers: {}, body: '{}', timeoutMs: 1000 });
      expect(result).toMatchObject({ delivered: false, error: 'refused_address', statusCode: null });
      expect(hits).toBe(0);
    } finally {
      sender.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('the retry schedule', () => {
  it('makes 8 attempts over more than 24 hours by default', () => {
    expect(attemptsPerRound(DEFAULT_RETRY_SCHEDULE_MS)).toBe(8);
    const total = DEFAULT_RETRY_SCHEDULE_MS.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(24 * 3_600_000);
    expect(total).toBeLessThan(30 * 3_600_000);
  });

  it('lengthens each wait by up to the jitter, never shortens it, and ends after the last', () => {
    expect(nextRetryDelay([1000, 2000], 1, 0.2, () => 0)).toBe(1000);
    expect(nextRetryDelay([1000, 2000], 1, 0.2, () => 0.999)).toBe(1200);
    expect(nextRetryDelay([1000, 2000], 2, 0.2, () => 0.5)).toBe(2200);
    expect(nextRetryDelay([1000, 2000], 3, 0.2)).toBeUndefined();
  });

  it('parses a schedule from the environment', () => {
    expect(parseRetrySchedule('1m, 5m,30m,2h')).toEqual([60_000, 300_000, 1_800_000, 7_200_000]);
    expect(parseRetrySchedule('250ms,1s')).toEqual([250, 1000]);
    expect(parseRetrySchedule('soon')).toBeUndefined();
    expect(parseRetrySchedule('')).toBeUndefined();
  });
});

describe('signing', () => {
  it('signs so that the standardwebhooks library verifies, with each active secret', () => {
    const current = generateSigningSecret();
    const previous = generateSigningSecret();
    const payload = JSON.stringify({ specversion: '1.0', id: 'evt-1', data: { a: 1 } });
    const headers = signWebhook([current, previous], 'evt-1', new Date(), payload);
    expect(headers['webhook-id']).toBe('evt-1');
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(current).verify(payload, { ...headers })).toEqual({ specversion: '1.0', id: 'evt-1', data: { a: 1 } });
    expect(() => new Webhook(previous).verify(payload, { ...headers })).not.toThrow();
    expect(() => new Webhook(generateSigningSecret()).verify(payload, { ...headers })).toThrow(/No matching signature/);
    expect(() => new Webhook(current).verify(`${payload} `, { ...headers })).toThrow();
  });
});
