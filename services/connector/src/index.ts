/** @ledgerbus/connector: connections, encrypted tokens, webhook intake, CDC and snapshots. */
export { createConnectorService, DEFAULT_SETTINGS, SERVICE_NAME, SERVICE_VERSION } from './app';
export type { ConnectorService, ConnectorServiceDeps } from './app';
export { DEFAULT_TOPICS, prefixedTopics } from './context';
export type { ConnectorSettings, ConnectorTopics } from './context';
export { createTokenKeyRing, generateTokenKey, parseTokenKeys } from './domain/token-crypto';
export type { TokenKeyRing } from './domain/token-crypto';
export { signOAuthState, verifyOAuthState } from './domain/oauth-state';
export { parseWebhookPayload, verifyWebhookSignature, webhookSignature } from './domain/webhook';
export type { ChangeNotification } from './domain/webhook';
export { createIntuitOAuth } from './intuit/intuit-oauth';
export type { IntuitEndpoints, IntuitOAuth, IntuitOAuthConfig } from './intuit/intuit-oauth';
