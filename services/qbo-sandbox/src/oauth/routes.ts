/**
 * The HTTP surface of the sandbox identity platform, at Intuit's paths:
 *   GET/POST /connect/oauth2                      authorize (consent page, redirect with code)
 *   POST     /oauth2/v1/tokens/bearer             token (authorization_code, refresh_token)
 *   POST     /v2/oauth2/tokens/revoke             revoke (JSON or form body)
 *   GET      /v1/openid_connect/userinfo          userinfo (Bearer)
 *   GET      /.well-known/openid_configuration/   discovery (and the sandbox variant)
 *   GET      /op/v1/jwks                          keys of the id_token signature
 * and the admin routes under /_sandbox/oauth/.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { CompanyDirectory, CompanySummary } from '../types';
import { renderConsentPage, renderErrorPage } from './consent-page';
import type { IdTokenKeys } from './id-token';
import type { OAuthSettings } from './settings';
import { OAuthProtocolError, userSub } from './tokens';
import type { IssuedTokens, TokenAuthority } from './tokens';

export const OAUTH_PATHS = {
  authorize: '/connect/oauth2',
  token: '/oauth2/v1/tokens/bearer',
  revoke: '/v2/oauth2/tokens/revoke',
  userinfo: '/v1/openid_connect/userinfo',
  jwks: '/op/v1/jwks',
  discovery: '/.well-known/openid_configuration/',
  discoverySandbox: '/.well-known/openid_sandbox_configuration/',
} as const;

const FORM = 'application/x-www-form-urlencoded';

type Params = Record<string, string | undefined>;

export interface RouteDeps {
  authority: TokenAuthority;
  directory: CompanyDirectory;
  settings: OAuthSettings;
  keys: IdTokenKeys;
}

function intuitTid(): string {
  return `1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
}

function asParams(value: unknown): Params {
  if (!value || typeof value !== 'object') return {};
  const out: Params = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v) && typeof v[0] === 'string') out[k] = v[0];
  }
  return out;
}

function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  if (!header || !/^basic /i.test(header)) return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

function sendOAuthError(reply: FastifyReply, err: OAuthProtocolError): FastifyReply {
  if (err.statusCode === 401) reply.header('www-authenticate', 'Basic realm="Intuit"');
  return reply.code(err.statusCode).send({ error: err.oauthError, error_description: err.message });
}

function baseUrl(request: FastifyRequest, settings: OAuthSettings): string {
  return (settings.publicBaseUrl ?? `${request.protocol}://${request.host}`).replace(/\/$/, '');
}

export function registerOAuthRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { authority, directory, settings, keys } = deps;

  if (!app.hasContentTypeParser(FORM)) {
    app.addContentTypeParser(FORM, { parseAs: 'string' }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
  }
  app.addHook('onSend', async (_request, reply, payload) => {
    if (!reply.hasHeader('intuit_tid')) reply.header('intuit_tid', intuitTid());
    return payload;
  });

  // ---- authorize ---------------------------------------------------------------------------

  const companiesFor = (email: string | undefined): CompanySummary[] =>
    directory.listCompanies().filter((c) => email === undefined || c.ownerEmail.toLowerCase() === email.toLowerCase());

  const redirectWith = (reply: FastifyReply, redirectUri: string, params: Record<string, string | undefined>): FastifyReply => {
    const url = new URL(redirectUri);
    for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
    return reply.redirect(url.toString(), 302);
  };

  const htmlError = (reply: FastifyReply, message: string): FastifyReply =>
    reply.code(400).type('text/html; charset=utf-8').send(renderErrorPage(message));

  const authorize = (request: FastifyRequest, reply: FastifyReply, p: Params, decision: 'show' | 'authorize' | 'cancel'): FastifyReply => {
    const clientId = p.client_id;
    const client = clientId ? authority.getClient(clientId) : undefined;
    if (!client) return htmlError(reply, 'Invalid client_id: the app is not registered.');
    const redirectUri = p.redirect_uri;
    if (!redirectUri || !client.redirectUris.includes(redirectUri)) {
      return htmlError(
        reply,
        "The redirect_uri query parameter value is invalid. Make sure it is listed in the Redirect URIs section on your app's keys tab and matches it exactly.",
      );
    }
    const state = p.state;
    if (p.response_type !== 'code') return redirectWith(reply, redirectUri, { error: 'unsupported_response_type', state });
    const scopes = (p.scope ?? '').split(/[\s+]+/).filter(Boolean);
    if (scopes.length === 0 || scopes.some((s) => !settings.supportedScopes.includes(s))) {
      return redirectWith(reply, redirectUri, { error: 'invalid_scope', state });
    }
    if (decision === 'cancel') return redirectWith(reply, redirectUri, { error: 'access_denied', state });

    const userEmail = p.sandbox_user ?? settings.signedInUserEmail;
    const companies = companiesFor(userEmail);
    let realmId: string | undefined;
    if (decision === 'authorize') {
      realmId = p.realmId;
    } else {
      const auto = p.sandbox_auto_approve ?? (settings.autoApprove === false ? undefined : String(settings.autoApprove));
      if (auto === undefined || auto === '0' || auto === 'false') {
        const params: Record<string, string> = {};
        for (const key of ['client_id', 'response_type', 'scope', 'redirect_uri', 'state', 'sandbox_user']) {
          const v = p[key];
          if (v !== undefined) params[key] = v;
        }
        return reply
          .type('text/html; charset=utf-8')
          .send(renderConsentPage({ action: OAUTH_PATHS.authorize, appName: client.appName ?? client.clientId, userEmail, companies, params }));
      }
      realmId = auto === '1' || auto === 'true' ? companies[0]?.realmId : auto;
    }
    const company = realmId === undefined ? undefined : companies.find((c) => c.realmId === realmId);
    if (!company) return htmlError(reply, 'Choose one of your companies to connect.');
    const code = authority.issueCode({ clientId: client.clientId, redirectUri, realmId: company.realmId, scopes, userEmail: company.ownerEmail });
    const grantsCompany = scopes.some((s) => s.startsWith('com.intuit.quickbooks.'));
    return redirectWith(reply, redirectUri, { code, state, realmId: grantsCompany ? company.realmId : undefined });
  };

  app.get(OAUTH_PATHS.authorize, async (request, reply) => authorize(request, reply, asParams(request.query), 'show'));
  app.post(OAUTH_PATHS.authorize, async (request, reply) => {
    const p = { ...asParams(request.query), ...asParams(request.body) };
    return authorize(request, reply, p, p.decision === 'authorize' ? 'authorize' : 'cancel');
  });

  // ---- token -------------------------------------------------------------------------------

  app.post(OAUTH_PATHS.token, async (request, reply) => {
    reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
    const body = asParams(request.body);
    const grantType = body.grant_type ?? '';
    const basic = basicCredentials(request.headers.authorization);
    const clientId = basic?.id ?? body.client_id;
    let realmId: string | undefined;
    try {
      if (!String(request.headers['content-type'] ?? '').toLowerCase().startsWith(FORM)) {
        throw new OAuthProtocolError('invalid_request', `Content-Type must be ${FORM}`);
      }
      const client = authority.authenticateClient(clientId, basic?.secret ?? body.client_secret);
      const hard = String(request.headers['x-include-refresh-token-hard-expires-in'] ?? '').toLowerCase() === 'true';
      let issued: IssuedTokens;
      if (grantType === 'authorization_code') {
        realmId = body.code ? authority.realmOfCode(body.code) : undefined;
        issued = authority.exchangeCode(client, body.code, body.redirect_uri, hard);
      } else if (grantType === 'refresh_token') {
        realmId = body.refresh_token ? authority.realmOfRefreshToken(body.refresh_token) : undefined;
        issued = authority.refresh(client, body.refresh_token, hard);
      } else if (grantType === '') {
        throw new OAuthProtocolError('invalid_request', 'Missing parameter: grant_type');
      } else {
        throw new OAuthProtocolError('unsupported_grant_type', `Unsupported grant_type ${grantType}`);
      }
      authority.recordCall({ grantType, clientId, realmId: issued.realmId, status: 200, error: undefined });
      return reply.code(200).send(issued.response);
    } catch (err) {
      if (!(err instanceof OAuthProtocolError)) throw err;
      authority.recordCall({ grantType, clientId, realmId, status: err.statusCode, error: err.oauthError });
      return sendOAuthError(reply, err);
    }
  });

  // ---- revoke ------------------------------------------------------------------------------

  app.post(OAUTH_PATHS.revoke, async (request, reply) => {
    const body = asParams(request.body);
    const basic = basicCredentials(request.headers.authorization);
    try {
      const client = authority.authenticateClient(basic?.id ?? body.client_id, basic?.secret ?? body.client_secret);
      authority.revokeToken(client, body.token);
      return reply.code(200).send();
    } catch (err) {
      if (!(err instanceof OAuthProtocolError)) throw err;
      return sendOAuthError(reply, err);
    }
  });

  // ---- userinfo, discovery, jwks -----------------------------------------------------------

  app.get(OAUTH_PATHS.userinfo, async (request, reply) => {
    const header = request.headers.authorization ?? '';
    const token = /^bearer /i.test(header) ? header.slice(7).trim() : '';
    const verified = token ? authority.verifyAccessToken(token) : undefined;
    if (!verified) {
      return reply.code(401).header('www-authenticate', 'Bearer error="invalid_token"').send({ error: 'invalid_token', error_description: 'Token invalid' });
    }
    if (!verified.scopes.includes('openid')) {
      return reply.code(403).send({ error: 'insufficient_scope', error_description: 'The openid scope is required' });
    }
    const email = verified.userEmail;
    const local = email.split('@')[0] ?? email;
    const [given, ...rest] = local.split(/[._-]/);
    const info: Record<string, unknown> = { sub: userSub(email) };
    if (verified.scopes.includes('email')) Object.assign(info, { email, emailVerified: true });
    if (verified.scopes.includes('profile')) {
      Object.assign(info, { givenName: capitalise(given ?? local), familyName: capitalise(rest.join(' ') || 'Sandbox') });
    }
    if (verified.scopes.includes('phone')) Object.assign(info, { phoneNumber: '+1 6505550100', phoneNumberVerified: false });
    if (verified.scopes.includes('address')) {
      Object.assign(info, { address: { streetAddress: '2700 Coast Ave', locality: 'Mountain View', region: 'CA', postalCode: '94043', country: 'US' } });
    }
    return reply.send(info);
  });

  const discovery = async (request: FastifyRequest) => {
    const base = baseUrl(request, settings);
    return {
      issuer: settings.issuer,
      authorization_endpoint: base + OAUTH_PATHS.authorize,
      token_endpoint: base + OAUTH_PATHS.token,
      userinfo_endpoint: base + OAUTH_PATHS.userinfo,
      revocation_endpoint: base + OAUTH_PATHS.revoke,
      jwks_uri: base + OAUTH_PATHS.jwks,
      response_types_supported: ['code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      scopes_supported: [...settings.supportedScopes],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
      claims_supported: ['aud', 'exp', 'iat', 'iss', 'realmid', 'sub'],
    };
  };
  for (const path of [OAUTH_PATHS.discovery, OAUTH_PATHS.discoverySandbox]) {
    app.get(path, discovery);
    app.get(path.replace(/\/$/, ''), discovery);
  }
  app.get(OAUTH_PATHS.jwks, async () => keys.jwks());

  registerAdminRoutes(app, deps);
}

function capitalise(s: string): string {
  return s.length === 0 ? s : s[0]!.toUpperCase() + s.slice(1);
}

const RegisterClientBody = z.object({
  clientId: z.string().min(1).optional(),
  clientSecret: z.string().min(1).optional(),
  redirectUris: z.array(z.string().url()).min(1),
  appName: z.string().optional(),
});

const IssueTokensBody = z.object({
  clientId: z.string().min(1).optional(),
  realmId: z.string().min(1),
  scopes: z.array(z.string()).default(['com.intuit.quickbooks.accounting']),
});

function badRequest(reply: FastifyReply, error: z.ZodError): FastifyReply {
  return reply.code(400).send({ error: { code: 'validation_failed', message: 'invalid body', details: error.issues } });
}

function registerAdminRoutes(app: FastifyInstance, { authority, directory, settings }: RouteDeps): void {
  const prefix = '/_sandbox/oauth';
  app.get(`${prefix}/clients`, async () => ({ clients: authority.listClients() }));
  app.post(`${prefix}/clients`, async (request, reply) => {
    const parsed = RegisterClientBody.safeParse(request.body);
    if (!parsed.success) return badRequest(reply, parsed.error);
    return reply.code(201).send(authority.registerClient(parsed.data));
  });
  app.get(`${prefix}/grants`, async (request) => {
    const q = asParams(request.query);
    return { grants: authority.listGrants({ realmId: q.realmId, clientId: q.clientId }) };
  });
  app.post<{ Params: { realmId: string } }>(`${prefix}/realms/:realmId/revoke`, async (request) => ({
    revoked: authority.revokeRealm(request.params.realmId),
  }));
  app.post<{ Params: { realmId: string } }>(`${prefix}/realms/:realmId/expire-access-tokens`, async (request) => ({
    expired: authority.expireAccessTokens(request.params.realmId),
  }));
  app.get(`${prefix}/token-calls`, async (request) => {
    const q = asParams(request.query);
    const outcome = q.outcome === 'success' || q.outcome === 'error' ? q.outcome : undefined;
    const calls = authority.tokenCalls({ grantType: q.grantType, realmId: q.realmId, clientId: q.clientId, outcome });
    return { count: calls.length, calls };
  });
  app.post(`${prefix}/tokens`, async (request, reply) => {
    const parsed = IssueTokensBody.safeParse(request.body ?? {});
    if (!parsed.success) return badRequest(reply, parsed.error);
    const company = directory.getCompany(parsed.data.realmId);
    if (!company) return reply.code(404).send({ error: { code: 'not_found', message: `no company ${parsed.data.realmId}` } });
    const clientId = parsed.data.clientId ?? settings.clients[0]?.clientId ?? '';
    try {
      const issued = authority.issueTokensDirectly({ clientId, realmId: company.realmId, scopes: parsed.data.scopes, userEmail: company.ownerEmail });
      return reply.code(201).send({ ...issued.response, realmId: issued.realmId });
    } catch (err) {
      if (!(err instanceof OAuthProtocolError)) throw err;
      return sendOAuthError(reply, err);
    }
  });
}
