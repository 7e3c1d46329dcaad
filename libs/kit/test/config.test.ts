import { z } from 'zod';
import { ConfigError, JWT_KEY_REQUIRED, booleanString, commaList, duration, hasJwtKey, jwtEnv, jwtOptionsFromEnv, loadConfig, port, sharedEnv, url } from '@ledgerbus/kit';

const schema = z.object({
  ...sharedEnv,
  CONNECTOR_PORT: port(8080),
  CONNECTOR_PUBLIC_URL: url({ protocols: ['http', 'https'] }),
  CONNECTOR_WEBHOOKS_ENABLED: booleanString(true),
  CONNECTOR_POLL_INTERVAL: duration('30s'),
  CONNECTOR_REALMS: commaList({ default: [] }),
});

const goodEnv = {
  KAFKA_BROKERS: '127.0.0.1:9092, kafka-2:9092',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
  CONNECTOR_PUBLIC_URL: 'https://connector.example.test',
};

function configErrorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('parses a valid environment into typed values and applies defaults', () => {
    const config = loadConfig(schema, { ...goodEnv, CONNECTOR_WEBHOOKS_ENABLED: 'FALSE', CONNECTOR_REALMS: 'a,,b ' });
    expect(config).toEqual({
      KAFKA_BROKERS: ['127.0.0.1:9092', 'kafka-2:9092'],
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
      LOG_LEVEL: 'info',
      NODE_ENV: 'development',
      KAFKA_GROUP_PREFIX: '',
      CONNECTOR_PORT: 8080,
      CONNECTOR_PUBLIC_URL: 'https://connector.example.test',
      CONNECTOR_WEBHOOKS_ENABLED: false,
      CONNECTOR_POLL_INTERVAL: 30_000,
      CONNECTOR_REALMS: ['a', 'b'],
    });
  });

  it('lists every bad or missing variable in one error, by name and reason', () => {
    const err = configErrorOf(() =>
      loadConfig(schema, {
        KAFKA_BROKERS: 'not a broker',
        DATABASE_URL: 'mysql://db/x',
        LOG_LEVEL: 'loud',
        KAFKA_GROUP_PREFIX: 'two stacks',
        CONNECTOR_PORT: '70000',
        CONNECTOR_WEBHOOKS_ENABLED: 'maybe',
        CONNECTOR_POLL_INTERVAL: 'soon',
      }),
    );
    expect(err.code).toBe('config_invalid');
    const byName = Object.fromEntries(err.issues.map((i) => [i.name, i.reason]));
    expect(Object.keys(byName).sort()).toEqual(
      [
        'CONNECTOR_POLL_INTERVAL',
        'CONNECTOR_PORT',
        'CONNECTOR_PUBLIC_URL',
        'CONNECTOR_WEBHOOKS_ENABLED',
        'DATABASE_URL',
        'KAFKA_BROKERS',
        'KAFKA_GROUP_PREFIX',
        'LOG_LEVEL',
      ].sort(),
    );
    expect(byName.CONNECTOR_PUBLIC_URL).toBe('missing');
    expect(byName.CONNECTOR_PORT).toBe('must be a port (1-65535)');
    expect(byName.KAFKA_BROKERS).toBe('item 0: each broker must be host:port');
    expect(byName.DATABASE_URL).toBe('must be a URL (postgres, postgresql)');
    expect(byName.CONNECTOR_WEBHOOKS_ENABLED).toBe('must be true or false');
    expect(byName.CONNECTOR_POLL_INTERVAL).toMatch(/duration/);
    for (const name of Object.keys(byName)) expect(err.message).toContain(name);
  });

  it('treats an empty variable as missing and never echoes the rejected values', () => {
    const err = configErrorOf(() =>
      loadConfig(schema, { ...goodEnv, DATABASE_URL: '', CONNECTOR_PORT: 'hunter2-secret' }),
    );
    expect(err.issues).toEqual([
      { name: 'DATABASE_URL', reason: 'missing' },
      { name: 'CONNECTOR_PORT', reason: 'must be a port (1-65535)' },
    ]);
    expect(err.message).not.toContain('hunter2-secret');
  });

  it('parses durations in ms, s, m, h and bare milliseconds', () => {
    const d = z.object({ A: duration(), B: duration(), C: duration(), D: duration() });
    expect(loadConfig(d, { A: '250ms', B: '2s', C: '5m', D: '1500' })).toEqual({ A: 250, B: 2000, C: 300_000, D: 1500 });
  });
});

describe('jwtEnv', () => {
  const jwtSchema = z.object({ ...jwtEnv }).refine(hasJwtKey, JWT_KEY_REQUIRED);
  const secret = 'a-development-secret-of-32-chars!';

  it('gives the verifier the secret with the issuer and audience when they are set', () => {
    const config = loadConfig(jwtSchema, { JWT_SECRET: secret, JWT_ISSUER: 'https://issuer.test', JWT_AUDIENCE: 'ledgerbus' });
    expect(jwtOptionsFromEnv(config)).toEqual({ secret, issuer: 'https://issuer.test', audience: 'ledgerbus' });
  });

  it('gives the verifier the JWKS URL when no secret is set', () => {
    const config = loadConfig(jwtSchema, { JWT_JWKS_URL: 'https://issuer.test/.well-known/jwks.json' });
    expect(jwtOptionsFromEnv(config)).toEqual({ jwksUrl: 'https://issuer.test/.well-known/jwks.json' });
  });

  it('reports JWT_SECRET when neither key is set, and a secret that is too short', () => {
    expect(configErrorOf(() => loadConfig(jwtSchema, {})).issues).toEqual([{ name: 'JWT_SECRET', reason: 'missing' }]);
    expect(configErrorOf(() => loadConfig(jwtSchema, { JWT_SECRET: 'short' })).issues).toEqual([
      { name: 'JWT_SECRET', reason: 'JWT_SECRET must be at least 32 characters' },
    ]);
  });
});
