/**
 * Generated from services/connector/openapi.json by `npm run generate:api -w @ledgerbus/console`. Do not edit.
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
        get: {
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
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
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
        get: {
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
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Disconnect: revoke at Intuit (best effort), destroy the tokens; webhooks and CDC for the company stop, pushes to QBO fail until a new connection */
        delete: {
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
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
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
        post: {
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
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
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
        get: {
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
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
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
        get: {
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
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
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
        get: {
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
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
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
        post: {
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
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
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
        post: {
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
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
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
export type operations = Record<string, never>;
