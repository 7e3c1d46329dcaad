/**
 * The console's server over real HTTP (a loopback upstream stands in for the metrics service): the `/embed`
 * document other origins may frame, its validated accent and logo, the headers of every other document, and the
 * `/api/metrics/` pass-through.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingHttpHeaders, Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { request } from 'node:http';
import { createConsoleServer, parseEmbedParams } from '../src/server';
import type { ConsoleServer } from '../src/server';

let webDir: string;
let upstream: Server;
let upstreamUrl: string;
const seen: Array<{ method: string; url: string; headers: IncomingHttpHeaders }> = [];
const servers: ConsoleServer[] = [];

async function start(options: { frameAncestors?: string[]; metrics?: boolean } = {}): Promise<string> {
  const server = createConsoleServer({
    webDir,
    upstreams: { connector: upstreamUrl, mapping: upstreamUrl, ...(options.metrics === false ? {} : { metrics: upstreamUrl }) },
    ...(options.frameAncestors === undefined ? {} : { frameAncestors: options.frameAncestors }),
  });
  servers.push(server);
  return server.listen(0, '127.0.0.1');
}

beforeAll(async () => {
  webDir = mkdtempSync(join(tmpdir(), 'console-web-'));
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>console</title>');
  mkdirSync(join(webDir, 'assets'));
  writeFileSync(join(webDir, 'assets', 'index-abc123.js'), `export const app = ${JSON.stringify('console '.repeat(2000))};\n`);
  upstream = createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ metrics: [] }));
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const s of servers) await s.close();
  await new Promise<void>((resolve) => upstream.close(() => resolve()));
  rmSync(webDir, { recursive: true, force: true });
});

test('/embed may be framed by the configured origins, with the accent and logo as parameters', async () => {
  const base = await start({ frameAncestors: ['https://app.example.com', 'http://localhost:3000'] });
  const res = await fetch(`${base}/embed?accent=%23ff6600&logo=${encodeURIComponent('https://cdn.example.com/logo.svg')}`);
  expect(res.status).toBe(200);
  expect(await res.text()).toContain('<title>console</title>');
  expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'self' https://app.example.com http://localhost:3000;");
  expect(res.headers.get('x-frame-options')).toBeNull();
});

test('every other document may be framed by the console itself only', async () => {
  const base = await start({ frameAncestors: ['https://app.example.com'] });
  for (const path of ['/', '/anything']) {
    const res = await fetch(`${base}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'self';");
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  }
});

test('a bad accent or logo on /embed is a 400 that names the parameter', async () => {
  const base = await start({ frameAncestors: ['https://app.example.com'] });
  const cases: Array<[string, string[]]> = [
    ['accent=red', ['accent']],
    ['accent=%23ff66001a', ['accent']],
    [`logo=${encodeURIComponent('javascript:alert(1)')}`, ['logo']],
    [`logo=${encodeURIComponent('http://insecure.example.com/logo.png')}`, ['logo']],
    [`logo=${encodeURIComponent('//evil.example.com/logo.png')}`, ['logo']],
    [`accent=blue&logo=${encodeURIComponent('https://x.example.com/a"b.svg')}`, ['accent', 'logo']],
  ];
  for (const [query, fields] of cases) {
    const res = await fetch(`${base}/embed?${query}`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string; details: { fields: Array<{ path: string }> } } };
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details.fields.map((f) => f.path)).toEqual(fields);
    for (const f of fields) expect(body.error.message).toContain(f);
  }
});

test('the embedding parameters: #RGB or #RRGGBB, an https logo or a path of the console', () => {
  expect(parseEmbedParams(new URLSearchParams('accent=%23abc&logo=/brand.svg'))).toEqual({ params: { accent: '#abc', logo: '/brand.svg' } });
  expect(parseEmbedParams(new URLSearchParams(''))).toEqual({ params: {} });
  expect(parseEmbedParams(new URLSearchParams(`logo=https://x.example.com/${'a'.repeat(2100)}`))).toEqual({ fields: [{ path: 'logo', reason: expect.any(String) as string }] });
});

test('an origin allowed to frame the console must be an origin (no path, no quote)', () => {
  expect(() => createConsoleServer({ webDir, upstreams: { connector: upstreamUrl, mapping: upstreamUrl }, frameAncestors: ['https://app.example.com/settings'] })).toThrow(/CONSOLE_FRAME_ANCESTORS: "https:\/\/app.example.com\/settings"/);
  expect(() => createConsoleServer({ webDir, upstreams: { connector: upstreamUrl, mapping: upstreamUrl }, frameAncestors: ["'unsafe-inline'"] })).toThrow(/is not an origin/);
});

test('/api/metrics/v1/... goes to the metrics service with the caller\'s token; without one configured it is a 503', async () => {
  const base = await start();
  seen.length = 0;
  const res = await fetch(`${base}/api/metrics/v1/tenants/t1/metrics?division=d1`, { headers: { authorization: 'Bearer abc' } });
  expect(res.status).toBe(200);
  expect(seen).toEqual([expect.objectContaining({ method: 'GET', url: '/v1/tenants/t1/metrics?division=d1' })]);
  expect(seen[0]!.headers.authorization).toBe('Bearer abc');
  // Never the internal routes.
  expect((await fetch(`${base}/api/metrics/internal/v1/x`)).status).toBe(404);

  const without = await start({ metrics: false });
  const refused = await fetch(`${without}/api/metrics/v1/tenants/t1/metrics`);
  expect(refused.status).toBe(503);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('upstream_not_configured');
});

/** A raw GET (fetch would decompress and hide the encoding). */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('assets and the page are gzipped for a browser that accepts it, and sent as they are otherwise', async () => {
  const base = await start();
  const zipped = await rawGet(`${base}/assets/index-abc123.js`, { 'accept-encoding': 'gzip, deflate, br' });
  expect(zipped.status).toBe(200);
  expect(zipped.headers['content-encoding']).toBe('gzip');
  expect(zipped.headers.vary).toBe('accept-encoding');
  expect(zipped.headers['cache-control']).toContain('immutable');
  const plain = gunzipSync(zipped.body).toString();
  expect(plain.startsWith('export const app = "console console')).toBe(true);
  expect(zipped.body.length).toBeLessThan(plain.length / 10);

  const asIs = await rawGet(`${base}/assets/index-abc123.js`, {});
  expect(asIs.headers['content-encoding']).toBeUndefined();
  expect(asIs.body.toString()).toBe(plain);

  const page = await rawGet(`${base}/`, { 'accept-encoding': 'gzip' });
  expect(page.headers['content-encoding']).toBe('gzip');
  expect(gunzipSync(page.body).toString()).toContain('<title>console</title>');
});
