/**
 * Generated from services/connector/openapi.json by `npm run generate:api -w @ledgerbus/client`. Do not edit.
 */
export interface paths {
    "/v1/tenants/{tenant}/connection/connect-url": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Intuit's authorize URL for this tenant (and division), with a single-use, expiring state bound to this browser by an HttpOnly cookie (sent back to the callback); `realmId` makes the callback refuse any other company; `redirect=true` answers 302 */
        get: operations["getConnectUrl"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant}/connection": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The connection: company, realm, status, who connected and when, last webhook, CDC watermark, last sync per entity */
        get: operations["getConnection"];
        put?: never;
        post?: never;
        /** Disconnect (the account owner only): revoke at Intuit (best effort), destroy the tokens; webhooks and CDC for the company stop, pushes to QBO fail until a new connection */
        delete: operations["disconnect"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant}/connection/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Poll CDC now (after a gap or an outage) instead of waiting for the schedule */
        post: operations["pollChangesNow"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant}/connection/webhook-failures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Entities named by a webhook that could not be fetched (newest first, at most 100): entity, id, operation and reason (`unsupported_entity`, `invalid_entity`, `not_found`, `invalid_id`); the rest of their delivery went through, and CDC catches up */
        get: operations["listWebhookFailures"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant}/connection/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Connection changes, newest first, with the acting user or service account */
        get: operations["listConnectionAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/oauth/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Intuit's OAuth redirect: consumes the state (once, unexpired, with the cookie of the browser that asked for the connect URL; 400 invalid_oauth_state otherwise) before exchanging the code, reads CompanyInfo and stores the connection */
        get: operations["completeOAuth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/internal/v1/realms/{realmId}/access-token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A valid access token for a realm (refreshed proactively, single-flight across replicas); service accounts only */
        post: operations["getAccessToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant}/qbo-usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's QBO calls by Intuit metering class (Core writes, CorePlus reads) this month and this minute, per realm with its per-minute budget now, and the month's reads against the deployment's monthly quota with a forecast to month end */
        get: operations["getTenantQboUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/qbo-usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The whole deployment's QBO calls by metering class this month and this minute, the realms with the most reads and their per-minute budgets, the month's reads against the monthly quota with a forecast, and the 80 %/95 % thresholds crossed; platform service accounts only */
        get: operations["getDeploymentQboUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/intuit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Intuit's webhook endpoint (legacy eventNotifications, a CloudEvents array, or one CloudEvent with application/cloudevents+json), signed with intuit-signature */
        post: operations["receiveIntuitWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getConnectUrl: {
        parameters: {
            query?: {
                division?: string;
                redirect?: "true" | "false";
                realmId?: string;
            };
            header?: never;
            path: {
                tenant: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        url: string;
                        expiresAt: string;
                    };
                };
            };
            /** @description Default Response */
            302: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the error */
                        error: {
                            /** @description stable snake_case error code, e.g. "validation_failed" or "not_found" */
                            code: string;
                            /** @description what went wrong, for people; no internals */
                            message: string;
                            /** @description more about it when there is more, e.g. the rejected fields of a 400 (where, dotted path, reason) */
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the error */
                        error: {
                            /** @description stable snake_case error code, e.g. "validation_failed" or "not_found" */
                            code: string;
                            /** @description what went wrong, for people; no internals */
                            message: string;
                            /** @description more about it when there is more, e.g. the rejected fields of a 400 (where, dotted path, reason) */
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the error */
                        error: {
                            /** @description stable snake_case error code, e.g. "validation_failed" or "not_found" */
                            code: string;
                            /** @description what went wrong, for people; no internals */
                            message: string;
                            /** @description more about it when there is more, e.g. the rejected fields of a 400 (where, dotted path, reason) */
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the error */
                        error: {
                            /** @description stable snake_case error code, e.g. "validation_failed" or "not_found" */
                            code: string;
                            /** @description what went wrong, for people; no internals */
                            message: string;
                            /** @description more about it when there is more, e.g. the rejected fields of a 400 (where, dotted path, reason) */
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    getConnection: {
        parameters: {
            query?: {
                division?: string;
            };
            header?: never;
            path: {
                tenant: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The current state of a tenant's (or division's) QBO connection; never carries a token. */
                        connection: {
                            /** @description the platform tenant's id (1-100 characters): the platform's own id of the customer account that connects a QBO company; events of a tenant are keyed by it */
                            tenantId: string;
                            /** @description the tenant's division, when the tenant connects one QBO company per division; absent = the tenant's own connection */
                            divisionId?: string;
                            /** @description the QBO company (realm) id, digits only, as Intuit gives it at connection */
                            realmId: string;
                            /** @description the QBO company name */
                            companyName: string;
                            /**
                             * @description connected; reauthorization_required (Intuit rejected the refresh token: an admin must connect again); disconnected
                             * @enum {string}
                             */
                            status: "connected" | "reauthorization_required" | "disconnected";
                            /** @description the user id of the admin who connected it */
                            connectedBy?: string;
                            /**
                             * Format: date-time
                             * @description when it was connected
                             */
                            connectedAt?: string;
                            /**
                             * Format: date-time
                             * @description when the last Intuit webhook for the realm arrived
                             */
                            lastWebhookAt?: string;
                            /**
                             * Format: date-time
                             * @description the CDC poll watermark: changes up to this time have been fetched
                             */
                            cdcWatermark?: string;
                            /** @description when each QBO entity type was last brought up to date (snapshot or CDC poll), e.g. { "Customer": "2026-03-01T10:00:00Z" } */
                            lastSyncByEntity?: {
                                [key: string]: string;
                            };
                            /** @description why the status is what it is (e.g. "refresh token rejected: invalid_grant"); never a token */
                            statusReason?: string;
                            /**
                             * Format: date-time
                             * @description when this state was written
                             */
                            updatedAt: string;
                        };
                    };
                };
            };
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the error */
                        error: {
                            /** @description stable snake_case error code, e.g. "validation_failed" or "not_found" */
                            code: string;
                            /** @description what went wrong, for people; no internals */
                            message: string;
                            /** @description more about it when there is more, e.g. the rejected fields of a 400 (where, dotted path, reason) */
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the error */
                        error: {
                            /** @description stable snake_case error code, e.g. "validation_failed" or "not_found" */
                            code: string;
                            /** @description what went wrong, for people; no internals */
                            message: string;
                            /** @description more about it when there is more, e.g. the rejected fields of a 400 (where, dotted path, reason) */
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the error */
                        error: {
                            /** @description stable snake_case error code, e.g. "validation_failed" or "not_found" */
                            code: string;
                            /** @description what went wrong, for people; no internals */
                            message: string;
                            /** @description more about it when there is more, e.g. the rejected fields of a 400 (where, dotted path, reason) */
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the error */
                        error: {
                            /** @description stable snake_case error code, e.g. "validation_failed" or "not_found" */
                            code: string;
                            /** @description what went wrong, for people; no internals */
                            message: string;
                            /** @description more about it when there is more, e.g. the rejected fields of a 400 (where, dotted path, reason) */
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    disconnect: {
        parameters: {
            query?: {
                division?: string;
            };
            header?: never;
            path: {
                tenant: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The current state of a tenant's (or division's) QBO connection; never carries a token. */
                        connection: {
                            /** @description the platform tenant's id (1-100 characters): the platform's own id of the customer account that connects a QBO company; events of a tenant are keyed by it */
                            tenantId: string;
                            /** @description the tenant's division, when the tenant connects one QBO company per division; absent = the tenant's own connection */
                            divisionId?: string;
                            /** @description the QBO company (realm) id, digits only, as Intuit gives it at connection */
                            realmId: string;
                            /** @description the QBO company name */
                            companyName: string;
                            /**
                             * @description connected; reauthorization_required (Intuit rejected the refresh token: an admin must connect again); disconnected
                             * @enum {string}
                             */
                            status: "connected" | "reauthorization_required" | "disconnected";
                            /** @description the user id of the admin who connected it */
                            connectedBy?: string;
                            /**
                             * Format: date-time
                             * @description when it was connected
                             */
                            connectedAt?: string;
                            /**
                             * Format: date-time
                             * @description when the last Intuit webhook for the realm arrived
                             */
                            lastWebhookAt?: string;
                            /**
                             * Format: date-time
                             * @description the CDC poll watermark: changes up to this time have been fetched
                             */
                            cdcWatermark?: string;
                            /** @description when each QBO entity type was last brought up to date (snapshot or CDC poll), e.g. { "Customer": "2026-03-01T10:00:00Z" } */
                            lastSyncByEntity?: {
                                [key: string]: string;
                            };
                            /** @description why the status is what it is (e.g. "refresh token rejected: invalid_grant"); never a token */
                            statusReason?: string;
                            /**
                             * Format: date-time
                             * @description when this state was written
                             */
                            updatedAt: string;
                        };
                        revoke: string;
                    };
                };
            };
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the error */
                        error: {
                            /** @description stable snake_case error code, e.g. "validation_failed" or "not_found" */
                            code: string;
                            /** @description what went wrong, for people; no internals */
                            message: string;
                            /** @description more about it when there is more, e.g. the rejected fields of a 400 (where, dotted path, reason) */
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the error */
                        error: {
                            /** @description stable snake_case error code, e.g. "validation_failed" or "not_found" */
                            code: string;
                            /** @description what went wrong, for people; no internals */
                            message: string;
                            /** @description more about it when there is more, e.g. the rejected fields of a 400 (where, dotted path, reason) */
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the error */
                        error: {
                            /** @description stable snake_case error code, e.g. "validation_failed" or "not_found" */
                            code: string;
                            /** @description what went wrong, for people; no internals */
                            message: string;
                            /** @description more about it when there is more, e.g. the rejected fields of a 400 (where, dotted path, reason) */
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the error */
                        error: {
                            /** @description stable snake_case error code, e.g. "validation_failed" or "not_found" */
                            code: string;
                            /** @description what went wrong, for people; no internals */
                            message: string;
                            /** @description more about it when there is more, e.g. the rejected fields of a 400 (where, dotted path, reason) */
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    pollChangesNow: {
        parameters: {
            query?: {
                division?: string;
            };
            header?: never;
            path: {
                tenant: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        polled: boolean;
                        published?: number;
                    };
                };
            };
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the error */
                        error: {
                            /** @description stable snake_case error code, e.g. "validation_failed" or "not_found" */
                            code: string;
                            /** @description what went wrong, for people; no internals */
                            message: string;
                            /** @description more about it when there is more, e.g. the rejected fields of a 400 (where, dotted path, reason) */
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the error */
                        error: {
                            /** @description stable snake_case error code, e.g. "validation_failed" or "not_found" */
                            code: string;
                            /** @description what went wrong, for people; no internals */
                            message: string;
                            /** @description more about it when there is more, e.g. the rejected fields of a 400 (where, dotted path, reason) */
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the error */
                        error: {
                            /** @description stable snake_case error code, e.g. "validation_failed" or "not_found" */
                            code: string;
                            /** @description what went wrong, for people; no internals */
                            message: string;
                            /** @description more about it when there is more, e.g. the rejected fields of a 400 (where, dotted path, reason) */
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the error */
                        error: {
                            /** @description stable snake_case error code, e.g. "validation_failed" or "not_found" */
                            code: string;
                            /** @description what went wrong, for people; no internals */
                            message: string;
                            /** @description more about it when there is more, e.g. the rejected fields of a 400 (where, dotted path, reason) */
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    listWebhookFailures: {
        parameters: {
            query?: {
                division?: string;
            };
            header?: never;
            path: {
                tenant: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        failures: {
                            realmId: string;
                            entity: string;
                            entityId: string;
                            operation: string;
                            /** @enum {string} */
                            reason: "unsupported_entity" | "invalid_entity" | "not_found" | "invalid_id";
                            errorCode?: string;
                            at: string;
                        }[];
                    };
                };
            };
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the error */
                        error: {
                            /** @description stable snake_case error code, e.g. "validation_failed" or "not_found" */
                            code: string;
                            /** @description what went wrong, for people; no internals */
                            message: string;
                            /** @description more about it when there is more, e.g. the rejected fields of a 400 (where, dotted path, reason) */
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the error */
                        error: {
                            /** @description stable snake_case error code, e.g. "validation_failed" or "not_found" */
                            code: string;
                            /** @description what went wrong, for people; no internals */
                            message: string;
                            /** @description more about it when there is more, e.g. the rejected fields of a 400 (where, dotted path, reason) */
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the error */
                        error: {
                            /** @description stable snake_case error code, e.g. "validation_failed" or "not_found" */
                            code: string;
                            /** @description what went wrong, for people; no internals */
                            message: string;
                            /** @description more about it when there is more, e.g. the rejected fields of a 400 (where, dotted path, reason) */
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the error */
                        error: {
                            /** @description stable snake_case error code, e.g. "validation_failed" or "not_found" */
                            code: string;
                            /** @description what went wrong, for people; no internals */
                            message: string;
                            /** @description more about it when there is more, e.g. the rejected fields of a 400 (where, dotted path, reason) */
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    listConnectionAudit: {
        parameters: {
            query?: {
                division?: string;
            };
            header?: never;
            path: {
                tenant: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        entries: {
                            id: string;
                            divisionId?: string;
                            realmId?: string;
                            actor: string;
                            action: string;
                            details: {
                                [key: string]: unknown;
                            };
                            at: string;
                        }[];
                    };
                };
            };
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the error */
                        error: {
                            /** @description stable snake_case error code, e.g. "validation_failed" or "not_found" */
                            code: string;
                            /** @description what went wrong, for people; no internals */
                            message: string;
                            /** @description more about it when there is more, e.g. the rejected fields of a 400 (where, dotted path, reason) */
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the error */
                        error: {
                            /** @description stable snake_case error code, e.g. "validation_failed" or "not_found" */
                            code: string;
                            /** @description what went wrong, for people; no internals */
                            message: string;
                            /** @description more about it when there is more, e.g. the rejected fields of a 400 (where, dotted path, reason) */
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the error */
                        error: {
                            /** @description stable snake_case error code, e.g. "validation_failed" or "not_found" */
                            code: string;
                            /** @description what went wrong, for people; no internals */
                            message: string;
                            /** @description more about it when there is more, e.g. the rejected fields of a 400 (where, dotted path, reason) */
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the error */
                        error: {
                            /** @description stable snake_case error code, e.g. "validation_failed" or "not_found" */
                            code: string;
                            /** @description what went wrong, for people; no internals */
                            message: string;
                            /** @description more about it when there is more, e.g. the rejected fields of a 400 (where, dotted path, reason) */
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    completeOAuth: {
        parameters: {
            query?: {
                code?: string;
                state?: string;
                realmId?: string;
                error?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The current state of a tenant's (or division's) QBO connection; never carries a token. */
                        connection: {
                            /** @description the platform tenant's id (1-100 characters): the platform's own id of the customer account that connects a QBO company; events of a tenant are keyed by it */
                            tenantId: string;
                            /** @description the tenant's division, when the tenant connects one QBO company per division; absent = the tenant's own connection */
                            divisionId?: string;
                            /** @description the QBO company (realm) id, digits only, as Intuit gives it at connection */
                            realmId: string;
                            /** @description the QBO company name */
                            companyName: string;
                            /**
                             * @description connected; reauthorization_required (Intuit rejected the refresh token: an admin must connect again); disconnected
                             * @enum {string}
                             */
                            status: "connected" | "reauthorization_required" | "disconnected";
                            /** @description the user id of the admin who connected it */
                            connectedBy?: string;
                            /**
                             * Format: date-time
                             * @description when it was connected
                             */
                            connectedAt?: string;
                            /**
                             * Format: date-time
                             * @description when the last Intuit webhook for the realm arrived
                             */
                            lastWebhookAt?: string;
                            /**
                             * Format: date-time
                             * @description the CDC poll watermark: changes up to this time have been fetched
                             */
                            cdcWatermark?: string;
                            /** @description when each QBO entity type was last brought up to date (snapshot or CDC poll), e.g. { "Customer": "2026-03-01T10:00:00Z" } */
                            lastSyncByEntity?: {
                                [key: string]: string;
                            };
                            /** @description why the status is what it is (e.g. "refresh token rejected: invalid_grant"); never a token */
                            statusReason?: string;
                            /**
                             * Format: date-time
                             * @description when this state was written
                             */
                            updatedAt: string;
                        };
                        reconnected: boolean;
                    };
                };
            };
            /** @description Default Response */
            302: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the error */
                        error: {
                            /** @description stable snake_case error code, e.g. "validation_failed" or "not_found" */
                            code: string;
                            /** @description what went wrong, for people; no internals */
                            message: string;
                            /** @description more about it when there is more, e.g. the rejected fields of a 400 (where, dotted path, reason) */
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the error */
                        error: {
                            /** @description stable snake_case error code, e.g. "validation_failed" or "not_found" */
                            code: string;
                            /** @description what went wrong, for people; no internals */
                            message: string;
                            /** @description more about it when there is more, e.g. the rejected fields of a 400 (where, dotted path, reason) */
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    getAccessToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the QBO company (realm) id, digits only, as Intuit gives it at connection */
                realmId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description true refreshes the token even when the current one is still valid (e.g. after QBO refused it) */
                    forceRefresh?: boolean;
                } | null;
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        realmId: string;
                        accessToken: string;
                        expiresAt: string;
                    };
                };
            };
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the error */
                        error: {
                            /** @description stable snake_case error code, e.g. "validation_failed" or "not_found" */
                            code: string;
                            /** @description what went wrong, for people; no internals */
                            message: string;
                            /** @description more about it when there is more, e.g. the rejected fields of a 400 (where, dotted path, reason) */
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the error */
                        error: {
                            /** @description stable snake_case error code, e.g. "validation_failed" or "not_found" */
                            code: string;
                            /** @description what went wrong, for people; no internals */
                            message: string;
                            /** @description more about it when there is more, e.g. the rejected fields of a 400 (where, dotted path, reason) */
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the error */
                        error: {
                            /** @description stable snake_case error code, e.g. "validation_failed" or "not_found" */
                            code: string;
                            /** @description what went wrong, for people; no internals */
                            message: string;
                            /** @description more about it when there is more, e.g. the rejected fields of a 400 (where, dotted path, reason) */
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the error */
                        error: {
                            /** @description stable snake_case error code, e.g. "validation_failed" or "not_found" */
                            code: string;
                            /** @description what went wrong, for people; no internals */
                            message: string;
                            /** @description more about it when there is more, e.g. the rejected fields of a 400 (where, dotted path, reason) */
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the error */
                        error: {
                            /** @description stable snake_case error code, e.g. "validation_failed" or "not_found" */
                            code: string;
                            /** @description what went wrong, for people; no internals */
                            message: string;
                            /** @description more about it when there is more, e.g. the rejected fields of a 400 (where, dotted path, reason) */
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    getTenantQboUsage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenant: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        tenantId: string;
                        at: string;
                        /** @description calendar month (UTC), YYYY-MM */
                        month: string;
                        thisMonth: {
                            /** @description Core calls (writes: create, update, delete, void, send; free) */
                            core: number;
                            /** @description CorePlus calls (reads: by id, queries, reports, CDC; metered) */
                            corePlus: number;
                        };
                        thisMinute: {
                            /** @description Core calls (writes: create, update, delete, void, send; free) */
                            core: number;
                            /** @description CorePlus calls (reads: by id, queries, reports, CDC; metered) */
                            corePlus: number;
                        };
                        realms: {
                            realmId: string;
                            divisionId?: string;
                            thisMonth: {
                                /** @description Core calls (writes: create, update, delete, void, send; free) */
                                core: number;
                                /** @description CorePlus calls (reads: by id, queries, reports, CDC; metered) */
                                corePlus: number;
                            };
                            thisMinute: {
                                /** @description Core calls (writes: create, update, delete, void, send; free) */
                                core: number;
                                /** @description CorePlus calls (reads: by id, queries, reports, CDC; metered) */
                                corePlus: number;
                            };
                            /** @description the realm's rate-limit windows now (Intuit: 10/s, 500/min, 120 batch calls/min) */
                            budget: {
                                /** @description per_second, per_minute or batch_per_minute */
                                name: string;
                                windowMs: number;
                                limit: number;
                                /** @description requests granted in the window now, by every service and replica */
                                used: number;
                                remaining: number;
                            }[];
                        }[];
                        quota: {
                            /** @description QBO_MONTHLY_READ_QUOTA: CorePlus calls a month for the whole deployment */
                            monthlyReadQuota: number;
                            deploymentReads: number;
                            deploymentPercent: number;
                            /** @description linear forecast at month end from the pace so far */
                            deploymentForecastReads: number;
                            deploymentForecastPercent: number;
                            monthEndsAt: string;
                            tenantReads: number;
                            /** @description the tenant's reads as a share of the deployment's monthly quota, in percent */
                            tenantPercent: number;
                            tenantForecastReads: number;
                        };
                    };
                };
            };
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the error */
                        error: {
                            /** @description stable snake_case error code, e.g. "validation_failed" or "not_found" */
                            code: string;
                            /** @description what went wrong, for people; no internals */
                            message: string;
                            /** @description more about it when there is more, e.g. the rejected fields of a 400 (where, dotted path, reason) */
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the error */
                        error: {
                            /** @description stable snake_case error code, e.g. "validation_failed" or "not_found" */
                            code: string;
                            /** @description what went wrong, for people; no internals */
                            message: string;
                            /** @description more about it when there is more, e.g. the rejected fields of a 400 (where, dotted path, reason) */
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the error */
                        error: {
                            /** @description stable snake_case error code, e.g. "validation_failed" or "not_found" */
                            code: string;
                            /** @description what went wrong, for people; no internals */
                            message: string;
                            /** @description more about it when there is more, e.g. the rejected fields of a 400 (where, dotted path, reason) */
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    getDeploymentQboUsage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        at: string;
                        month: string;
                        thisMonth: {
                            /** @description Core calls (writes: create, update, delete, void, send; free) */
                            core: number;
                            /** @description CorePlus calls (reads: by id, queries, reports, CDC; metered) */
                            corePlus: number;
                        };
                        thisMinute: {
                            /** @description Core calls (writes: create, update, delete, void, send; free) */
                            core: number;
                            /** @description CorePlus calls (reads: by id, queries, reports, CDC; metered) */
                            corePlus: number;
                        };
                        /** @description realms with calls this month, most reads first (at most 100) */
                        realms: {
                            realmId: string;
                            thisMonth: {
                                /** @description Core calls (writes: create, update, delete, void, send; free) */
                                core: number;
                                /** @description CorePlus calls (reads: by id, queries, reports, CDC; metered) */
                                corePlus: number;
                            };
                            thisMinute: {
                                /** @description Core calls (writes: create, update, delete, void, send; free) */
                                core: number;
                                /** @description CorePlus calls (reads: by id, queries, reports, CDC; metered) */
                                corePlus: number;
                            };
                            /** @description the realm's rate-limit windows now (Intuit: 10/s, 500/min, 120 batch calls/min) */
                            budget: {
                                /** @description per_second, per_minute or batch_per_minute */
                                name: string;
                                windowMs: number;
                                limit: number;
                                /** @description requests granted in the window now, by every service and replica */
                                used: number;
                                remaining: number;
                            }[];
                        }[];
                        realmsWithCalls: number;
                        quota: {
                            /** @description QBO_MONTHLY_READ_QUOTA: CorePlus calls a month for the whole deployment */
                            monthlyReadQuota: number;
                            deploymentReads: number;
                            deploymentPercent: number;
                            /** @description linear forecast at month end from the pace so far */
                            deploymentForecastReads: number;
                            deploymentForecastPercent: number;
                            monthEndsAt: string;
                        };
                        thresholds: {
                            percent: number;
                            crossedAt?: string;
                        }[];
                    };
                };
            };
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the error */
                        error: {
                            /** @description stable snake_case error code, e.g. "validation_failed" or "not_found" */
                            code: string;
                            /** @description what went wrong, for people; no internals */
                            message: string;
                            /** @description more about it when there is more, e.g. the rejected fields of a 400 (where, dotted path, reason) */
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the error */
                        error: {
                            /** @description stable snake_case error code, e.g. "validation_failed" or "not_found" */
                            code: string;
                            /** @description what went wrong, for people; no internals */
                            message: string;
                            /** @description more about it when there is more, e.g. the rejected fields of a 400 (where, dotted path, reason) */
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the error */
                        error: {
                            /** @description stable snake_case error code, e.g. "validation_failed" or "not_found" */
                            code: string;
                            /** @description what went wrong, for people; no internals */
                            message: string;
                            /** @description more about it when there is more, e.g. the rejected fields of a 400 (where, dotted path, reason) */
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    receiveIntuitWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        received: number;
                    };
                };
            };
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the error */
                        error: {
                            /** @description stable snake_case error code, e.g. "validation_failed" or "not_found" */
                            code: string;
                            /** @description what went wrong, for people; no internals */
                            message: string;
                            /** @description more about it when there is more, e.g. the rejected fields of a 400 (where, dotted path, reason) */
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the error */
                        error: {
                            /** @description stable snake_case error code, e.g. "validation_failed" or "not_found" */
                            code: string;
                            /** @description what went wrong, for people; no internals */
                            message: string;
                            /** @description more about it when there is more, e.g. the rejected fields of a 400 (where, dotted path, reason) */
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the error */
                        error: {
                            /** @description stable snake_case error code, e.g. "validation_failed" or "not_found" */
                            code: string;
                            /** @description what went wrong, for people; no internals */
                            message: string;
                            /** @description more about it when there is more, e.g. the rejected fields of a 400 (where, dotted path, reason) */
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
}
