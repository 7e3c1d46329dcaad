/**
 * `deploy/local/services.sh` (what `make up` runs) driven by a test, isolated from a developer's
 * `make up` on the same machine: free loopback ports, its own state directory (pid files, logs,
 * secrets, the sandbox's state file), its own database and tenant. Kafka and PostgreSQL are the
 * shared local servers. The processes are found through their pid files and process groups
 * (each service runs in its own session), so a test can prove that none is left behind.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** In start order (services.sh stops them the other way). */
export const SERVICE_NAMES = ['qbo-sandbox', 'connector', 'mapping', 'customer-sync', 'invoice-push', 'payment-push', 'metrics', 'ingest', 'webhooks', 'console'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

const ROOT = resolve(__dirname, '../../../..');
const SCRIPT = join(ROOT, 'deploy/local/services.sh');
const HOST = '127.0.0.1';

export interface ScriptResult {
  /** Exit code; null when the script was killed (timeout). */
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface ServicesOptions {
  /** The shared broker, as `host:port`. */
  kafkaBroker: string;
  /** The shared PostgreSQL server (its database part is ignored: the run gets `database`). */
  postgresUrl: string;
  database: string;
  tenantId: string;
  /** SERVICES_START_TIMEOUT and SERVICES_STOP_TIMEOUT, per service. */
  startTimeoutSeconds: number;
  stopTimeoutSeconds: number;
  /** More variables for every service (services.sh passes its environment on), e.g. INVOICE_PUSH_MAX_ATTEMPTS. */
  extraEnv?: Record<string, string>;
}

export interface ServicesRun {
  readonly urls: {
    sandbox: string;
    connector: string;
    mapping: string;
    customerSync: string;
    metrics: string;
    invoicePush: string;
    paymentPush: string;
    ingest: string;
    webhooks: string;
    console: string;
  };
  /** The state directory: pid files, logs, secrets.env. */
  readonly stateDir: string;
  /** The environment services.sh runs with. */
  readonly env: Readonly<NodeJS.ProcessEnv>;
  /** `services.sh <command> [args]` with the run's environment; killed after `timeoutMs`. */
  run(command: 'start' | 'stop' | 'status' | 'restart', timeoutMs: number, args?: string[]): Promise<ScriptResult>;
  /** The pid in each service's pid file (services without one are left out). */
  pidFiles(): Promise<Map<ServiceName, number>>;
  /** The last lines of every service's log, for failure messages. */
  logTails(lines: number): Promise<string>;
  /** Deletes the state directory. */
  remove(): Promise<void>;
}

async function freePorts(count: number): Promise<number[]> {
  // All listening at once, so the ports are distinct; closed before services.sh binds them.
  const servers: Server[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = createServer();
      servers.push(server);
      await new Promise<void>((ok, fail) => {
        server.once('error', fail);
        server.listen(0, HOST, ok);
      });
    }
    return servers.map((s) => {
      const address = s.address();
      if (address === null || typeof address === 'string') throw new Error('no TCP address');
      return address.port;
    });
  } finally {
    await Promise.all(servers.map((s) => new Promise((done) => s.close(done))));
  }
}

function runScript(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<ScriptResult> {
  return new Promise((done, fail) => {
    const child = spawn('bash', [SCRIPT, command, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      fail(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

export async function prepareServices(options: ServicesOptions): Promise<ServicesRun> {
  const [sandbox, connector, mapping, customerSync, metrics, consolePort, invoicePush, paymentPush, ingest, webhooks] = (await freePorts(10)) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const stateDir = await mkdtemp(join(tmpdir(), 'ledgerbus-services-'));
  const [kafkaHost, kafkaPort] = options.kafkaBroker.split(':') as [string, string | undefined];
  const pg = new URL(options.postgresUrl);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    QBO_SANDBOX_PORT: String(sandbox),
    CONNECTOR_PORT: String(connector),
    MAPPING_PORT: String(mapping),
    CUSTOMER_SYNC_PORT: String(customerSync),
    METRICS_PORT: String(metrics),
    CONSOLE_PORT: String(consolePort),
    INVOICE_PUSH_PORT: String(invoicePush),
    PAYMENT_PUSH_PORT: String(paymentPush),
    INGEST_PORT: String(ingest),
    WEBHOOKS_PORT: String(webhooks),
    SERVICES_STATE_DIR: stateDir,
    SERVICES_START_TIMEOUT: String(options.startTimeoutSeconds),
    SERVICES_STOP_TIMEOUT: String(options.stopTimeoutSeconds),
    LEDGERBUS_DB: options.database,
    LEDGERBUS_TENANT: options.tenantId,
    KAFKA_HOST: kafkaHost,
    KAFKA_PORT: kafkaPort ?? '9092',
    PGHOST: pg.hostname,
    PGPORT: pg.port || '5432',
    PGUSER: decodeURIComponent(pg.username) || 'postgres',
    LOG_LEVEL: 'info',
    ...options.extraEnv,
  };
  const url = (port: number): string => `http://${HOST}:${port}`;
  return {
    urls: {
      sandbox: url(sandbox),
      connector: url(connector),
      mapping: url(mapping),
      customerSync: url(customerSync),
      metrics: url(metrics),
      invoicePush: url(invoicePush),
      paymentPush: url(paymentPush),
      ingest: url(ingest),
      webhooks: url(webhooks),
      console: url(consolePort),
    },
    stateDir,
    env,
    run: (command, timeoutMs, args = []) => runScript(command, args, env, timeoutMs),
    async pidFiles() {
      const pids = new Map<ServiceName, number>();
      for (const name of SERVICE_NAMES) {
        const file = join(stateDir, `${name}.pid`);
        if (!existsSync(file)) continue;
        const pid = Number((await readFile(file, 'utf8')).trim());
        if (Number.isInteger(pid) && pid > 0) pids.set(name, pid);
      }
      return pids;
    },
    async logTails(lines) {
      const parts: string[] = [];
      for (const name of SERVICE_NAMES) {
        const text = await readFile(join(stateDir, `${name}.log`), 'utf8').catch(() => '(no log)');
        const tail = text.trimEnd().split('\n').slice(-lines).map((l) => `  ${l.slice(0, 400)}`);
        parts.push(`--- ${name}.log ---\n${tail.join('\n')}`);
      }
      return parts.join('\n');
    },
    remove: () => rm(stateDir, { recursive: true, force: true }),
  };
}

/** The command line of a live process, its arguments joined by spaces ('' once it is gone). */
export async function commandLine(pid: number): Promise<string> {
  const raw = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  return raw.split('\0').filter(Boolean).join(' ');
}

/**
 * The live processes of a service: those in its process group (`pgid`, the pid services.sh
 * recorded: each service runs in its own session) whose command line runs the service — its
 * compiled dist/main.js (node), or its src/main.ts (tsx and its node child, SERVICES_RUNTIME=tsx).
 * The command line check keeps a recycled pid from ever naming an unrelated process.
 */
export async function serviceProcesses(name: ServiceName, pgid: number): Promise<number[]> {
  const members: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const [stat, cmdline] = await Promise.all([readFile(`/proc/${entry}/stat`, 'utf8'), readFile(`/proc/${entry}/cmdline`, 'utf8')]).catch(() => ['', '']);
    // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses, so split after the last ')'.
    const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
    if (pgrp === pgid && (cmdline.includes(`services/${name}/dist/main.js`) || cmdline.includes(`services/${name}/src/main.ts`))) members.push(Number(entry));
  }
  return members;
}

/** Last resort: SIGKILL every process still left of the given services. Returns the pids it killed. */
export async function killServiceProcesses(groups: Iterable<[ServiceName, number]>): Promise<number[]> {
  const killed: number[] = [];
  for (const [name, pgid] of groups) {
    for (const pid of await serviceProcesses(name, pgid)) {
      try {
        process.kill(pid, 'SIGKILL');
        killed.push(pid);
      } catch {
        // exited meanwhile
      }
    }
  }
  return killed;
}
