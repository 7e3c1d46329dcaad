/**
 * Private infrastructure for the fault suite (`npm run test:faults`): a PostgreSQL cluster
 * made with initdb in a temporary directory and a Kafka broker started by
 * deploy/local/kafka.sh with its own ports and state directory — both on loopback ports of
 * their own, so stopping them never disturbs the shared broker and database the other
 * tests use. Each `destroy()` stops the server and deletes its directory.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = join(__dirname, '..', '..', '..', '..');

/** A loopback port nothing listens on right now (and, for Kafka, the one after it too). */
export async function freePort(consecutive = 1): Promise<number> {
  for (let tries = 0; tries < 50; tries++) {
    const base = 20_000 + Math.floor(Math.random() * 20_000);
    const ports = Array.from({ length: consecutive }, (_, i) => base + i);
    if ((await Promise.all(ports.map(portIsFree))).every(Boolean)) return base;
  }
  throw new Error('no free loopback port found');
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** The newest installed PostgreSQL's bin directory (/usr/lib/postgresql/<version>/bin). */
function postgresBin(): string {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', 'initdb'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (newest === undefined) throw new Error(`no PostgreSQL server binaries under ${base} (apt-get install postgresql)`);
  return join(base, newest, 'bin');
}

export interface PrivatePostgres {
  port: number;
  url: string;
  /** `pg_ctl stop -m fast`: sessions are terminated (57P01), new ones refused. */
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

/** initdb + pg_ctl start of a throw-away cluster on its own port (trust auth, loopback only). */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = postgresBin();
  const dir = mkdtempSync(join(tmpdir(), 'ledgerbus-faults-pg-'));
  const data = join(dir, 'data');
  const port = await freePort();
  // initdb refuses to run as root: run the server tools as the postgres user then.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const tool = (name: string, args: string[]) => (asRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, name), ...args]) : run(join(bin, name), args));
  await tool('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  const ctl = (args: string[]) => tool('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-o', options, '-w', '-t', '60', ...args]);
  await ctl(['start']);
  let destroyed = false;
  return {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => void (await ctl(['stop', '-m', 'fast'])),
    start: async () => void (await ctl(['start'])),
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      await ctl(['stop', '-m', 'immediate']).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface PrivateKafka {
  port: number;
  brokers: string[];
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

/** deploy/local/kafka.sh with its own ports and a temporary state directory (the jars are shared). */
export async function startPrivateKafka(): Promise<PrivateKafka> {
  const dir = mkdtempSync(join(tmpdir(), 'ledgerbus-faults-kafka-'));
  const port = await freePort(2);
  const env = {
    ...process.env,
    KAFKA_HOST: '127.0.0.1',
    KAFKA_PORT: String(port),
    KAFKA_CONTROLLER_PORT: String(port + 1),
    KAFKA_STATE_DIR: dir,
    KAFKA_HEAP_OPTS: '-Xms128m -Xmx384m',
    KAFKA_STOP_TIMEOUT: '20',
  };
  const script = join(root, 'deploy', 'local', 'kafka.sh');
  const kafka = (command: string) => run('bash', [script, command], { env, maxBuffer: 4 * 1024 * 1024 });
  await kafka('start');
  let destroyed = false;
  return {
    port,
    brokers: [`127.0.0.1:${port}`],
    stop: async () => void (await kafka('stop')),
    start: async () => void (await kafka('start')),
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      await kafka('stop').catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
