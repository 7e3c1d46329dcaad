/**
 * The console as its own process (`make up`): serves the built app and passes /api/<service>/v1/... to the
 * services. The only file of the package that reads the environment. Builds the app first when it is
 * missing or older than its sources.
 */
import { createLogger, flushLogger, loadConfig } from '@ledgerbus/kit';
import { z } from 'zod';
import { buildConsole } from './build';
import { createConsoleServer } from './server';

const configSchema = z.object({
  CONSOLE_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  CONSOLE_HOST: z.string().min(1).default('127.0.0.1'),
  CONNECTOR_URL: z.url().default('http://127.0.0.1:8081'),
  MAPPING_URL: z.url().default('http://127.0.0.1:8082'),
  CUSTOMER_SYNC_URL: z.url().default('http://127.0.0.1:8084'),
  METRICS_URL: z.url().default('http://127.0.0.1:8085'),
  /** Origins allowed to frame /embed (comma-separated), e.g. the SaaS platform's settings screen. */
  CONSOLE_FRAME_ANCESTORS: z.string().default(''),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

async function main(): Promise<void> {
  const config = loadConfig(configSchema);
  const logger = createLogger({ name: 'console', level: config.LOG_LEVEL });
  const build = await buildConsole();
  logger.info({ built: build.built, ms: build.ms }, 'console assets ready');
  const frameAncestors = config.CONSOLE_FRAME_ANCESTORS.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const server = createConsoleServer({ webDir: build.webDir, upstreams: { connector: config.CONNECTOR_URL, mapping: config.MAPPING_URL, customerSync: config.CUSTOMER_SYNC_URL, metrics: config.METRICS_URL }, frameAncestors });
  const url = await server.listen(config.CONSOLE_PORT, config.CONSOLE_HOST);
  logger.info({ url }, 'console listening');
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'console shutting down');
    void server.close().then(async () => {
      await flushLogger(logger);
      process.exit(0);
    });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
