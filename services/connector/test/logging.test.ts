import { Writable } from 'node:stream';
import { createHttpServer, createLogger, LedgerbusError } from '@ledgerbus/kit';
import { CONNECTOR_LOG_REDACTION } from '../src/logging';

class Lines extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.lines.push(chunk.toString('utf8'));
    done();
  }
  get text(): string {
    return this.lines.join('');
  }
}

describe("the connector's log redaction", () => {
  it('keeps error codes readable and hides the OAuth authorization code and state', async () => {
    const out = new Lines();
    const logger = createLogger({ name: 'connector', level: 'info', destination: out, ...CONNECTOR_LOG_REDACTION });
    logger.warn({ code: 'invalid_grant' }, 'could not revoke tokens of a refused connection');
    logger.warn({ realmId: '1', err: { code: 'qbo_auth', message: 'no' } }, 'poll failed');
    logger.info({ query: { code: 'AB11-authcode-secret', state: 'state-secret-1', realmId: '42' } }, 'callback query');
    logger.info({ req: { query: { code: 'AB11-authcode-nested' } } }, 'nested');
    logger.info({ req: { url: '/v1/oauth/callback?code=AB11-authcode-url&state=state-secret-2&realmId=42' } }, 'callback url');

    const text = out.text;
    expect(text).toContain('"code":"invalid_grant"');
    expect(text).toContain('"code":"qbo_auth"');
    expect(text).toContain('"realmId":"42"');
    for (const secret of ['AB11-authcode-secret', 'AB11-authcode-nested', 'AB11-authcode-url', 'state-secret-1', 'state-secret-2']) expect(text).not.toContain(secret);
    expect(text).toContain('"code":"[REDACTED]"');
  });

  it("shows the code of an HTTP error in the request log, and censors the callback URL's code", async () => {
    const out = new Lines();
    const logger = createLogger({ name: 'connector', level: 'info', destination: out, ...CONNECTOR_LOG_REDACTION });
    const app = await createHttpServer({ logger, name: 'connector', version: '0' });
    app.get('/v1/oauth/callback', async () => {
      throw new LedgerbusError('invalid_oauth_state', 'the OAuth state was already used', { statusCode: 400 });
    });
    const res = await app.inject({ method: 'GET', url: '/v1/oauth/callback?code=AB11-code-in-url&state=s1&realmId=42' });
    expect(res.statusCode).toBe(400);
    await app.close();
    const text = out.text;
    expect(text).toContain('"code":"invalid_oauth_state"');
    expect(text).toContain('code=[REDACTED]');
    expect(text).not.toContain('AB11-code-in-url');
  });
});
