/**
 * Generated from services/webhooks/openapi.json by `npm run generate:api -w @ledgerbus/client`. Do not edit.
 */
export interface paths {
    "/v1/tenants/{tenant}/webhook-endpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The endpoints (never their secrets) */
        get: operations["listWebhookEndpoints"];
        put?: never;
        /** Register an endpoint; the answer carries its signing secret, shown this once */
        post: operations["createWebhookEndpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant}/webhook-endpoints/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One endpoint, with its failure run and whether it is disabled */
        get: operations["getWebhookEndpoint"];
        put?: never;
        post?: never;
        /** Delete the endpoint with its delivery log */
        delete: operations["deleteWebhookEndpoint"];
        options?: never;
        head?: never;
        /** Change the URL, event types, description, or enable / disable the endpoint */
        patch: operations["updateWebhookEndpoint"];
        trace?: never;
    };
    "/v1/tenants/{tenant}/webhook-endpoints/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Issue a new signing secret (shown this once); the previous one also signs for a grace period */
        post: operations["rotateWebhookEndpointSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-endpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Platform-wide (every tenant's events): the endpoints (never their secrets) */
        get: operations["listPlatformWebhookEndpoints"];
        put?: never;
        /** Platform-wide (every tenant's events): register an endpoint; the answer carries its signing secret, shown this once */
        post: operations["createPlatformWebhookEndpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-endpoints/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Platform-wide (every tenant's events): one endpoint, with its failure run and whether it is disabled */
        get: operations["getPlatformWebhookEndpoint"];
        put?: never;
        post?: never;
        /** Platform-wide (every tenant's events): delete the endpoint with its delivery log */
        delete: operations["deletePlatformWebhookEndpoint"];
        options?: never;
        head?: never;
        /** Platform-wide (every tenant's events): change the URL, event types, description, or enable / disable the endpoint */
        patch: operations["updatePlatformWebhookEndpoint"];
        trace?: never;
    };
    "/v1/webhook-endpoints/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Platform-wide (every tenant's events): issue a new signing secret (shown this once); the previous one also signs for a grace period */
        post: operations["rotatePlatformWebhookEndpointSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant}/webhook-endpoints/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The endpoint's delivery log, newest first: event, status, attempts, last status code and error */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant}/webhook-endpoints/{id}/deliveries/{deliveryId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One delivery with every attempt: time, status code, latency, error */
        get: operations["getWebhookDelivery"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant}/webhook-endpoints/{id}/deliveries/{deliveryId}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send one message again (same webhook-id), with a fresh round of attempts; a pending one is left as it is */
        post: operations["replayWebhookDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant}/webhook-endpoints/{id}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send again every event of a time range that the endpoint's event types take (also those that came while it was disabled), in their order */
        post: operations["replayWebhookEvents"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-endpoints/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Platform-wide (every tenant's events): the endpoint's delivery log, newest first: event, status, attempts, last status code and error */
        get: operations["listPlatformWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-endpoints/{id}/deliveries/{deliveryId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Platform-wide (every tenant's events): one delivery with every attempt: time, status code, latency, error */
        get: operations["getPlatformWebhookDelivery"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-endpoints/{id}/deliveries/{deliveryId}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Platform-wide (every tenant's events): send one message again (same webhook-id), with a fresh round of attempts; a pending one is left as it is */
        post: operations["replayPlatformWebhookDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-endpoints/{id}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Platform-wide (every tenant's events): send again every event of a time range that the endpoint's event types take (also those that came while it was disabled), in their order */
        post: operations["replayPlatformWebhookEvents"];
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
    listWebhookEndpoints: {
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
                        /** @description the endpoints */
                        items: {
                            /**
                             * Format: uuid
                             * @description the endpoint id
                             */
                            id: string;
                            /** @description where the events are POSTed */
                            url: string;
                            /** @description the note for people, if any */
                            description: string | null;
                            /** @description exact sync.events.v1 types or prefixes ("invoice.*"); empty = every event */
                            eventTypes: string[];
                            /** @description false while disabled: nothing is sent */
                            enabled: boolean;
                            /** @description consecutive_failures: disabled by the service after a run of failed attempts; manual: by an admin */
                            disabledReason: ("consecutive_failures" | "manual") | null;
                            /** @description when it was disabled (ISO 8601), while it is */
                            disabledAt: string | null;
                            /** @description failed attempts in a row since the last delivered one */
                            consecutiveFailures: number;
                            /** @description when the current run of failed attempts began (ISO 8601); null while deliveries succeed */
                            failingSince: string | null;
                            /** @description when the signing secret was last rotated (ISO 8601) */
                            secretRotatedAt: string | null;
                            /** @description until then deliveries are also signed with the secret before the last rotation */
                            previousSecretExpiresAt: string | null;
                            /** @description the user or service account that created it */
                            createdBy: string;
                            /** @description the user or service account that changed it last */
                            updatedBy: string;
                            /** @description when it was created (ISO 8601) */
                            createdAt: string;
                            /** @description when it was last changed (ISO 8601) */
                            updatedAt: string;
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
    createWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenant: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description http or https URL the events are POSTed to */
                    url: string;
                    /**
                     * @description exact sync.events.v1 types ("invoice.pushed") or prefixes ("invoice.*"); empty = every event
                     * @default []
                     */
                    eventTypes?: string[];
                    /** @description a note for people, e.g. what the endpoint is for (at most 500 characters) */
                    description?: string;
                    /**
                     * @description false creates it disabled: nothing is sent until it is enabled; default true
                     * @default true
                     */
                    enabled?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * Format: uuid
                         * @description the endpoint id
                         */
                        id: string;
                        /** @description where the events are POSTed */
                        url: string;
                        /** @description the note for people, if any */
                        description: string | null;
                        /** @description exact sync.events.v1 types or prefixes ("invoice.*"); empty = every event */
                        eventTypes: string[];
                        /** @description false while disabled: nothing is sent */
                        enabled: boolean;
                        /** @description consecutive_failures: disabled by the service after a run of failed attempts; manual: by an admin */
                        disabledReason: ("consecutive_failures" | "manual") | null;
                        /** @description when it was disabled (ISO 8601), while it is */
                        disabledAt: string | null;
                        /** @description failed attempts in a row since the last delivered one */
                        consecutiveFailures: number;
                        /** @description when the current run of failed attempts began (ISO 8601); null while deliveries succeed */
                        failingSince: string | null;
                        /** @description when the signing secret was last rotated (ISO 8601) */
                        secretRotatedAt: string | null;
                        /** @description until then deliveries are also signed with the secret before the last rotation */
                        previousSecretExpiresAt: string | null;
                        /** @description the user or service account that created it */
                        createdBy: string;
                        /** @description the user or service account that changed it last */
                        updatedBy: string;
                        /** @description when it was created (ISO 8601) */
                        createdAt: string;
                        /** @description when it was last changed (ISO 8601) */
                        updatedAt: string;
                        /** @description the signing secret (Standard Webhooks, "whsec_…"): shown only in this answer, store it now */
                        secret: string;
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
    getWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenant: string;
                id: string;
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
                        /**
                         * Format: uuid
                         * @description the endpoint id
                         */
                        id: string;
                        /** @description where the events are POSTed */
                        url: string;
                        /** @description the note for people, if any */
                        description: string | null;
                        /** @description exact sync.events.v1 types or prefixes ("invoice.*"); empty = every event */
                        eventTypes: string[];
                        /** @description false while disabled: nothing is sent */
                        enabled: boolean;
                        /** @description consecutive_failures: disabled by the service after a run of failed attempts; manual: by an admin */
                        disabledReason: ("consecutive_failures" | "manual") | null;
                        /** @description when it was disabled (ISO 8601), while it is */
                        disabledAt: string | null;
                        /** @description failed attempts in a row since the last delivered one */
                        consecutiveFailures: number;
                        /** @description when the current run of failed attempts began (ISO 8601); null while deliveries succeed */
                        failingSince: string | null;
                        /** @description when the signing secret was last rotated (ISO 8601) */
                        secretRotatedAt: string | null;
                        /** @description until then deliveries are also signed with the secret before the last rotation */
                        previousSecretExpiresAt: string | null;
                        /** @description the user or service account that created it */
                        createdBy: string;
                        /** @description the user or service account that changed it last */
                        updatedBy: string;
                        /** @description when it was created (ISO 8601) */
                        createdAt: string;
                        /** @description when it was last changed (ISO 8601) */
                        updatedAt: string;
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
    deleteWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenant: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
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
    updateWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenant: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description a new http or https URL the events are POSTed to */
                    url?: string;
                    /** @description exact sync.events.v1 types ("invoice.pushed") or prefixes ("invoice.*"); empty = every event */
                    eventTypes?: string[];
                    /** @description a new note for people; null removes it */
                    description?: string | null;
                    /** @description true enables the endpoint again (its failure run starts from zero); false disables it and gives up its pending deliveries */
                    enabled?: boolean;
                };
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
                        /**
                         * Format: uuid
                         * @description the endpoint id
                         */
                        id: string;
                        /** @description where the events are POSTed */
                        url: string;
                        /** @description the note for people, if any */
                        description: string | null;
                        /** @description exact sync.events.v1 types or prefixes ("invoice.*"); empty = every event */
                        eventTypes: string[];
                        /** @description false while disabled: nothing is sent */
                        enabled: boolean;
                        /** @description consecutive_failures: disabled by the service after a run of failed attempts; manual: by an admin */
                        disabledReason: ("consecutive_failures" | "manual") | null;
                        /** @description when it was disabled (ISO 8601), while it is */
                        disabledAt: string | null;
                        /** @description failed attempts in a row since the last delivered one */
                        consecutiveFailures: number;
                        /** @description when the current run of failed attempts began (ISO 8601); null while deliveries succeed */
                        failingSince: string | null;
                        /** @description when the signing secret was last rotated (ISO 8601) */
                        secretRotatedAt: string | null;
                        /** @description until then deliveries are also signed with the secret before the last rotation */
                        previousSecretExpiresAt: string | null;
                        /** @description the user or service account that created it */
                        createdBy: string;
                        /** @description the user or service account that changed it last */
                        updatedBy: string;
                        /** @description when it was created (ISO 8601) */
                        createdAt: string;
                        /** @description when it was last changed (ISO 8601) */
                        updatedAt: string;
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
    rotateWebhookEndpointSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenant: string;
                id: string;
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
                        /**
                         * Format: uuid
                         * @description the endpoint id
                         */
                        endpointId: string;
                        /** @description the signing secret (Standard Webhooks, "whsec_…"): shown only in this answer, store it now */
                        secret: string;
                        /** @description the previous secret also signs until then */
                        previousSecretExpiresAt: string;
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
    listPlatformWebhookEndpoints: {
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
                        /** @description the endpoints */
                        items: {
                            /**
                             * Format: uuid
                             * @description the endpoint id
                             */
                            id: string;
                            /** @description where the events are POSTed */
                            url: string;
                            /** @description the note for people, if any */
                            description: string | null;
                            /** @description exact sync.events.v1 types or prefixes ("invoice.*"); empty = every event */
                            eventTypes: string[];
                            /** @description false while disabled: nothing is sent */
                            enabled: boolean;
                            /** @description consecutive_failures: disabled by the service after a run of failed attempts; manual: by an admin */
                            disabledReason: ("consecutive_failures" | "manual") | null;
                            /** @description when it was disabled (ISO 8601), while it is */
                            disabledAt: string | null;
                            /** @description failed attempts in a row since the last delivered one */
                            consecutiveFailures: number;
                            /** @description when the current run of failed attempts began (ISO 8601); null while deliveries succeed */
                            failingSince: string | null;
                            /** @description when the signing secret was last rotated (ISO 8601) */
                            secretRotatedAt: string | null;
                            /** @description until then deliveries are also signed with the secret before the last rotation */
                            previousSecretExpiresAt: string | null;
                            /** @description the user or service account that created it */
                            createdBy: string;
                            /** @description the user or service account that changed it last */
                            updatedBy: string;
                            /** @description when it was created (ISO 8601) */
                            createdAt: string;
                            /** @description when it was last changed (ISO 8601) */
                            updatedAt: string;
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
    createPlatformWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description http or https URL the events are POSTed to */
                    url: string;
                    /**
                     * @description exact sync.events.v1 types ("invoice.pushed") or prefixes ("invoice.*"); empty = every event
                     * @default []
                     */
                    eventTypes?: string[];
                    /** @description a note for people, e.g. what the endpoint is for (at most 500 characters) */
                    description?: string;
                    /**
                     * @description false creates it disabled: nothing is sent until it is enabled; default true
                     * @default true
                     */
                    enabled?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * Format: uuid
                         * @description the endpoint id
                         */
                        id: string;
                        /** @description where the events are POSTed */
                        url: string;
                        /** @description the note for people, if any */
                        description: string | null;
                        /** @description exact sync.events.v1 types or prefixes ("invoice.*"); empty = every event */
                        eventTypes: string[];
                        /** @description false while disabled: nothing is sent */
                        enabled: boolean;
                        /** @description consecutive_failures: disabled by the service after a run of failed attempts; manual: by an admin */
                        disabledReason: ("consecutive_failures" | "manual") | null;
                        /** @description when it was disabled (ISO 8601), while it is */
                        disabledAt: string | null;
                        /** @description failed attempts in a row since the last delivered one */
                        consecutiveFailures: number;
                        /** @description when the current run of failed attempts began (ISO 8601); null while deliveries succeed */
                        failingSince: string | null;
                        /** @description when the signing secret was last rotated (ISO 8601) */
                        secretRotatedAt: string | null;
                        /** @description until then deliveries are also signed with the secret before the last rotation */
                        previousSecretExpiresAt: string | null;
                        /** @description the user or service account that created it */
                        createdBy: string;
                        /** @description the user or service account that changed it last */
                        updatedBy: string;
                        /** @description when it was created (ISO 8601) */
                        createdAt: string;
                        /** @description when it was last changed (ISO 8601) */
                        updatedAt: string;
                        /** @description the signing secret (Standard Webhooks, "whsec_…"): shown only in this answer, store it now */
                        secret: string;
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
    getPlatformWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
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
                        /**
                         * Format: uuid
                         * @description the endpoint id
                         */
                        id: string;
                        /** @description where the events are POSTed */
                        url: string;
                        /** @description the note for people, if any */
                        description: string | null;
                        /** @description exact sync.events.v1 types or prefixes ("invoice.*"); empty = every event */
                        eventTypes: string[];
                        /** @description false while disabled: nothing is sent */
                        enabled: boolean;
                        /** @description consecutive_failures: disabled by the service after a run of failed attempts; manual: by an admin */
                        disabledReason: ("consecutive_failures" | "manual") | null;
                        /** @description when it was disabled (ISO 8601), while it is */
                        disabledAt: string | null;
                        /** @description failed attempts in a row since the last delivered one */
                        consecutiveFailures: number;
                        /** @description when the current run of failed attempts began (ISO 8601); null while deliveries succeed */
                        failingSince: string | null;
                        /** @description when the signing secret was last rotated (ISO 8601) */
                        secretRotatedAt: string | null;
                        /** @description until then deliveries are also signed with the secret before the last rotation */
                        previousSecretExpiresAt: string | null;
                        /** @description the user or service account that created it */
                        createdBy: string;
                        /** @description the user or service account that changed it last */
                        updatedBy: string;
                        /** @description when it was created (ISO 8601) */
                        createdAt: string;
                        /** @description when it was last changed (ISO 8601) */
                        updatedAt: string;
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
    deletePlatformWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
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
    updatePlatformWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description a new http or https URL the events are POSTed to */
                    url?: string;
                    /** @description exact sync.events.v1 types ("invoice.pushed") or prefixes ("invoice.*"); empty = every event */
                    eventTypes?: string[];
                    /** @description a new note for people; null removes it */
                    description?: string | null;
                    /** @description true enables the endpoint again (its failure run starts from zero); false disables it and gives up its pending deliveries */
                    enabled?: boolean;
                };
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
                        /**
                         * Format: uuid
                         * @description the endpoint id
                         */
                        id: string;
                        /** @description where the events are POSTed */
                        url: string;
                        /** @description the note for people, if any */
                        description: string | null;
                        /** @description exact sync.events.v1 types or prefixes ("invoice.*"); empty = every event */
                        eventTypes: string[];
                        /** @description false while disabled: nothing is sent */
                        enabled: boolean;
                        /** @description consecutive_failures: disabled by the service after a run of failed attempts; manual: by an admin */
                        disabledReason: ("consecutive_failures" | "manual") | null;
                        /** @description when it was disabled (ISO 8601), while it is */
                        disabledAt: string | null;
                        /** @description failed attempts in a row since the last delivered one */
                        consecutiveFailures: number;
                        /** @description when the current run of failed attempts began (ISO 8601); null while deliveries succeed */
                        failingSince: string | null;
                        /** @description when the signing secret was last rotated (ISO 8601) */
                        secretRotatedAt: string | null;
                        /** @description until then deliveries are also signed with the secret before the last rotation */
                        previousSecretExpiresAt: string | null;
                        /** @description the user or service account that created it */
                        createdBy: string;
                        /** @description the user or service account that changed it last */
                        updatedBy: string;
                        /** @description when it was created (ISO 8601) */
                        createdAt: string;
                        /** @description when it was last changed (ISO 8601) */
                        updatedAt: string;
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
    rotatePlatformWebhookEndpointSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
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
                        /**
                         * Format: uuid
                         * @description the endpoint id
                         */
                        endpointId: string;
                        /** @description the signing secret (Standard Webhooks, "whsec_…"): shown only in this answer, store it now */
                        secret: string;
                        /** @description the previous secret also signs until then */
                        previousSecretExpiresAt: string;
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
    listWebhookDeliveries: {
        parameters: {
            query?: {
                status?: "pending" | "delivered" | "failed";
                eventType?: string;
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path: {
                tenant: string;
                id: string;
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
                        /** @description the deliveries, newest first */
                        items: {
                            /**
                             * Format: uuid
                             * @description the delivery id
                             */
                            id: string;
                            /**
                             * Format: uuid
                             * @description the endpoint it goes to
                             */
                            endpointId: string;
                            /** @description the CloudEvent id, sent as webhook-id */
                            eventId: string;
                            /** @description the sync.events.v1 event type */
                            eventType: string;
                            /** @description the event's time (ISO 8601) */
                            eventTime: string;
                            /** @description the event key (tenant or tenant/division): deliveries of one key to one endpoint keep their order */
                            key: string;
                            /**
                             * @description pending (waiting for its turn, a retry, or in flight), delivered, failed (given up, or its endpoint was disabled)
                             * @enum {string}
                             */
                            status: "pending" | "delivered" | "failed";
                            /** @description attempts made so far */
                            attemptCount: number;
                            /** @description how often it was replayed */
                            replays: number;
                            /** @description when the next attempt is due (ISO 8601), while pending */
                            nextAttemptAt: string | null;
                            /** @description when the last attempt was made (ISO 8601) */
                            lastAttemptAt: string | null;
                            /** @description HTTP status of the last attempt; null when the endpoint did not answer */
                            lastStatusCode: number | null;
                            /** @description http_<status>, timeout, connection_refused, refused_address, endpoint_disabled … */
                            lastError: string | null;
                            /** @description when the endpoint acknowledged it with a 2xx (ISO 8601) */
                            deliveredAt: string | null;
                            /** @description when it was given up (ISO 8601): attempts exhausted or the endpoint disabled */
                            givenUpAt: string | null;
                            /** @description when the delivery was queued (ISO 8601) */
                            createdAt: string;
                        }[];
                        /** @description pass as ?cursor= for older deliveries */
                        nextCursor: string | null;
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
    getWebhookDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenant: string;
                id: string;
                deliveryId: string;
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
                        /**
                         * Format: uuid
                         * @description the delivery id
                         */
                        id: string;
                        /**
                         * Format: uuid
                         * @description the endpoint it goes to
                         */
                        endpointId: string;
                        /** @description the CloudEvent id, sent as webhook-id */
                        eventId: string;
                        /** @description the sync.events.v1 event type */
                        eventType: string;
                        /** @description the event's time (ISO 8601) */
                        eventTime: string;
                        /** @description the event key (tenant or tenant/division): deliveries of one key to one endpoint keep their order */
                        key: string;
                        /**
                         * @description pending (waiting for its turn, a retry, or in flight), delivered, failed (given up, or its endpoint was disabled)
                         * @enum {string}
                         */
                        status: "pending" | "delivered" | "failed";
                        /** @description attempts made so far */
                        attemptCount: number;
                        /** @description how often it was replayed */
                        replays: number;
                        /** @description when the next attempt is due (ISO 8601), while pending */
                        nextAttemptAt: string | null;
                        /** @description when the last attempt was made (ISO 8601) */
                        lastAttemptAt: string | null;
                        /** @description HTTP status of the last attempt; null when the endpoint did not answer */
                        lastStatusCode: number | null;
                        /** @description http_<status>, timeout, connection_refused, refused_address, endpoint_disabled … */
                        lastError: string | null;
                        /** @description when the endpoint acknowledged it with a 2xx (ISO 8601) */
                        deliveredAt: string | null;
                        /** @description when it was given up (ISO 8601): attempts exhausted or the endpoint disabled */
                        givenUpAt: string | null;
                        /** @description when the delivery was queued (ISO 8601) */
                        createdAt: string;
                        /** @description every attempt, oldest first */
                        attempts: {
                            /** @description the attempt number, from 1 */
                            attempt: number;
                            /** @description when it was made (ISO 8601) */
                            at: string;
                            /** @description the HTTP status the endpoint answered; null when it did not answer */
                            statusCode: number | null;
                            /** @description milliseconds from sending to the answer or the failure */
                            latencyMs: number;
                            /**
                             * @description delivered (a 2xx) or failed
                             * @enum {string}
                             */
                            outcome: "delivered" | "failed";
                            /** @description why it failed: http_<status>, timeout, connection_refused … */
                            error: string | null;
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
    replayWebhookDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenant: string;
                id: string;
                deliveryId: string;
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
                        /**
                         * Format: uuid
                         * @description the delivery id
                         */
                        id: string;
                        /**
                         * Format: uuid
                         * @description the endpoint it goes to
                         */
                        endpointId: string;
                        /** @description the CloudEvent id, sent as webhook-id */
                        eventId: string;
                        /** @description the sync.events.v1 event type */
                        eventType: string;
                        /** @description the event's time (ISO 8601) */
                        eventTime: string;
                        /** @description the event key (tenant or tenant/division): deliveries of one key to one endpoint keep their order */
                        key: string;
                        /**
                         * @description pending (waiting for its turn, a retry, or in flight), delivered, failed (given up, or its endpoint was disabled)
                         * @enum {string}
                         */
                        status: "pending" | "delivered" | "failed";
                        /** @description attempts made so far */
                        attemptCount: number;
                        /** @description how often it was replayed */
                        replays: number;
                        /** @description when the next attempt is due (ISO 8601), while pending */
                        nextAttemptAt: string | null;
                        /** @description when the last attempt was made (ISO 8601) */
                        lastAttemptAt: string | null;
                        /** @description HTTP status of the last attempt; null when the endpoint did not answer */
                        lastStatusCode: number | null;
                        /** @description http_<status>, timeout, connection_refused, refused_address, endpoint_disabled … */
                        lastError: string | null;
                        /** @description when the endpoint acknowledged it with a 2xx (ISO 8601) */
                        deliveredAt: string | null;
                        /** @description when it was given up (ISO 8601): attempts exhausted or the endpoint disabled */
                        givenUpAt: string | null;
                        /** @description when the delivery was queued (ISO 8601) */
                        createdAt: string;
                        /** @description every attempt, oldest first */
                        attempts: {
                            /** @description the attempt number, from 1 */
                            attempt: number;
                            /** @description when it was made (ISO 8601) */
                            at: string;
                            /** @description the HTTP status the endpoint answered; null when it did not answer */
                            statusCode: number | null;
                            /** @description milliseconds from sending to the answer or the failure */
                            latencyMs: number;
                            /**
                             * @description delivered (a 2xx) or failed
                             * @enum {string}
                             */
                            outcome: "delivered" | "failed";
                            /** @description why it failed: http_<status>, timeout, connection_refused … */
                            error: string | null;
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
    replayWebhookEvents: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenant: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: date-time
                     * @description events whose time is at or after this
                     */
                    from: string;
                    /**
                     * Format: date-time
                     * @description … and before this
                     */
                    to: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description deliveries queued again (or for the first time) for events of the range */
                        replayed: number;
                        /** @description events of the range whose delivery was still pending: left as they are */
                        alreadyPending: number;
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
            422: {
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
    listPlatformWebhookDeliveries: {
        parameters: {
            query?: {
                status?: "pending" | "delivered" | "failed";
                eventType?: string;
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
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
                        /** @description the deliveries, newest first */
                        items: {
                            /**
                             * Format: uuid
                             * @description the delivery id
                             */
                            id: string;
                            /**
                             * Format: uuid
                             * @description the endpoint it goes to
                             */
                            endpointId: string;
                            /** @description the CloudEvent id, sent as webhook-id */
                            eventId: string;
                            /** @description the sync.events.v1 event type */
                            eventType: string;
                            /** @description the event's time (ISO 8601) */
                            eventTime: string;
                            /** @description the event key (tenant or tenant/division): deliveries of one key to one endpoint keep their order */
                            key: string;
                            /**
                             * @description pending (waiting for its turn, a retry, or in flight), delivered, failed (given up, or its endpoint was disabled)
                             * @enum {string}
                             */
                            status: "pending" | "delivered" | "failed";
                            /** @description attempts made so far */
                            attemptCount: number;
                            /** @description how often it was replayed */
                            replays: number;
                            /** @description when the next attempt is due (ISO 8601), while pending */
                            nextAttemptAt: string | null;
                            /** @description when the last attempt was made (ISO 8601) */
                            lastAttemptAt: string | null;
                            /** @description HTTP status of the last attempt; null when the endpoint did not answer */
                            lastStatusCode: number | null;
                            /** @description http_<status>, timeout, connection_refused, refused_address, endpoint_disabled … */
                            lastError: string | null;
                            /** @description when the endpoint acknowledged it with a 2xx (ISO 8601) */
                            deliveredAt: string | null;
                            /** @description when it was given up (ISO 8601): attempts exhausted or the endpoint disabled */
                            givenUpAt: string | null;
                            /** @description when the delivery was queued (ISO 8601) */
                            createdAt: string;
                        }[];
                        /** @description pass as ?cursor= for older deliveries */
                        nextCursor: string | null;
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
    getPlatformWebhookDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                deliveryId: string;
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
                        /**
                         * Format: uuid
                         * @description the delivery id
                         */
                        id: string;
                        /**
                         * Format: uuid
                         * @description the endpoint it goes to
                         */
                        endpointId: string;
                        /** @description the CloudEvent id, sent as webhook-id */
                        eventId: string;
                        /** @description the sync.events.v1 event type */
                        eventType: string;
                        /** @description the event's time (ISO 8601) */
                        eventTime: string;
                        /** @description the event key (tenant or tenant/division): deliveries of one key to one endpoint keep their order */
                        key: string;
                        /**
                         * @description pending (waiting for its turn, a retry, or in flight), delivered, failed (given up, or its endpoint was disabled)
                         * @enum {string}
                         */
                        status: "pending" | "delivered" | "failed";
                        /** @description attempts made so far */
                        attemptCount: number;
                        /** @description how often it was replayed */
                        replays: number;
                        /** @description when the next attempt is due (ISO 8601), while pending */
                        nextAttemptAt: string | null;
                        /** @description when the last attempt was made (ISO 8601) */
                        lastAttemptAt: string | null;
                        /** @description HTTP status of the last attempt; null when the endpoint did not answer */
                        lastStatusCode: number | null;
                        /** @description http_<status>, timeout, connection_refused, refused_address, endpoint_disabled … */
                        lastError: string | null;
                        /** @description when the endpoint acknowledged it with a 2xx (ISO 8601) */
                        deliveredAt: string | null;
                        /** @description when it was given up (ISO 8601): attempts exhausted or the endpoint disabled */
                        givenUpAt: string | null;
                        /** @description when the delivery was queued (ISO 8601) */
                        createdAt: string;
                        /** @description every attempt, oldest first */
                        attempts: {
                            /** @description the attempt number, from 1 */
                            attempt: number;
                            /** @description when it was made (ISO 8601) */
                            at: string;
                            /** @description the HTTP status the endpoint answered; null when it did not answer */
                            statusCode: number | null;
                            /** @description milliseconds from sending to the answer or the failure */
                            latencyMs: number;
                            /**
                             * @description delivered (a 2xx) or failed
                             * @enum {string}
                             */
                            outcome: "delivered" | "failed";
                            /** @description why it failed: http_<status>, timeout, connection_refused … */
                            error: string | null;
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
    replayPlatformWebhookDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                deliveryId: string;
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
                        /**
                         * Format: uuid
                         * @description the delivery id
                         */
                        id: string;
                        /**
                         * Format: uuid
                         * @description the endpoint it goes to
                         */
                        endpointId: string;
                        /** @description the CloudEvent id, sent as webhook-id */
                        eventId: string;
                        /** @description the sync.events.v1 event type */
                        eventType: string;
                        /** @description the event's time (ISO 8601) */
                        eventTime: string;
                        /** @description the event key (tenant or tenant/division): deliveries of one key to one endpoint keep their order */
                        key: string;
                        /**
                         * @description pending (waiting for its turn, a retry, or in flight), delivered, failed (given up, or its endpoint was disabled)
                         * @enum {string}
                         */
                        status: "pending" | "delivered" | "failed";
                        /** @description attempts made so far */
                        attemptCount: number;
                        /** @description how often it was replayed */
                        replays: number;
                        /** @description when the next attempt is due (ISO 8601), while pending */
                        nextAttemptAt: string | null;
                        /** @description when the last attempt was made (ISO 8601) */
                        lastAttemptAt: string | null;
                        /** @description HTTP status of the last attempt; null when the endpoint did not answer */
                        lastStatusCode: number | null;
                        /** @description http_<status>, timeout, connection_refused, refused_address, endpoint_disabled … */
                        lastError: string | null;
                        /** @description when the endpoint acknowledged it with a 2xx (ISO 8601) */
                        deliveredAt: string | null;
                        /** @description when it was given up (ISO 8601): attempts exhausted or the endpoint disabled */
                        givenUpAt: string | null;
                        /** @description when the delivery was queued (ISO 8601) */
                        createdAt: string;
                        /** @description every attempt, oldest first */
                        attempts: {
                            /** @description the attempt number, from 1 */
                            attempt: number;
                            /** @description when it was made (ISO 8601) */
                            at: string;
                            /** @description the HTTP status the endpoint answered; null when it did not answer */
                            statusCode: number | null;
                            /** @description milliseconds from sending to the answer or the failure */
                            latencyMs: number;
                            /**
                             * @description delivered (a 2xx) or failed
                             * @enum {string}
                             */
                            outcome: "delivered" | "failed";
                            /** @description why it failed: http_<status>, timeout, connection_refused … */
                            error: string | null;
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
    replayPlatformWebhookEvents: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: date-time
                     * @description events whose time is at or after this
                     */
                    from: string;
                    /**
                     * Format: date-time
                     * @description … and before this
                     */
                    to: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description deliveries queued again (or for the first time) for events of the range */
                        replayed: number;
                        /** @description events of the range whose delivery was still pending: left as they are */
                        alreadyPending: number;
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
            422: {
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
