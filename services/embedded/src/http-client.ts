/** A small JSON-over-HTTP client for the demo's calls to the services' public APIs. */
import { LedgerbusError } from '@ledgerbus/kit';

export interface JsonResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

export async function requestJson<T>(url: string, init: { method?: string; bearer?: string; headers?: Record<string, string>; body?: unknown } = {}): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
  if (init.bearer !== undefined) headers.authorization = `Bearer ${init.bearer}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url, { method: init.method ?? 'GET', headers, ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }), redirect: 'manual', signal: AbortSignal.timeout(30_000) });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, headers: res.headers, body: body as T };
}

/** Like `requestJson`, but a status other than `expected` is an error naming the call and the answer. */
export async function expectJson<T>(expected: number, url: string, init: Parameters<typeof requestJson>[1] = {}): Promise<JsonResponse<T>> {
  const res = await requestJson<T>(url, init);
  if (res.status !== expected) {
    throw new LedgerbusError('demo_http_failed', `${init.method ?? 'GET'} ${url} answered ${res.status} (expected ${expected}): ${JSON.stringify(res.body).slice(0, 800)}`, { details: { status: res.status } });
  }
  return res;
}

/** Polls `check` until it returns a value other than undefined, or gives up with `what` in the error. */
export async function poll<T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) {
      const why = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new LedgerbusError('demo_timeout', `timed out after ${timeoutMs} ms waiting for ${what}${why}`, { retriable: true });
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
