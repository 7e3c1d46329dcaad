import { REDACTED, censorUrl, createLogger } from '@ledgerbus/kit';
import { memoryDestination } from './support/memory-destination';

const secrets = {
  authorization: 'Bearer SECRET-auth-1',
  access_token: 'SECRET-access-2',
  refresh_token: 'SECRET-refresh-3',
  client_secret: 'SECRET-client-4',
  verifier: 'SECRET-verifier-5',
  verifierToken: 'SECRET-verifier-6',
};

describe('createLogger', () => {
  it('censors secrets at the top level, nested one and two levels down and in headers, and keeps other fields', () => {
    const { stream, lines } = memoryDestination();
    const logger = createLogger({ name: 'kit-test', level: 'info', destination: stream });

    logger.info(
      {
        ...secrets,
        realmId: '9130',
        tokens: { ...secrets, expiresIn: 3600 },
        connection: { oauth: { ...secrets, token: 'SECRET-token-7', scope: 'accounting' } },
        webhook: { token: 'SECRET-token-8', eventCount: 2 },
        headers: { authorization: 'Bearer SECRET-h-9', 'content-type': 'application/json' },
        req: { method: 'POST', headers: { authorization: 'Bearer SECRET-h-10', cookie: 'sid=SECRET-c-11' } },
      },
      'token refreshed',
    );

    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    expect(line).not.toMatch(/SECRET/);

    const entry = JSON.parse(line);
    expect(entry.msg).toBe('token refreshed');
    expect(entry.name).toBe('kit-test');
    expect(entry.realmId).toBe('9130');
    expect(entry.access_token).toBe(REDACTED);
    expect(entry.verifierToken).toBe(REDACTED);
    expect(entry.tokens.refresh_token).toBe(REDACTED);
    expect(entry.tokens.expiresIn).toBe(3600);
    expect(entry.connection.oauth.client_secret).toBe(REDACTED);
    expect(entry.connection.oauth.token).toBe(REDACTED);
    expect(entry.connection.oauth.scope).toBe('accounting');
    expect(entry.webhook).toEqual({ token: REDACTED, eventCount: 2 });
    expect(entry.headers).toEqual({ authorization: REDACTED, 'content-type': 'application/json' });
    expect(entry.req).toEqual({ method: 'POST', headers: { authorization: REDACTED, cookie: REDACTED } });
  });

  it("censors secrets in a child logger's bindings and respects the level", () => {
    const { stream, lines } = memoryDestination();
    const logger = createLogger({ name: 'kit-test', level: 'warn', destination: stream });
    const child = logger.child({ realm: { access_token: 'SECRET-child-1' }, tenant: 't-1' });

    child.info({ refresh_token: 'SECRET-info' }, 'dropped below level');
    child.warn({ refresh_token: 'SECRET-warn' }, 'kept');

    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/SECRET/);
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({ msg: 'kept', tenant: 't-1', refresh_token: REDACTED, realm: { access_token: REDACTED } });
  });
});

describe('censorUrl', () => {
  it('censors the values of secret query parameters (any case, encoded keys) and leaves everything else as it was', () => {
    expect(censorUrl('/cb?code=abc&realmId=1&x=%20y')).toBe('/cb?code=[REDACTED]&realmId=1&x=%20y');
    expect(censorUrl('/cb?STATE=s1&acc%65ss_token=t&flag')).toBe('/cb?STATE=[REDACTED]&acc%65ss_token=[REDACTED]&flag');
    expect(censorUrl('/plain/path')).toBe('/plain/path');
  });
});
