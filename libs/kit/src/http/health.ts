/** `/healthz` (liveness) and `/readyz` (readiness: every check must pass). */
import type { FastifyInstance } from 'fastify';
import { errorMessage } from '../errors';

export interface ReadinessCheck {
  /** "db", "bus", … — named in the 503 body when it fails. */
  name: string;
  /** Resolves when the dependency is usable; rejects (or times out) otherwise. */
  check(): Promise<void>;
}

interface CheckResult {
  name: string;
  ok: boolean;
  error?: string;
}

async function runCheck(check: ReadinessCheck, timeoutMs: number): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([check.check(), timeout]);
    return { name: check.name, ok: true };
  } catch (err) {
    return { name: check.name, ok: false, error: errorMessage(err) };
  } finally {
    clearTimeout(timer);
  }
}

export function registerHealthRoutes(app: FastifyInstance, checks: ReadinessCheck[], timeoutMs: number): void {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { hide: true } }, async (request, reply) => {
    const results = await Promise.all(checks.map((c) => runCheck(c, timeoutMs)));
    const failed = results.filter((r) => !r.ok);
    const body = {
      status: failed.length === 0 ? 'ready' : 'not_ready',
      checks: Object.fromEntries(results.map((r) => [r.name, r.ok ? 'ok' : 'failed'])),
      ...(failed.length === 0 ? {} : { failed: failed.map((r) => ({ name: r.name, error: r.error })) }),
    };
    if (failed.length > 0) request.log.warn({ failed: body.failed }, 'not ready');
    return reply.code(failed.length === 0 ? 200 : 503).send(body);
  });
}
