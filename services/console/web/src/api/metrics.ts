/**
 * Generated from services/metrics/openapi.json by `npm run generate:api -w @ledgerbus/console`. Do not edit.
 */
export interface paths {
    "/v1/tenants/{tenant}/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's metric definitions */
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
                            metrics: {
                                id: string;
                                tenantId: string;
                                divisionId?: string;
                                name: string;
                                /** @enum {string} */
                                dataset: "profit_and_loss" | "balance_sheet" | "account_balances";
                                accounts?: string[];
                                category?: string;
                                /** @enum {string} */
                                aggregation: "sum" | "end_of_period";
                                /** @enum {string} */
                                period: "month" | "quarter" | "year";
                                target: string | null;
                                version: number;
                                stale: boolean;
                                staleReason: string | null;
                                staleSince: string | null;
                                computedAt: string | null;
                                createdAt: string;
                                createdBy: string;
                                updatedAt: string;
                                updatedBy: string;
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
        /** Define a metric: dataset, accounts or a category, aggregation, period, optional target */
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
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /** @enum {string} */
                        dataset: "profit_and_loss" | "balance_sheet" | "account_balances";
                        accounts?: string[];
                        category?: string;
                        /** @enum {string} */
                        aggregation: "sum" | "end_of_period";
                        /** @enum {string} */
                        period: "month" | "quarter" | "year";
                        target?: string | null;
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
                            id: string;
                            tenantId: string;
                            divisionId?: string;
                            name: string;
                            /** @enum {string} */
                            dataset: "profit_and_loss" | "balance_sheet" | "account_balances";
                            accounts?: string[];
                            category?: string;
                            /** @enum {string} */
                            aggregation: "sum" | "end_of_period";
                            /** @enum {string} */
                            period: "month" | "quarter" | "year";
                            target: string | null;
                            version: number;
                            stale: boolean;
                            staleReason: string | null;
                            staleSince: string | null;
                            computedAt: string | null;
                            createdAt: string;
                            createdBy: string;
                            updatedAt: string;
                            updatedBy: string;
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
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant}/metrics/{metricId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One metric definition */
        get: {
            parameters: {
                query?: {
                    division?: string;
                };
                header?: never;
                path: {
                    tenant: string;
                    metricId: string;
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
                            id: string;
                            tenantId: string;
                            divisionId?: string;
                            name: string;
                            /** @enum {string} */
                            dataset: "profit_and_loss" | "balance_sheet" | "account_balances";
                            accounts?: string[];
                            category?: string;
                            /** @enum {string} */
                            aggregation: "sum" | "end_of_period";
                            /** @enum {string} */
                            period: "month" | "quarter" | "year";
                            target: string | null;
                            version: number;
                            stale: boolean;
                            staleReason: string | null;
                            staleSince: string | null;
                            computedAt: string | null;
                            createdAt: string;
                            createdBy: string;
                            updatedAt: string;
                            updatedBy: string;
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
        /** Replace a metric definition (values are recomputed) */
        put: {
            parameters: {
                query?: {
                    division?: string;
                };
                header?: never;
                path: {
                    tenant: string;
                    metricId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /** @enum {string} */
                        dataset: "profit_and_loss" | "balance_sheet" | "account_balances";
                        accounts?: string[];
                        category?: string;
                        /** @enum {string} */
                        aggregation: "sum" | "end_of_period";
                        /** @enum {string} */
                        period: "month" | "quarter" | "year";
                        target?: string | null;
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
                            id: string;
                            tenantId: string;
                            divisionId?: string;
                            name: string;
                            /** @enum {string} */
                            dataset: "profit_and_loss" | "balance_sheet" | "account_balances";
                            accounts?: string[];
                            category?: string;
                            /** @enum {string} */
                            aggregation: "sum" | "end_of_period";
                            /** @enum {string} */
                            period: "month" | "quarter" | "year";
                            target: string | null;
                            version: number;
                            stale: boolean;
                            staleReason: string | null;
                            staleSince: string | null;
                            computedAt: string | null;
                            createdAt: string;
                            createdBy: string;
                            updatedAt: string;
                            updatedBy: string;
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
        post?: never;
        /** Delete a metric and its values */
        delete: {
            parameters: {
                query?: {
                    division?: string;
                };
                header?: never;
                path: {
                    tenant: string;
                    metricId: string;
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
    "/v1/tenants/{tenant}/metrics/{metricId}/values": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The metric's series, oldest period first, with stale and its reason */
        get: {
            parameters: {
                query?: {
                    division?: string;
                };
                header?: never;
                path: {
                    tenant: string;
                    metricId: string;
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
                            metricId: string;
                            name: string;
                            /** @enum {string} */
                            period: "month" | "quarter" | "year";
                            target: string | null;
                            stale: boolean;
                            staleReason: string | null;
                            computedAt: string | null;
                            values: {
                                period: string;
                                start: string;
                                end: string;
                                value: string;
                                complete: boolean;
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
    "/v1/tenants/{tenant}/datasets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The datasets a metric can use, with the categories and rows (accounts, totals) of the connected company */
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
                            connection: {
                                realmId: string;
                                companyName: string;
                                status: string;
                                statusReason: string | null;
                            } | null;
                            datasets: {
                                /** @enum {string} */
                                id: "profit_and_loss" | "balance_sheet" | "account_balances";
                                name: string;
                                aggregations: ("sum" | "end_of_period")[];
                                categories: {
                                    category: string;
                                    label: string;
                                }[];
                                rows: {
                                    rowKey: string;
                                    kind: string;
                                    label: string;
                                    category: string | null;
                                    accountId: string | null;
                                }[];
                            }[];
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
    "/v1/tenants/{tenant}/import-status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Last import time, status and error of each dataset; whether metrics are stale and why */
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
                            connection: {
                                realmId: string;
                                companyName: string;
                                status: string;
                                statusReason: string | null;
                            } | null;
                            stale: boolean;
                            staleReason: string | null;
                            datasets: {
                                dataset: string;
                                realmId: string;
                                status: string;
                                startedAt: string | null;
                                finishedAt: string | null;
                                lastImportAt: string | null;
                                rangeStart: string | null;
                                rangeEnd: string | null;
                                basis: string | null;
                                qboCalls: number;
                                rows: number;
                                error: {
                                    code: string;
                                    message: string;
                                } | null;
                            }[];
                            nextImportAt: string | null;
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
