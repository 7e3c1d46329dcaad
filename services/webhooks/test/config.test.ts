import { generateKeyRingKey, loadConfig } from '@ledgerbus/kit';
import { configFromEnv, configSchema } from '../src/config';
import { DEFAULT_CONFIG } from '../src/context';

const base = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
  KAFKA_BROKERS: '127.0.0.1:9092',
  JWT_SECRET: 'x'.repeat(32),
  WEBHOOKS_SECRET_KEY: generateKeyRingKey('k1'),
};

describe('the environment', () => {
  it('has the documented defaults', () => {
    const env = loadConfig(configSchema, base);
    expect(env.WEBHOOKS_PORT).toBe(8089);
    expect(env.WEBHOOKS_DB_SCHEMA).toBe('webhooks');
    expect(configFromEnv(env)).toEqual(DEFAULT_CONFIG);
  });

  it('reads the retry schedule, the timeout and the loopback flag', () => {
    const config = configFromEnv(loadConfig(configSchema, { ...base, WEBHOOKS_RETRY_SCHEDULE: '250ms,1s,2s', WEBHOOKS_TIMEOUT: '2s', WEBHOOKS_LEASE: '5s', WEBHOOKS_ALLOW_LOOPBACK: 'true' }));
    expect(config).toMatchObject({ retryScheduleMs: [250, 1000, 2000], timeoutMs: 2000, leaseMs: 5000, allowLoopback: true });
  });

  it('names every bad variable, never a key', () => {
    const secret = 'k1:c2hvcnQ=';
    let message = '';
    try {
      loadConfig(configSchema, { ...base, WEBHOOKS_SECRET_KEY: secret, WEBHOOKS_RETRY_SCHEDULE: 'soon', WEBHOOKS_LEASE: '5s', WEBHOOKS_TIMEOUT: '10s', WEBHOOKS_PORT: 'x' });
    } catch (err) {
      message = (err as Error).message;
      expect(err).toMatchObject({ code: 'config_invalid' });
    }
    expect(message).toMatch(/WEBHOOKS_SECRET_KEY: .*32 bytes/);
    expect(message).toMatch(/WEBHOOKS_RETRY_SCHEDULE: must be a comma-separated list/);
    expect(message).toMatch(/WEBHOOKS_PORT/);
    expect(message).not.toContain('c2hvcnQ=');
  });

  it('refuses a lease that is not longer than the attempt timeout', () => {
    expect(() => loadConfig(configSchema, { ...base, WEBHOOKS_LEASE: '10s', WEBHOOKS_TIMEOUT: '10s' })).toThrow(/WEBHOOKS_LEASE: must be longer than WEBHOOKS_TIMEOUT/);
  });
});
