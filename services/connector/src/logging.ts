/**
 * What the connector's logger censors besides kit's secret keys: the `intuit-signature` header and
 * the OAuth `state`, anywhere; the OAuth authorization `code` only where it is one (a query object),
 * so error `code`s (`invalid_grant`, `qbo_auth` …) stay readable. Request URLs are censored by kit
 * (`code` and `state` query parameters).
 */
import type { CreateLoggerOptions } from '@ledgerbus/kit';

export const CONNECTOR_LOG_REDACTION: Pick<CreateLoggerOptions, 'redactKeys' | 'redactPaths'> = {
  redactKeys: ['intuit-signature', 'state'],
  redactPaths: ['query.code', '*.query.code', '*.*.query.code'],
};
