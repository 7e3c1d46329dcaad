/**
 * The console's tiny HTTP server: the built single-page app (Vite output) from one directory, and a
 * same-origin pass-through to the services' public APIs, so the browser needs no CORS and no other origin:
 *   /api/connector/v1/...  → the connector      /api/mapping/v1/...  → the mapping service (settings API)
 *   /api/customer-sync/v1/...  → customer-sync (the onboarding import)   /api/metrics/v1/...  → metrics (QuickBooks Metrics)
 * `/embed` is the one document other origins may frame (`frameAncestors`), with the embedding platform's
 * accent colour and logo as validated parameters; every other document may be framed by the console itself only.
 * Only `/v1/` paths pass (never `/internal/`). Authorization comes from the browser (the signed-in user's
 * JWT); the server adds no credential of its own, so a caller can do nothing here it could not do on the APIs.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';

const gzip = promisify(gzipCallback);
/** Text assets are sent gzipped to a browser that accepts it (the bundle is ~3.4 times smaller). */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json']);

export interface ConsoleServerOptions {
  /** The built app (index.html and assets/): see `consoleWebDir()` and `buildConsole()`. */
  webDir: string;
  /** Base URLs of the services the console calls, e.g. http://127.0.0.1:8081. */
  upstreams: { connector: string; mapping: string; customerSync?: string; metrics?: string };
  /**
   * Who may put `/embed` in a frame (CSP frame-ancestors), e.g. ['https://app.example.com'].
   * Default: 'self' only. A SaaS platform embedding the page lists its own origin here; other paths are never framed by another origin.
   */
  frameAncestors?: string[];
  /** Upstream timeout. Default 30 s. */
  upstreamTimeoutMs?: number;
}

export interface ConsoleServer {
  readonly server: Server;
  /** Listens and answers the base URL (http://host:port). */
  listen(port: number, host: string): Promise<string>;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** Request headers passed to the services (no hop-by-hop headers, no host). */
const FORWARD_REQUEST = ['authorization', 'content-type', 'accept', 'if-match', 'if-none-match', 'cookie', 'x-request-id'];
/** Response headers passed back to the browser. */
const FORWARD_RESPONSE = ['content-type', 'etag', 'location', 'cache-control', 'retry-after', 'x-request-id'];

function securityHeaders(frameAncestors: string[]): Record<string, string> {
  const ancestors = ["'self'", ...frameAncestors].join(' ');
  return {
    // frame-ancestors: see `embed` below; X-Frame-Options for browsers that ignore CSP (only on documents that allow no other origin).
    ...(frameAncestors.length === 0 ? { 'x-frame-options': 'SAMEORIGIN' } : {}),
    // Every script and style is bundled and served from here; logos passed by an embedding platform may be https images.
    'content-security-policy': `default-src 'self'; img-src 'self' data: https:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors ${ancestors}; base-uri 'none'; form-action 'self'`,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
}

/** An origin as CSP frame-ancestors takes it: scheme://host[:port], nothing else (a path or a quote would widen or break the policy). */
const ORIGIN = /^https?:\/\/[a-z0-9.-]+(:[0-9]{1,5})?$|^https:\/\/\*\.[a-z0-9.-]+$/i;

/** Throws, naming the entry, when an origin allowed to frame `/embed` is not one. */
export function parseFrameAncestors(list: string[]): string[] {
  for (const origin of list) if (!ORIGIN.test(origin)) throw new Error(`CONSOLE_FRAME_ANCESTORS: "${origin}" is not an origin (scheme://host[:port], e.g. https://app.example.com)`);
  return list;
}

export interface EmbedParams {
  accent?: string;
  logo?: string;
}

/**
 * The parameters of `/embed?accent=%23RRGGBB&logo=https://…`: the accent a hex colour (#RGB or #RRGGBB), the logo an
 * https URL or a path on the console (CSP img-src allows no other), at most 2048 characters. Answers the fields in error.
 */
export function parseEmbedParams(query: URLSearchParams): { params: EmbedParams } | { fields: Array<{ path: string; reason: string }> } {
  const fields: Array<{ path: string; reason: string }> = [];
  const params: EmbedParams = {};
  const accent = query.get('accent');
  if (accent !== null) {
    if (/^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(accent)) params.accent = accent;
    else fields.push({ path: 'accent', reason: 'a hex colour, #RGB or #RRGGBB (write # as %23 in a URL)' });
  }
  const logo = query.get('logo');
  if (logo !== null) {
    let ok = logo.length <= 2048 && !/[\s"'<>\\]/.test(logo);
    if (ok && !(logo.startsWith('/') && !logo.startsWith('//'))) {
      try {
        ok = new URL(logo).protocol === 'https:';
      } catch {
        ok = false;
      }
    }
    if (ok) params.logo = logo;
    else fields.push({ path: 'logo', reason: 'an https URL (or a path on this console) of at most 2048 characters' });
  }
  return fields.length > 0 ? { fields } : { params };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) return undefined;
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

export function createConsoleServer(options: ConsoleServerOptions): ConsoleServer {
  const embedAncestors = parseFrameAncestors(options.frameAncestors ?? []);
  const headers = securityHeaders([]);
  const embedHeaders = securityHeaders(embedAncestors);
  const timeoutMs = options.upstreamTimeoutMs ?? 30_000;
  const root = normalize(options.webDir + sep);

  async function proxy(req: IncomingMessage, res: ServerResponse, upstream: string, path: string): Promise<void> {
    if (!path.startsWith('/v1/')) return sendJson(res, 404, { error: { code: 'not_found', message: 'only /v1/ paths of the services are served here' } });
    const method = req.method ?? 'GET';
    const hasBody = method !== 'GET' && method !== 'HEAD';
    const body = hasBody ? await readBody(req, 1_000_000) : undefined;
    if (hasBody && body === undefined) return sendJson(res, 413, { error: { code: 'payload_too_large', message: 'request body over 1 MB' } });
    const forward: Record<string, string> = {};
    for (const name of FORWARD_REQUEST) {
      const value = req.headers[name];
      if (typeof value === 'string') forward[name] = value;
    }
    let answer: Response;
    try {
      answer = await fetch(new URL(path, upstream), {
        method,
        headers: forward,
        ...(body === undefined || body.length === 0 ? {} : { body }),
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      return sendJson(res, 502, { error: { code: 'upstream_unavailable', message: 'the service did not answer; try again shortly' } });
    }
    const out: Record<string, string | string[]> = {};
    for (const name of FORWARD_RESPONSE) {
      const value = answer.headers.get(name);
      if (value !== null) out[name] = value;
    }
    // The OAuth state cookie binds the connect flow to this browser (the connector's callback reads it).
    const cookies = answer.headers.getSetCookie();
    if (cookies.length > 0) out['set-cookie'] = cookies;
    res.writeHead(answer.status, out);
    res.end(Buffer.from(await answer.arrayBuffer()));
  }

  /** Gzipped files by path, size and mtime (a rebuild renames files in, so a changed file is a new key). */
  const gzipped = new Map<string, Buffer>();

  async function serveFile(req: IncomingMessage, res: ServerResponse, file: string, cache: string, security = headers): Promise<boolean> {
    const info = await stat(file).catch(() => undefined);
    if (info === undefined || !info.isFile()) return false;
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const accepts = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    if (COMPRESSIBLE.has(extname(file))) {
      const base = { ...security, 'content-type': type, 'cache-control': cache, vary: 'accept-encoding' };
      if (!accepts) {
        res.writeHead(200, { ...base, 'content-length': String(info.size) });
        createReadStream(file).pipe(res);
        return true;
      }
      const key = `${file}|${info.size}|${info.mtimeMs}`;
      let body = gzipped.get(key);
      if (body === undefined) {
        body = await gzip(await readFile(file), { level: 9 });
        if (gzipped.size > 200) gzipped.clear();
        gzipped.set(key, body);
      }
      res.writeHead(200, { ...base, 'content-encoding': 'gzip', 'content-length': String(body.length) });
      res.end(req.method === 'HEAD' ? undefined : body);
      return true;
    }
    res.writeHead(200, { ...security, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': String(info.size), 'cache-control': cache });
    createReadStream(file).pipe(res);
    return true;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://console.invalid');
    const path = url.pathname;
    if (path === '/healthz') return sendJson(res, 200, { status: 'ok' });
    if (path.startsWith('/api/connector/')) return proxy(req, res, options.upstreams.connector, path.slice('/api/connector'.length) + url.search);
    if (path.startsWith('/api/mapping/')) return proxy(req, res, options.upstreams.mapping, path.slice('/api/mapping'.length) + url.search);
    if (path.startsWith('/api/customer-sync/')) {
      if (options.upstreams.customerSync === undefined) return sendJson(res, 503, { error: { code: 'upstream_not_configured', message: 'customer-sync is not configured here (CUSTOMER_SYNC_URL)' } });
      return proxy(req, res, options.upstreams.customerSync, path.slice('/api/customer-sync'.length) + url.search);
    }
    if (path.startsWith('/api/metrics/')) {
      if (options.upstreams.metrics === undefined) return sendJson(res, 503, { error: { code: 'upstream_not_configured', message: 'the metrics service is not configured here (METRICS_URL)' } });
      return proxy(req, res, options.upstreams.metrics, path.slice('/api/metrics'.length) + url.search);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: { code: 'method_not_allowed', message: `${req.method ?? ''} is not served here` } });
    if (path.startsWith('/assets/')) {
      const file = normalize(join(root, decodeURIComponent(path)));
      // Content-hashed names: cached for a year.
      if (file.startsWith(root) && (await serveFile(req, res, file, 'public, max-age=31536000, immutable'))) return;
      return sendJson(res, 404, { error: { code: 'not_found', message: 'no such asset' } });
    }
    // Every other path is the app (it routes on the fragment).
    if (path === '/embed' || path === '/embed/') {
      // The framed console: the embedding platform's origin may frame this document (and only this one).
      const parsed = parseEmbedParams(url.searchParams);
      if ('fields' in parsed) {
        const named = parsed.fields.map((f) => f.path).join(', ');
        return sendJson(res, 400, { error: { code: 'validation_failed', message: `invalid embedding parameter: ${named}`, details: { fields: parsed.fields } } });
      }
      if (await serveFile(req, res, join(root, 'index.html'), 'no-cache', embedHeaders)) return;
    } else if (await serveFile(req, res, join(root, 'index.html'), 'no-cache')) return;
    return sendJson(res, 503, { error: { code: 'console_not_built', message: 'the console has not been built (npm run build:web -w @ledgerbus/console)' } });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, { error: { code: 'internal', message: 'internal error' } });
      else res.destroy();
    });
  });

  return {
    server,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address() as AddressInfo;
          resolve(`http://${host.includes(':') ? `[${host}]` : host}:${address.port}`);
        });
      }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
