/**
 * The end of every long-running service's `main.ts`: install the ordered shutdown and
 * its signal handlers, start the service, then listen. The shutdown goes stop taking
 * work (consumers, pollers) → close HTTP → drain the outbox → close the clients → flush
 * the logs, each step bounded by `createShutdown`'s timeout.
 */
import type { Logger } from 'pino';
import type { HttpServer } from './http/server';
import { flushLogger } from './logger';
import { createShutdown } from './shutdown';
import type { InstallSignalHandlersOptions, Shutdown } from './shutdown';

/** Named shutdown steps in the order they run; the key names the step in the log. */
export type ShutdownSteps = Record<string, () => Promise<void> | void>;

/** What a service's factory returns, as far as running it goes. */
export interface RunnableService {
  /** Migrate, start the consumers, the outbox relay and any timers. */
  start(): Promise<void>;
  /** Stop whatever takes work: consumers, pollers, timers. */
  stopConsumers(): Promise<void>;
  /** Publish what the outbox still holds, then stop the relay. */
  drainOutbox(): Promise<void>;
}

export interface RunServiceOptions {
  logger: Logger;
  service: RunnableService;
  /** The service's HTTP server and where it listens once started; workers without one leave it out. */
  http?: { server: HttpServer; port: number; host: string };
  /**
   * The first steps, logged as "stop <key>". Default `{ consumers: service.stopConsumers }`;
   * a service passes its own where it stops more ("consumers and imports", then "pushing").
   */
  stop?: ShutdownSteps;
  /** The clients closed after the outbox drained, in order, logged as "close <key>": `{ bus, db }`. */
  close: ShutdownSteps;
  /** Bound of each shutdown step (default 10 s). */
  stepTimeoutMs?: number;
  /** Which signals shut down and how the process exits (default SIGTERM/SIGINT, `process.exit`). */
  signals?: InstallSignalHandlersOptions;
}

/**
 * Installs the shutdown and its signal handlers before anything starts (a signal during
 * start-up still stops what did start), then starts the service and listens. Resolves
 * with the shutdown once the service listens; rejects when starting or listening fails.
 */
export async function runService(options: RunServiceOptions): Promise<Shutdown> {
  const { logger, service, http } = options;
  const shutdown = createShutdown({ logger, timeoutMs: options.stepTimeoutMs });
  const stop = options.stop ?? { consumers: () => service.stopConsumers() };
  for (const [name, fn] of Object.entries(stop)) shutdown.register(`stop ${name}`, fn);
  if (http !== undefined) shutdown.register('close http', () => http.server.close());
  shutdown.register('drain outbox', () => service.drainOutbox());
  for (const [name, fn] of Object.entries(options.close)) shutdown.register(`close ${name}`, fn);
  shutdown.register('flush logs', () => flushLogger(logger));
  shutdown.installSignalHandlers(options.signals);

  await service.start();
  if (http !== undefined) await http.server.listen({ port: http.port, host: http.host });
  return shutdown;
}
