import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger, createShutdown } from '@ledgerbus/kit';
import { memoryDestination } from './support/memory-destination';

function setup(timeoutMs = 1000) {
  const logs = memoryDestination();
  const logger = createLogger({ name: 'shutdown-test', level: 'info', destination: logs.stream });
  return { logs, shutdown: createShutdown({ logger, timeoutMs }) };
}

describe('createShutdown', () => {
  it('runs the steps in registration order', async () => {
    const { shutdown } = setup();
    const ran: string[] = [];
    for (const name of ['stop consumers', 'close http', 'flush producer', 'drain outbox', 'close db', 'flush logs']) {
      shutdown.register(name, async () => {
        await new Promise((resolve) => setImmediate(resolve));
        ran.push(name);
      });
    }
    const result = await shutdown.shutdown('test');
    expect(ran).toEqual(['stop consumers', 'close http', 'flush producer', 'drain outbox', 'close db', 'flush logs']);
    expect(result.ok).toBe(true);
    expect(result.steps.map((s) => s.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
  });

  it('is idempotent: a second call returns the same promise and runs nothing again', async () => {
    const { shutdown } = setup();
    let calls = 0;
    shutdown.register('close db', async () => {
      calls += 1;
    });
    const first = shutdown.shutdown('SIGTERM');
    const second = shutdown.shutdown('SIGINT');
    expect(second).toBe(first);
    expect(shutdown.isShuttingDown).toBe(true);
    const result = await first;
    await shutdown.shutdown();
    expect(calls).toBe(1);
    expect(result.reason).toBe('SIGTERM');
  });

  it('logs a failing step and still runs the steps after it', async () => {
    const { shutdown, logs } = setup();
    const ran: string[] = [];
    shutdown.register('flush producer', async () => {
      throw new Error('broker gone');
    });
    shutdown.register('close db', () => {
      ran.push('close db');
    });
    const result = await shutdown.shutdown();
    expect(ran).toEqual(['close db']);
    expect(result.ok).toBe(false);
    expect(result.steps).toEqual([
      expect.objectContaining({ name: 'flush producer', status: 'failed', error: 'broker gone' }),
      expect.objectContaining({ name: 'close db', status: 'ok' }),
    ]);
    expect(logs.entries()).toContainEqual(expect.objectContaining({ msg: 'shutdown step failed', step: 'flush producer', error: 'broker gone' }));
  });

  it('bounds a hung step by its timeout and moves on', async () => {
    const { shutdown } = setup(50);
    const ran: string[] = [];
    shutdown.register('drain outbox', () => new Promise<void>(() => undefined));
    shutdown.register('close http', () => new Promise<void>(() => undefined), { timeoutMs: 20 });
    shutdown.register('close db', () => {
      ran.push('close db');
    });
    const result = await shutdown.shutdown();
    expect(ran).toEqual(['close db']);
    expect(result.steps.map((s) => [s.name, s.status, s.error])).toEqual([
      ['drain outbox', 'timed_out', 'timed out after 50 ms'],
      ['close http', 'timed_out', 'timed out after 20 ms'],
      ['close db', 'ok', undefined],
    ]);
  });
});

describe('createShutdown in a real process', () => {
  const fixture = path.join(__dirname, 'fixtures', 'shutdown-child.ts');
  const tsx = path.join(__dirname, '..', '..', '..', 'node_modules', '.bin', 'tsx');

  function runChild(env: Record<string, string>) {
    const trace = path.join(mkdtempSync(path.join(tmpdir(), 'kit-shutdown-')), 'trace');
    const child = spawn(tsx, [fixture], {
      env: { ...process.env, ...env, SHUTDOWN_TRACE: trace },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let onReady: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => (onReady = resolve));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('"msg":"ready"')) onReady();
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    );
    return {
      child,
      ready,
      exit,
      stderr: () => stderr,
      messages: () =>
        stdout
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as { msg: string; step?: string }),
      stepsDone: () => readFileSync(trace, 'utf8').split('\n').filter(Boolean),
    };
  }

  it('stops in order and exits 0 on SIGTERM', async () => {
    const proc = runChild({});
    await proc.ready;
    proc.child.kill('SIGTERM');
    expect(await proc.exit).toEqual({ code: 0, signal: null });
    expect(proc.stderr()).toBe('');
    expect(proc.stepsDone()).toEqual(['stop consumers', 'close http', 'close db', 'flush logs']);
    expect(proc.messages()).toContainEqual(expect.objectContaining({ msg: 'shutdown complete', ok: true }));
  }, 20_000);

  it('exits 1 on SIGINT when a step failed, after running the later steps', async () => {
    const proc = runChild({ SHUTDOWN_FAIL: '1' });
    await proc.ready;
    proc.child.kill('SIGINT');
    expect((await proc.exit).code).toBe(1);
    expect(proc.stepsDone()).toEqual(['stop consumers', 'close http', 'close db', 'flush logs']);
    expect(proc.messages()).toContainEqual(
      expect.objectContaining({ msg: 'shutdown step failed', step: 'flush producer', error: 'producer flush failed' }),
    );
  }, 20_000);
});
