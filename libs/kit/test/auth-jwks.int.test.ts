import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type KeyLike } from 'jose';
import { buildAuthApp } from './support/auth-app';

describe('JWT auth with a JWKS URL', () => {
  let jwksServer: Server;
  let jwksUrl: string;
  let privateKey: KeyLike;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
    jwksServer = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/.well-known/jwks.json`;
  });

  afterAll(async () => {
    await new Promise((resolve) => jwksServer.close(resolve));
  });

  function sign(claims: Record<string, unknown>, kid = 'key-1') {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid })
      .setSubject('user-9')
      .setIssuer('https://idp.ledgerbus.test')
      .setExpirationTime('5m')
      .sign(privateKey);
  }

  it('accepts an RS256 token whose key is in the JWKS and rejects a wrong issuer', async () => {
    const app = await buildAuthApp({ jwksUrl, issuer: 'https://idp.ledgerbus.test' });
    const ok = await app.inject({
      method: 'PUT',
      url: '/settings',
      headers: { authorization: `Bearer ${await sign({ tenant: 't-9', role: 'owner' })}` },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().principal).toEqual({ sub: 'user-9', tenant: 't-9', role: 'owner', svc: false });

    const strict = await buildAuthApp({ jwksUrl, issuer: 'https://other-idp.test' });
    const rejected = await strict.inject({
      method: 'PUT',
      url: '/settings',
      headers: { authorization: `Bearer ${await sign({ tenant: 't-9', role: 'owner' })}` },
    });
    expect(rejected.statusCode).toBe(401);
    expect(rejected.json().error.code).toBe('unauthorized');
    await Promise.all([app.close(), strict.close()]);
  });

  it('rejects a token signed by a key that is not in the JWKS', async () => {
    const app = await buildAuthApp({ jwksUrl });
    const res = await app.inject({
      method: 'GET',
      url: '/me',
      headers: { authorization: `Bearer ${await sign({ tenant: 't-9', role: 'owner' }, 'key-unknown')}` },
    });
    expect(res.statusCode).toBe(401);
    await app.close();
  });
});

describe('JWT auth when the JWKS endpoint is down', () => {
  it('answers 503 auth_unavailable instead of blaming the caller', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));

    const app = await buildAuthApp({ jwksUrl: `http://127.0.0.1:${port}/jwks.json` });
    const { privateKey } = await generateKeyPair('RS256');
    const token = await new SignJWT({ tenant: 't', role: 'owner' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k' })
      .setSubject('u')
      .setExpirationTime('5m')
      .sign(privateKey);
    const res = await app.inject({ method: 'GET', url: '/me', headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe('auth_unavailable');
    await app.close();
  });
});
