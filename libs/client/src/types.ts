/**
 * The request and answer shapes of the client, taken from the generated OpenAPI types
 * (src/generated, `npm run generate:api -w @ledgerbus/client`): nothing here is written by hand.
 */
import type { operations as IngestOperations } from './generated/ingest';
import type { paths as MappingPaths } from './generated/mapping';
import type { operations as WebhooksOperations } from './generated/webhooks';

type JsonBody<Op> = Op extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;
type JsonAnswer<Op, Status extends number> = Op extends { responses: { [S in Status]: { content: { 'application/json': infer A } } } } ? A : never;
type Single<B> = Exclude<B, { records: unknown }>;

/** A customer as `POST /v1/tenants/{t}/customers` takes it (`version` optional: the service assigns the next one). */
export type CustomerInput = Single<JsonBody<IngestOperations['ingestCustomers']>>;
export type InvoiceInput = Single<JsonBody<IngestOperations['ingestInvoices']>>;
export type PaymentInput = Single<JsonBody<IngestOperations['ingestPayments']>>;
/** The body of a void: `{ divisionId?, version? }`. */
export type VoidInput = JsonBody<IngestOperations['voidInvoice']>;

/** The 202 answer of an upsert, void or delete: each record accepted (with its version and status URL) or rejected (index, field, code). */
export type IngestResult = JsonAnswer<IngestOperations['ingestInvoices'], 202>;
export type AcceptedRecord = IngestResult['accepted'][number];
export type RejectedRecord = IngestResult['rejected'][number];

/** `GET …/records/{entity}/{platformId}`. */
export type RecordStatus = JsonAnswer<IngestOperations['getRecordStatus'], 200>;
export type RecordEntity = RecordStatus['entity'];
export type RecordState = RecordStatus['state'];

/** A sync run (`POST`/`GET /v1/tenants/{t}/sync-runs…` of the mapping service: the settings API has no operationIds yet, so by path). */
export type SyncRun = JsonAnswer<MappingPaths['/v1/tenants/{tenant}/sync-runs']['post'], 202>;
export type SyncRunList = JsonAnswer<MappingPaths['/v1/tenants/{tenant}/sync-runs']['get'], 200>;
export type SyncRunDetail = JsonAnswer<MappingPaths['/v1/tenants/{tenant}/sync-runs/{runId}']['get'], 200>;

export type WebhookEndpointInput = JsonBody<WebhooksOperations['createWebhookEndpoint']>;
export type WebhookEndpointUpdate = JsonBody<WebhooksOperations['updateWebhookEndpoint']>;
export type CreatedWebhookEndpoint = JsonAnswer<WebhooksOperations['createWebhookEndpoint'], 201>;
export type WebhookEndpoint = JsonAnswer<WebhooksOperations['getWebhookEndpoint'], 200>;
export type WebhookEndpointList = JsonAnswer<WebhooksOperations['listWebhookEndpoints'], 200>;
export type RotatedSecret = JsonAnswer<WebhooksOperations['rotateWebhookEndpointSecret'], 200>;
export type WebhookDeliveryList = JsonAnswer<WebhooksOperations['listWebhookDeliveries'], 200>;
export type WebhookDelivery = JsonAnswer<WebhooksOperations['getWebhookDelivery'], 200>;
export type WebhookReplayInput = JsonBody<WebhooksOperations['replayWebhookEvents']>;
export type WebhookReplayResult = JsonAnswer<WebhooksOperations['replayWebhookEvents'], 202>;
