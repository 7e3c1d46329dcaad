/**
 * The Kubernetes manifests under deploy/k8s, checked without a cluster: every Deployment's
 * environment (literal values, ConfigMap and Secret references) goes through its service's
 * real config schema with kit's `loadConfig`, so a typo in a variable's name, a dropped
 * required variable or a reference to a missing key fails here rather than in a crash-looping
 * pod. The kustomizations are built with the few kustomize features they use (resources, and
 * strategic-merge patches of ConfigMap data and container env); anything else fails the build
 * below, so it cannot be silently ignored. `kubectl kustomize` renders the same resources.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Env } from '@ledgerbus/kit';
import { ConfigError, createLogger, createServiceHttpServer, generateKeyRingKey, loadConfig } from '@ledgerbus/kit';
import { pushWorkerConfigSchema } from '@ledgerbus/push';
import { createSandbox } from '@ledgerbus/qbo-sandbox';
import { parseAllDocuments } from 'yaml';
import type { z } from 'zod';
import { configSchema as connectorConfig } from '../../connector/src/config';
import { generateTokenKey } from '../../connector/src/index';
import { configSchema as customerSyncConfig } from '../../customer-sync/src/config';
import { configSchema as ingestConfig } from '../../ingest/src/config';
import { configSchema as mappingConfig } from '../../mapping/src/config';
import { configSchema as metricsConfig } from '../../metrics/src/config';
import { configSchema as webhooksConfig } from '../../webhooks/src/config';

const ROOT = join(__dirname, '../../..');
const K8S = join(ROOT, 'deploy/k8s');

interface ServiceSpec {
  schema: z.ZodObject;
  /** Prefix of `<PREFIX>_PORT` / `<PREFIX>_HOST` for the HTTP services; the workers' (probes and metrics only) is `worker`. */
  http?: string;
  /** Prefix of a push worker's `<PREFIX>_PORT` / `<PREFIX>_HOST` (its HTTP server serves only probes and /metrics). */
  worker?: string;
  /** Steps of its shutdown (stop…, close http, drain outbox, close…, flush logs), as its "shutting down" log line lists them. */
  shutdownSteps: number;
}

/** The services of the base, with the schema each one's main.ts parses. */
const SERVICES: Record<string, ServiceSpec> = {
  connector: { schema: connectorConfig, http: 'CONNECTOR', shutdownSteps: 6 },
  mapping: { schema: mappingConfig, http: 'MAPPING', shutdownSteps: 6 },
  'customer-sync': { schema: customerSyncConfig, http: 'CUSTOMER_SYNC', shutdownSteps: 6 },
  metrics: { schema: metricsConfig, http: 'METRICS', shutdownSteps: 6 },
  ingest: { schema: ingestConfig, http: 'INGEST', shutdownSteps: 6 },
  webhooks: { schema: webhooksConfig, http: 'WEBHOOKS', shutdownSteps: 6 },
  // name and prefix as services/<name>/src/main.ts passes them to runPushWorker.
  'invoice-push': { schema: pushWorkerConfigSchema('invoice-push', 'INVOICE_PUSH'), worker: 'INVOICE_PUSH', shutdownSteps: 8 },
  'payment-push': { schema: pushWorkerConfigSchema('payment-push', 'PAYMENT_PUSH'), worker: 'PAYMENT_PUSH', shutdownSteps: 8 },
};
const HTTP_SERVICES = Object.keys(SERVICES).filter((name) => SERVICES[name]?.http !== undefined);
const WORKERS = Object.keys(SERVICES).filter((name) => SERVICES[name]?.http === undefined);

/** createShutdown's default bound of one step; no service passes another. */
const SHUTDOWN_STEP_SECONDS = 10;

/** Variables a service reads outside its schema: node-postgres takes the password from PGPASSWORD when DATABASE_URL has none. */
const DRIVER_ENV = new Set(['PGPASSWORD']);

/** Secret keys whose placeholder the schemas reject, so an unedited Secret stops the service at start. */
const VALIDATED_SECRETS = ['JWT_SECRET', 'CONNECTOR_TOKEN_KEYS', 'CONNECTOR_STATE_SECRET', 'WEBHOOKS_SECRET_KEY'];

/** What an operator puts in place of each placeholder (the shapes secret.yaml's comments ask for). */
const STAND_INS: Record<string, string> = {
  PGPASSWORD: randomBytes(24).toString('base64url'),
  JWT_SECRET: randomBytes(48).toString('base64'),
  CONNECTOR_TOKEN_KEYS: generateTokenKey('k1'),
  CONNECTOR_STATE_SECRET: randomBytes(48).toString('base64'),
  CONNECTOR_WEBHOOK_VERIFIER_TOKENS: randomBytes(24).toString('base64url'),
  INTUIT_CLIENT_ID: `AB${randomBytes(24).toString('hex')}`,
  INTUIT_CLIENT_SECRET: randomBytes(20).toString('hex'),
  CONNECTOR_SERVICE_TOKEN: randomBytes(32).toString('base64url'),
  WEBHOOKS_SECRET_KEY: generateKeyRingKey('k1'),
};

// ---- the manifests, as far as this test reads them ----

interface Manifest {
  kind: string;
  metadata: { name: string };
  [field: string]: unknown;
}
interface KeyRef {
  name: string;
  key: string;
}
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { configMapKeyRef?: KeyRef; secretKeyRef?: KeyRef };
}
interface Probe {
  httpGet?: { path: string; port: string | number };
}
interface Container {
  name: string;
  image: string;
  command?: string[];
  env?: EnvVar[];
  envFrom?: unknown[];
  ports?: { name?: string; containerPort: number }[];
  startupProbe?: Probe;
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { allowPrivilegeEscalation?: boolean; readOnlyRootFilesystem?: boolean };
}
interface Deployment extends Manifest {
  spec: {
    replicas?: number;
    selector: { matchLabels: Record<string, string> };
    template: {
      metadata: { labels: Record<string, string> };
      spec: { terminationGracePeriodSeconds?: number; securityContext?: { runAsNonRoot?: boolean }; containers: Container[] };
    };
  };
}
interface Service extends Manifest {
  spec: { selector: Record<string, string>; ports: { name?: string; port: number; targetPort?: string | number }[] };
}
interface ConfigMap extends Manifest {
  data: Record<string, string>;
}
interface Secret extends Manifest {
  stringData?: Record<string, string>;
  data?: Record<string, string>;
}

function parseYamlFile(file: string): unknown[] {
  const docs = parseAllDocuments(readFileSync(file, 'utf8'));
  if (!Array.isArray(docs)) throw new Error(`${file}: not a YAML stream`);
  for (const doc of docs) if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
  return docs.map((doc) => doc.toJS() as unknown).filter((value) => value !== null);
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isNamedList = (value: unknown): value is { name: string }[] => Array.isArray(value) && value.every((item) => isObject(item) && typeof item.name === 'string');

/** Strategic merge as kustomize does it for what the patches touch: maps merge, `null` deletes, lists of named items merge by name. */
function strategicMerge(target: unknown, patch: unknown): unknown {
  if (isNamedList(target) && isNamedList(patch)) {
    const merged = target.map((item) => {
      const override = patch.find((p) => p.name === item.name);
      return override === undefined ? item : strategicMerge(item, override);
    });
    return [...merged, ...patch.filter((p) => !target.some((item) => item.name === p.name))];
  }
  if (isObject(target) && isObject(patch)) {
    const merged: Record<string, unknown> = { ...target };
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) delete merged[key];
      else merged[key] = strategicMerge(target[key], value);
    }
    return merged;
  }
  return patch;
}

/** The kustomization files this test read, to check that every YAML file under deploy/k8s is used by one. */
const listedFiles = new Set<string>();

/** The resources `kubectl kustomize <dir>` renders, for the features these kustomizations use. */
function build(dir: string): Manifest[] {
  const file = join(dir, 'kustomization.yaml');
  listedFiles.add(file);
  const [kustomization] = parseYamlFile(file);
  if (!isObject(kustomization)) throw new Error(`${file}: not a mapping`);
  const unsupported = Object.keys(kustomization).filter((key) => !['apiVersion', 'kind', 'resources', 'patches'].includes(key));
  if (unsupported.length > 0) throw new Error(`${file}: ${unsupported.join(', ')} not supported by this test's build; teach it first`);

  const resources: Manifest[] = [];
  for (const entry of (kustomization.resources ?? []) as string[]) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) resources.push(...build(path));
    else {
      listedFiles.add(path);
      resources.push(...(parseYamlFile(path) as Manifest[]));
    }
  }
  for (const entry of (kustomization.patches ?? []) as { path: string }[]) {
    const path = join(dir, entry.path);
    listedFiles.add(path);
    for (const patch of parseYamlFile(path) as Manifest[]) {
      const index = resources.findIndex((r) => r.kind === patch.kind && r.metadata.name === patch.metadata.name);
      if (index < 0) throw new Error(`${path}: no ${patch.kind} ${patch.metadata.name} to patch`);
      resources[index] = strategicMerge(resources[index], patch) as Manifest;
    }
  }
  return resources;
}

function find<T extends Manifest>(resources: Manifest[], kind: string, name: string): T {
  const found = resources.find((r) => r.kind === kind && r.metadata.name === name);
  if (found === undefined) throw new Error(`no ${kind} ${name}`);
  return found as T;
}

function secretData(secret: Secret): Record<string, string> {
  const decoded = Object.fromEntries(Object.entries(secret.data ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64').toString('utf8')]));
  return { ...decoded, ...(secret.stringData ?? {}) };
}

function containerOf(resources: Manifest[], name: string): Container {
  const containers = find<Deployment>(resources, 'Deployment', name).spec.template.spec.containers;
  const container = containers.find((c) => c.name === name);
  if (container === undefined || containers.length !== 1) throw new Error(`Deployment ${name}: expected one container named ${name}`);
  return container;
}

/**
 * The environment the container gets. Every reference must name an existing ConfigMap or
 * Secret key (a missing one throws); Secret values go through `secretValue`.
 */
function envOf(resources: Manifest[], container: Container, secretValue: (key: string, value: string) => string): Env {
  if (container.envFrom !== undefined) throw new Error(`${container.name}: envFrom is not supported by this test; name each variable`);
  const env: Env = {};
  for (const variable of container.env ?? []) {
    if (variable.name in env) throw new Error(`${container.name}: ${variable.name} is set twice`);
    const { configMapKeyRef: cm, secretKeyRef: secret } = variable.valueFrom ?? {};
    const missing = (kind: string, ref: KeyRef) => new Error(`${container.name}: ${variable.name} refers to ${kind} ${ref.name} key ${ref.key}, which does not exist`);
    if (variable.value !== undefined && variable.valueFrom === undefined) env[variable.name] = variable.value;
    else if (cm !== undefined) {
      const value = find<ConfigMap>(resources, 'ConfigMap', cm.name).data[cm.key];
      if (value === undefined) throw missing('ConfigMap', cm);
      env[variable.name] = value;
    } else if (secret !== undefined) {
      const value = secretData(find<Secret>(resources, 'Secret', secret.name))[secret.key];
      if (value === undefined) throw missing('Secret', secret);
      env[variable.name] = secretValue(secret.key, value);
    } else throw new Error(`${container.name}: ${variable.name} is neither a value nor a ConfigMap/Secret key reference`);
  }
  return env;
}

const replaced = (key: string): string => {
  const standIn = STAND_INS[key];
  if (standIn === undefined) throw new Error(`no stand-in for the Secret key ${key}: add one to STAND_INS`);
  return standIn;
};
const asShipped = (_key: string, value: string): string => value;

function configIssues(schema: z.ZodObject, env: Env): string[] {
  try {
    loadConfig(schema, env);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.issues.map((issue) => issue.name);
    throw err;
  }
}

function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return yamlFilesUnder(path);
    return /\.ya?ml$/.test(entry.name) ? [path] : [];
  });
}

const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const base = build(K8S);
const dev = build(join(K8S, 'overlays/dev-sandbox'));
const builds: Record<string, Manifest[]> = { base, 'dev-sandbox': dev };
const BUILD_NAMES = Object.keys(builds);

/** The environment of service `name`'s container in the build `buildName`. */
function serviceEnv(buildName: string, name: string, secretValue: (key: string, value: string) => string): Env {
  const resources = builds[buildName];
  if (resources === undefined) throw new Error(`no build ${buildName}`);
  return envOf(resources, containerOf(resources, name), secretValue);
}

describe('deploy/k8s', () => {
  test('every YAML file parses and is used by a kustomization', () => {
    const unused = yamlFilesUnder(K8S).filter((file) => !listedFiles.has(file));
    expect(unused.map((file) => relative(ROOT, file))).toEqual([]);
  });

  test('the base runs the eight services and not the sandbox, which only the dev overlay adds', () => {
    const deployments = (resources: Manifest[]) => resources.filter((r) => r.kind === 'Deployment').map((r) => r.metadata.name).sort();
    expect(deployments(base)).toEqual(Object.keys(SERVICES).sort());
    expect(deployments(dev)).toEqual([...Object.keys(SERVICES), 'qbo-sandbox'].sort());
  });

  test('the Secret holds only placeholders, each marked REPLACE_ME, and the test has a stand-in for each', () => {
    const data = secretData(find<Secret>(base, 'Secret', 'ledgerbus-secrets'));
    expect(Object.entries(data).filter(([, value]) => !value.startsWith('REPLACE_ME'))).toEqual([]);
    expect(Object.keys(data).sort()).toEqual(Object.keys(STAND_INS).sort());
  });

  test('every in-cluster URL names a Service of the build and one of its ports', () => {
    for (const [buildName, resources] of Object.entries(builds)) {
      const values = resources.flatMap((r) => {
        if (r.kind === 'ConfigMap') return Object.values((r as ConfigMap).data);
        if (r.kind === 'Deployment') return (r as Deployment).spec.template.spec.containers.flatMap((c) => (c.env ?? []).map((v) => v.value ?? ''));
        return [];
      });
      const inCluster = values.filter((v) => /^https?:\/\//.test(v)).map((v) => new URL(v)).filter((u) => !u.hostname.includes('.') && u.hostname !== 'localhost');
      expect(inCluster.length).toBeGreaterThan(0);
      for (const url of inCluster) {
        const ports = find<Service>(resources, 'Service', url.hostname).spec.ports.map((p) => p.port);
        const port = Number(url.port || 80);
        expect({ build: buildName, url: url.href, ports }).toEqual({ build: buildName, url: url.href, ports: expect.arrayContaining([port]) });
      }
    }
  });

  describe.each(Object.keys(SERVICES))('%s', (name) => {
    const spec = SERVICES[name]!;

    test('runs its built main.js (tsc -b output) from the ledgerbus image of this version', () => {
      const container = containerOf(base, name);
      const tsconfig = JSON.parse(readFileSync(join(ROOT, 'services', name, 'tsconfig.json'), 'utf8')) as { compilerOptions: { rootDir: string; outDir: string } };
      expect(tsconfig.compilerOptions).toMatchObject({ rootDir: 'src', outDir: 'dist' });
      expect(existsSync(join(ROOT, 'services', name, 'src/main.ts'))).toBe(true);
      expect(container.command).toEqual(['node', `services/${name}/dist/main.js`]);
      expect(container.image).toBe(`ledgerbus:${version}`);
    });

    test.each(BUILD_NAMES)('gets only variables its config schema knows (%s)', (buildName) => {
      const env = serviceEnv(buildName, name, replaced);
      const known = new Set(Object.keys(spec.schema.shape));
      expect(Object.keys(env).filter((key) => !known.has(key) && !DRIVER_ENV.has(key))).toEqual([]);
    });

    test.each(BUILD_NAMES)('parses with its config schema once the Secret placeholders are replaced (%s)', (buildName) => {
      expect(configIssues(spec.schema, serviceEnv(buildName, name, replaced))).toEqual([]);
    });

    test('runs as non-root, with requests and limits, and outlasts its shutdown before SIGKILL', () => {
      const pod = find<Deployment>(base, 'Deployment', name).spec.template.spec;
      const container = containerOf(base, name);
      expect(pod.securityContext?.runAsNonRoot).toBe(true);
      expect(container.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
      expect(Object.keys(container.resources?.requests ?? {}).sort()).toEqual(['cpu', 'memory']);
      expect(Object.keys(container.resources?.limits ?? {}).sort()).toEqual(['cpu', 'memory']);
      expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(spec.shutdownSteps * SHUTDOWN_STEP_SECONDS);
    });
  });

  test.each(Object.keys(SERVICES).filter((name) => VALIDATED_SECRETS.some((key) => key in SERVICES[name]!.schema.shape)))(
    '%s refuses to start on the shipped placeholders of the secrets its schema validates',
    (name) => {
      const spec = SERVICES[name]!;
      const issues = configIssues(spec.schema, serviceEnv('base', name, asShipped));
      expect(issues).toEqual(expect.arrayContaining(VALIDATED_SECRETS.filter((key) => key in spec.schema.shape)));
    },
  );

  describe.each(HTTP_SERVICES)('%s over HTTP', (name) => {
    const spec = SERVICES[name]!;
    const container = containerOf(base, name);
    const deployment = find<Deployment>(base, 'Deployment', name);

    test('listens on all interfaces on the port its container and Service declare', () => {
      const config: Record<string, unknown> = loadConfig(spec.schema, serviceEnv('base', name, replaced));
      expect(config[`${spec.http}_HOST`]).toBe('0.0.0.0');
      const port = container.ports?.find((p) => p.name === 'http');
      expect(port?.containerPort).toBe(config[`${spec.http}_PORT`]);

      const service = find<Service>(base, 'Service', name);
      expect(deployment.spec.template.metadata.labels).toMatchObject(service.spec.selector);
      expect(deployment.spec.template.metadata.labels).toMatchObject(deployment.spec.selector.matchLabels);
      expect(service.spec.ports.map((p) => p.targetPort)).toEqual(['http']);
    });

    test('probes /readyz for readiness and /healthz for liveness, which its HTTP server answers', async () => {
      expect(container.readinessProbe?.httpGet).toEqual({ path: '/readyz', port: 'http' });
      expect(container.livenessProbe?.httpGet).toEqual({ path: '/healthz', port: 'http' });
      // Every HTTP service builds its server with createServiceHttpServer; ask that server the probes' paths.
      expect(readFileSync(join(ROOT, 'services', name, 'src/app.ts'), 'utf8')).toContain('createServiceHttpServer(');
      const ok = { ping: async () => undefined };
      const server = await createServiceHttpServer(
        { logger: createLogger({ name, level: 'silent' }), jwt: { secret: STAND_INS.JWT_SECRET! }, db: ok, bus: ok },
        { name, version },
      );
      try {
        for (const probe of [container.startupProbe, container.readinessProbe, container.livenessProbe]) {
          const path = probe?.httpGet?.path ?? '(none)';
          expect({ path, status: (await server.inject({ method: 'GET', url: path })).statusCode }).toEqual({ path, status: 200 });
        }
      } finally {
        await server.close();
      }
    });
  });

  test.each(WORKERS)('%s declares the port its HTTP server listens on, probes it, and no Service selects it', (name) => {
    const spec = SERVICES[name]!;
    const container = containerOf(base, name);
    const config: Record<string, unknown> = loadConfig(spec.schema, serviceEnv('base', name, replaced));
    expect(config[`${spec.worker}_HOST`]).toBe('0.0.0.0');
    expect(container.ports).toEqual([{ name: 'http', containerPort: config[`${spec.worker}_PORT`] }]);
    // runPushWorker serves /healthz and /readyz with kit's createHttpServer (libs/push/test/worker-http.int.test.ts asks them).
    expect(container.startupProbe?.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(container.readinessProbe?.httpGet).toEqual({ path: '/readyz', port: 'http' });
    expect(container.livenessProbe?.httpGet).toEqual({ path: '/healthz', port: 'http' });
    const labels = find<Deployment>(base, 'Deployment', name).spec.template.metadata.labels;
    const selecting = base.filter((r) => r.kind === 'Service' && Object.entries((r as Service).spec.selector).every(([k, v]) => labels[k] === v));
    expect(selecting).toEqual([]);
  });

  test.each(BUILD_NAMES)('webhooks refuses endpoint URLs on loopback (%s): only tests and the local dev stack allow them', (buildName) => {
    const config = loadConfig(webhooksConfig, serviceEnv(buildName, 'webhooks', replaced));
    expect(config.WEBHOOKS_ALLOW_LOOPBACK).toBe(false);
  });

  describe('the dev-sandbox overlay', () => {
    const sandbox = createSandbox();
    afterAll(() => sandbox.close());

    test("points the connector's Intuit OAuth at the sandbox's demo app and endpoints", () => {
      const env = serviceEnv('dev-sandbox', 'connector', replaced);
      const app = sandbox.oauth.settings.clients[0];
      expect({ id: env.INTUIT_CLIENT_ID, secret: env.INTUIT_CLIENT_SECRET }).toEqual({ id: app?.clientId, secret: app?.clientSecret });
      const { authorize, token, revoke, userinfo } = sandbox.oauth.paths;
      const paths = ['INTUIT_AUTHORIZE_URL', 'INTUIT_TOKEN_URL', 'INTUIT_REVOKE_URL', 'INTUIT_USERINFO_URL'].map((key) => new URL(env[key] ?? 'http://unset').pathname);
      expect(paths).toEqual([authorize, token, revoke, userinfo]);
      expect(env.QBO_BASE_URL).toBe('http://qbo-sandbox:8111');
    });

    test('runs the sandbox from the same image, probing a path it answers on the port it listens on', async () => {
      const container = containerOf(dev, 'qbo-sandbox');
      expect(container.command).toEqual(['node', 'services/qbo-sandbox/dist/main.js']);
      expect(container.image).toBe(`ledgerbus:${version}`);
      const env = envOf(dev, container, replaced);
      expect(env).toMatchObject({ QBO_SANDBOX_HOST: '0.0.0.0', QBO_SANDBOX_PORT: String(container.ports?.[0]?.containerPort) });
      for (const probe of [container.readinessProbe, container.livenessProbe]) {
        const path = probe?.httpGet?.path ?? '(none)';
        expect({ path, status: (await sandbox.app.inject({ method: 'GET', url: path })).statusCode }).toEqual({ path, status: 200 });
      }
    });
  });
});
