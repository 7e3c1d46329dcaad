/**
 * Generated from services/customer-sync/openapi.json by `npm run generate:api -w @ledgerbus/console`. Do not edit.
 */
export interface paths {
    "/v1/tenants/{tenant}/onboarding/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start a run: list QBO employees, customers and items with proposed matches; in auto mode import the unmatched and link the confident matches. Poll the Location for its progress and outcome. */
        post: operations["startOnboardingRun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant}/onboarding/runs/{runId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An onboarding run: status, phase, progress, and when it ended its counts or error */
        get: operations["getOnboardingRun"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant}/onboarding/records": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Onboarding records with their proposal, status and, for those needing attention, the reason */
        get: operations["listOnboardingRecords"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant}/onboarding/records/{entity}/{qboId}/link": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Link one QBO record to an existing platform record */
        post: operations["linkOnboardingRecord"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant}/onboarding/records/{entity}/{qboId}/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import one QBO record as a new platform record */
        post: operations["importOnboardingRecord"];
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
    startOnboardingRun: {
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
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description auto = import the unmatched and link the confident matches; manual = only propose, an admin decides one by one; default auto
                     * @default auto
                     * @enum {string}
                     */
                    mode?: "auto" | "manual";
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
                        runId: string;
                        realmId: string;
                        /** @enum {string} */
                        mode: "auto" | "manual";
                        /** @enum {string} */
                        status: "running" | "succeeded" | "failed" | "interrupted";
                        phase: ("list" | "decide") | null;
                        progress: {
                            listed: number;
                            decided: number;
                            toDecide: number | null;
                        };
                        /** @description the tenant's onboarding records per status when the run ended */
                        counts: {
                            [key: string]: number;
                        } | null;
                        error: {
                            code: string;
                            message: string;
                        } | null;
                        startedAt: string;
                        updatedAt: string;
                        endedAt: string | null;
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
    getOnboardingRun: {
        parameters: {
            query?: {
                division?: string;
            };
            header?: never;
            path: {
                tenant: string;
                runId: string;
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
                        runId: string;
                        realmId: string;
                        /** @enum {string} */
                        mode: "auto" | "manual";
                        /** @enum {string} */
                        status: "running" | "succeeded" | "failed" | "interrupted";
                        phase: ("list" | "decide") | null;
                        progress: {
                            listed: number;
                            decided: number;
                            toDecide: number | null;
                        };
                        /** @description the tenant's onboarding records per status when the run ended */
                        counts: {
                            [key: string]: number;
                        } | null;
                        error: {
                            code: string;
                            message: string;
                        } | null;
                        startedAt: string;
                        updatedAt: string;
                        endedAt: string | null;
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
    listOnboardingRecords: {
        parameters: {
            query?: {
                division?: string;
                status?: "proposed" | "needs_attention" | "imported" | "linked" | "refused";
                entity?: "customer" | "employee" | "item";
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
                        records: {
                            entity: string;
                            qboId: string;
                            name: string;
                            status: string;
                            proposal: string;
                            proposedPlatformId: string | null;
                            platformId: string | null;
                            matchedBy: string | null;
                            reason: string | null;
                            message: string | null;
                            candidates: string[] | null;
                        }[];
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
    linkOnboardingRecord: {
        parameters: {
            query?: {
                division?: string;
            };
            header?: never;
            path: {
                tenant: string;
                entity: "customer" | "employee" | "item";
                qboId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the existing platform record to link the QBO record to */
                    platformId: string;
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
                        entity: string;
                        qboId: string;
                        name: string;
                        status: string;
                        proposal: string;
                        proposedPlatformId: string | null;
                        platformId: string | null;
                        matchedBy: string | null;
                        reason: string | null;
                        message: string | null;
                        candidates: string[] | null;
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
    importOnboardingRecord: {
        parameters: {
            query?: {
                division?: string;
            };
            header?: never;
            path: {
                tenant: string;
                entity: "customer" | "employee" | "item";
                qboId: string;
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
                        entity: string;
                        qboId: string;
                        name: string;
                        status: string;
                        proposal: string;
                        proposedPlatformId: string | null;
                        platformId: string | null;
                        matchedBy: string | null;
                        reason: string | null;
                        message: string | null;
                        candidates: string[] | null;
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
}
