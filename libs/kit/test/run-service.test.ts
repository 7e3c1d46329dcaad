import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createHttpServer, createLogger, runService } from '@ledgerbus/kit';
import type { HttpServer, RunnableService } from '@ledgerbus/kit';
import { memoryDestination } from './support/memory-destination';

async function buildServer(): Promise<HttpServer> {
  return createHttpServer({ logger: createLogger({ name: 'run-service-http', level: 'silent' }), name: 'run-service-test', version: '0.0.1' });
}

function urlOf(app: HttpServer, route: string): string {
  const { port } = app.server.address() as AddressInfo;
  return `http://127.0.0.1:${port}${route}`;
}

/** Whether the server answers a real request on its port (false once it stopped accepting). */
async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

/** A service that records what ran, and whether HTTP still answered at that moment. */
function recordingService(app: HttpServer | undefined, ran: string[]): RunnableService {
  let health: string | undefined;
  const httpState = async () => {
    if (app === undefined) return '';
    // The port is known once it listens (after start); remember it for after the close.
    health ??= urlOf(app, '/healthz');
    return (await answers(health)) ? ' (http answers)' : ' (http closed)';
  };
  return {
    async start() {
      ran.push(`start${app?.server.listening === true ? ' (listening)' : ''}`);
    },
    async stopConsumers() {
      ran.push(`stop consumers${await httpState()}`);
    },
    async drainOutbox() {
      ran.push(`drain outbox${await httpState()}`);
    },
  };
}

describe('runService', () => {
  it('starts the service before it listens, and shuts down: stop consumers → close HTTP → drain outbox → close clients → flush logs', async () => {
    const logs = memoryDestination();
    const logger = createLogger({ name: 'run-service-test', level: 'info', destination: logs.stream });
    const app = await buildServer();
    const ran: string[] = [];
    const shutdown = await runService({
      logger,
      service: recordingService(app, ran),
      http: { server: app, port: 0, host: '127.0.0.1' },
      close: { bus: () => void ran.push('close bus'), db: () => void ran.push('close db') },
      signals: { signals: [] },
    });
    const health = await fetch(urlOf(app, '/healthz'));
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });

    const result = await shutdown.shutdown('test');
    expect(ran).toEqual(['start', 'stop consumers (http answers)', 'drain outbox (http closed)', 'close bus', 'close db']);
    expect(result.ok).toBe(true);
    expect(result.steps.map((s) => s.name)).toEqual(['stop consumers', 'close http', 'drain outbox', 'close bus', 'close db', 'flush logs']);
    expect(app.server.listening).toBe(false);
    expect(logs.entries()).toContainEqual(expect.objectContaining({ msg: 'shutdown complete', reason: 'test', ok: true }));
  });

  it('runs a worker without HTTP, with its own stop and close steps in the order given', async () => {
    const logger = createLogger({ name: 'run-service-test', level: 'silent' });
    const ran: string[] = [];
    const service = recordingService(undefined, ran);
    const shutdown = await runService({
      logger,
      service,
      stop: { consumers: () => service.stopConsumers(), pushing: () => void ran.push('stop pushing') },
      close: { bus: () => void ran.push('close bus'), limiter: () => void ran.push('close limiter'), db: () => void ran.push('close db') },
      signals: { signals: [] },
    });
    const result = await shutdown.shutdown('test');
    expect(result.steps.map((s) => s.name)).toEqual(['stop consumers', 'stop pushing', 'drain outbox', 'close bus', 'close limiter', 'close db', 'flush logs']);
    expect(ran).toEqual(['start', 'stop consumers', 'stop pushing', 'drain outbox', 'close bus', 'close limiter', 'close db']);
  });

  it('bounds each step: a hung drain times out and the clients are still closed', async () => {
    const logger = createLogger({ name: 'run-service-test', level: 'silent' });
    const app = await buildServer();
    const closed: string[] = [];
    const shutdown = await runService({
      logger,
      service: { start: async () => undefined, stopConsumers: async () => undefined, drainOutbox: () => new Promise<void>(() => undefined) },
      http: { server: app, port: 0, host: '127.0.0.1' },
      close: { db: () => void closed.push('db') },
      stepTimeoutMs: 50,
      signals: { signals: [] },
    });
    const result = await shutdown.shutdown('test');
    expect(result.ok).toBe(false);
    expect(result.steps.map((s) => [s.name, s.status])).toEqual([
      ['stop consumers', 'ok'],
      ['close http', 'ok'],
      ['drain outbox', 'timed_out'],
      ['close db', 'ok'],
      ['flush logs', 'ok'],
    ]);
    expect(closed).toEqual(['db']);
  });

  it('rejects without listening when the service fails to start', async () => {
    const logger = createLogger({ name: 'run-service-test', level: 'silent' });
    const app = await buildServer();
    const running = runService({
      logger,
      service: {
        start: async () => {
          throw new Error('migration failed');
        },
        stopConsumers: async () => undefined,
        drainOutbox: async () => undefined,
      },
      http: { server: app, port: 0, host: '127.0.0.1' },
      close: {},
      signals: { signals: [] },
    });
    await expect(running).rejects.toThrow('migration failed');
    expect(app.server.listening).toBe(false);
    await app.close();
  });
});

describe('runService in a real process', () => {
  const fixture = path.join(__dirname, 'fixtures', 'run-service-child.ts');
  const tsx = path.join(__dirname, '..', '..', '..', 'node_modules', '.bin', 'tsx');

  it('serves HTTP until SIGTERM, then runs every shutdown step in order and exits 0', async () => {
    const child = spawn(tsx, [fixture], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let onListening: (url: string) => void = () => undefined;
    const listening = new Promise<string>((resolve) => (onListening = resolve));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
      if (match?.[1] !== undefined) onListening(match[1]);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));

    const base = await listening;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    child.kill('SIGTERM');
    expect(await exit).toEqual({ code: 0, signal: null });
    expect(stderr).toBe('');
    const messages = stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { msg: string; step?: string; reason?: string; ok?: boolean });
    expect(messages.filter((m) => m.msg === 'shutdown step done').map((m) => m.step)).toEqual([
      'stop consumers',
      'close http',
      'drain outbox',
      'close bus',
      'close db',
      'flush logs',
    ]);
    expect(messages.map((m) => m.msg)).toEqual(expect.arrayContaining(['consumers stopped', 'outbox drained', 'bus closed', 'db closed']));
    expect(messages).toContainEqual(expect.objectContaining({ msg: 'shutdown complete', reason: 'SIGTERM', ok: true }));
    expect(await answers(`${base}/healthz`)).toBe(false);
  }, 20_000);
});
