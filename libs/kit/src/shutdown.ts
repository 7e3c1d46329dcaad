/**
 * Ordered, idempotent graceful shutdown. A service registers its steps in the order
 * they must run (stop consumers → close HTTP → flush producer → drain outbox →
 * close DB → flush logs); each step is bounded by a timeout, and a failing or hung
 * step is logged without stopping the steps after it.
 */
import type { Logger } from 'pino';
import { errorMessage } from './errors';

export type ShutdownStepStatus = 'ok' | 'failed' | 'timed_out';

export interface ShutdownStepResult {
  name: string;
  status: ShutdownStepStatus;
  durationMs: number;
  error?: string;
}

export interface ShutdownResult {
  /** True when every step finished in time without throwing. */
  ok: boolean;
  reason: string;
  steps: ShutdownStepResult[];
}

export interface InstallSignalHandlersOptions {
  signals?: NodeJS.Signals[];
  /** Called with 0 (every step ok) or 1 after shutdown; `process.exit` by default. */
  exit?: (code: number) => void;
}

export interface Shutdown {
  /** Adds a step; steps run in registration order. */
  register(name: string, fn: () => Promise<void> | void, options?: { timeoutMs?: number }): void;
  /** Runs every step once; later calls return the same promise. */
  shutdown(reason?: string): Promise<ShutdownResult>;
  readonly isShuttingDown: boolean;
  /** SIGTERM/SIGINT → shutdown → exit(0 or 1). Returns a function that removes the handlers. */
  installSignalHandlers(options?: InstallSignalHandlersOptions): () => void;
}

export interface CreateShutdownOptions {
  logger: Logger;
  /** Default bound for each step (default 10 s). */
  timeoutMs?: number;
}

interface Step {
  name: string;
  fn: () => Promise<void> | void;
  timeoutMs: number;
}

const TIMED_OUT = Symbol('timed out');

async function runStep(step: Step): Promise<ShutdownStepResult> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), step.timeoutMs);
  });
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const outcome = await Promise.race([Promise.resolve().then(step.fn), timeout]);
    if (outcome === TIMED_OUT) {
      return { name: step.name, status: 'timed_out', durationMs: elapsed(), error: `timed out after ${step.timeoutMs} ms` };
    }
    return { name: step.name, status: 'ok', durationMs: elapsed() };
  } catch (err) {
    return { name: step.name, status: 'failed', durationMs: elapsed(), error: errorMessage(err) };
  } finally {
    clearTimeout(timer);
  }
}

export function createShutdown(options: CreateShutdownOptions): Shutdown {
  const { logger } = options;
  const defaultTimeoutMs = options.timeoutMs ?? 10_000;
  const steps: Step[] = [];
  let running: Promise<ShutdownResult> | undefined;

  async function run(reason: string): Promise<ShutdownResult> {
    logger.info({ reason, steps: steps.map((s) => s.name) }, 'shutting down');
    const results: ShutdownStepResult[] = [];
    for (const step of steps) {
      const result = await runStep(step);
      results.push(result);
      if (result.status === 'ok') logger.info({ step: result.name, durationMs: result.durationMs }, 'shutdown step done');
      else logger.error({ step: result.name, status: result.status, error: result.error }, 'shutdown step failed');
    }
    const ok = results.every((r) => r.status === 'ok');
    logger.info({ reason, ok }, 'shutdown complete');
    return { ok, reason, steps: results };
  }

  const shutdown: Shutdown = {
    register(name, fn, stepOptions = {}) {
      if (running) {
        logger.warn({ step: name }, 'shutdown already started; step not registered');
        return;
      }
      steps.push({ name, fn, timeoutMs: stepOptions.timeoutMs ?? defaultTimeoutMs });
    },

    shutdown(reason = 'requested') {
      running ??= run(reason);
      return running;
    },

    get isShuttingDown() {
      return running !== undefined;
    },

    installSignalHandlers(handlerOptions = {}) {
      const signals = handlerOptions.signals ?? ['SIGTERM', 'SIGINT'];
      const exit = handlerOptions.exit ?? ((code: number) => process.exit(code));
      const onSignal = (signal: NodeJS.Signals) => {
        if (running) {
          logger.warn({ signal }, 'shutdown already in progress');
          return;
        }
        void shutdown.shutdown(signal).then((result) => exit(result.ok ? 0 : 1));
      };
      for (const signal of signals) process.on(signal, onSignal);
      return () => {
        for (const signal of signals) process.off(signal, onSignal);
      };
    },
  };
  return shutdown;
}
