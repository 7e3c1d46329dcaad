/**
 * Generated from services/ingest/openapi.json by `npm run generate:api -w @ledgerbus/client`. Do not edit.
 */
export interface paths {
    "/v1/tenants/{tenant}/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send customers (one, or { records: [...] } with up to 500); 202 once they are durable on platform.customers.v1
         * @description Each record is checked against the customer.upserted contract; bad records are listed in `rejected` by index and field while the good ones are accepted. No valid record: 422 `records_rejected` with the same list. `version` may be left out: the service assigns the next one.
         */
        post: operations["ingestCustomers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant}/customers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a customer (publishes customer.deleted) */
        delete: operations["deleteCustomer"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant}/invoices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send invoices (one, or { records: [...] } with up to 500); 202 once they are durable on platform.invoices.v1
         * @description Each record is checked against the invoice.upserted contract; bad records are listed in `rejected` by index and field while the good ones are accepted. No valid record: 422 `records_rejected` with the same list. `version` may be left out: the service assigns the next one.
         */
        post: operations["ingestInvoices"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant}/invoices/{id}/void": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Void a invoice in QBO (publishes invoice.voided) */
        post: operations["voidInvoice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant}/invoices/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a invoice (publishes invoice.deleted) */
        delete: operations["deleteInvoice"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant}/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send payments (one, or { records: [...] } with up to 500); 202 once they are durable on platform.payments.v1
         * @description Each record is checked against the payment.recorded contract; bad records are listed in `rejected` by index and field while the good ones are accepted. No valid record: 422 `records_rejected` with the same list. `version` may be left out: the service assigns the next one.
         */
        post: operations["ingestPayments"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant}/payments/{id}/void": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Void a payment in QBO (publishes payment.voided) */
        post: operations["voidPayment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant}/payments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a payment (publishes payment.deleted) */
        delete: operations["deletePayment"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant}/records/{entity}/{platformId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A record's latest accepted version and its sync state (pushed, held, waiting, failed, skipped, voided, deleted) with the QBO id and reason */
        get: operations["getRecordStatus"];
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
export interface operations {
    ingestCustomers: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of your choosing, unique per request: a repeat with the same key and body gets the first answer again (kept 24 h) */
                "idempotency-key"?: string;
            };
            path: {
                tenant: string;
            };
            cookie?: never;
        };
        /** @description one customer, or { records: [...] } with up to 500 */
        requestBody: {
            content: {
                "application/json": {
                    /** @description the tenant of the path (may be left out) */
                    tenantId?: string;
                    /** @description the tenant's division the record belongs to, when the tenant connects one QBO company per division: the record goes to that division's company with that division's settings; absent = the tenant's own connection */
                    divisionId?: string;
                    /** @description the platform's id of the customer (1-100 characters), stable for the life of the record */
                    customerId: string;
                    /** @description the name shown for the customer (QBO DisplayName, unique among a company's customers; a duplicate is renamed and the name used is reported as qboDisplayName) */
                    displayName: string;
                    /** @description the company name (QBO CompanyName) */
                    companyName?: string;
                    /** @description first name of the contact person (QBO GivenName) */
                    givenName?: string;
                    /** @description last name of the contact person (QBO FamilyName) */
                    familyName?: string;
                    /**
                     * Format: email
                     * @description primary email address (QBO PrimaryEmailAddr); compared lower-cased
                     */
                    email?: string;
                    /** @description primary phone number as free text (QBO PrimaryPhone) */
                    phone?: string;
                    /** @description billing address (QBO BillAddr) */
                    billingAddress?: {
                        /** @description first street line (QBO Line1) */
                        line1?: string;
                        /** @description second street line (QBO Line2) */
                        line2?: string;
                        /** @description city (QBO City) */
                        city?: string;
                        /** @description state, province or region (QBO CountrySubDivisionCode), e.g. "CA" */
                        state?: string;
                        /** @description postal or ZIP code (QBO PostalCode) */
                        postalCode?: string;
                        /** @description country (QBO Country), e.g. "USA" */
                        country?: string;
                    };
                    /** @description shipping or site address (QBO ShipAddr) */
                    shippingAddress?: {
                        /** @description first street line (QBO Line1) */
                        line1?: string;
                        /** @description second street line (QBO Line2) */
                        line2?: string;
                        /** @description city (QBO City) */
                        city?: string;
                        /** @description state, province or region (QBO CountrySubDivisionCode), e.g. "CA" */
                        state?: string;
                        /** @description postal or ZIP code (QBO PostalCode) */
                        postalCode?: string;
                        /** @description country (QBO Country), e.g. "USA" */
                        country?: string;
                    };
                    /** @description set for a site / sub-customer: the platform id of its parent customer; it becomes a QBO sub-customer of the parent's QBO customer (billed with the parent) and waits until the parent is synced */
                    parentCustomerId?: string;
                    /**
                     * @description false when the customer is inactive on the platform (QBO Active); default true
                     * @default true
                     */
                    active?: boolean;
                    /** @description the platform bill profile of the customer; set by ledgerbus only on customers it creates from QBO (from the tenant's mappings.defaults.billProfileId), never sent to QBO */
                    billProfileId?: string;
                    /** @description monotonically increasing per record; left out, the service assigns the next one */
                    version?: number;
                    /**
                     * Format: date-time
                     * @description when the record last changed on the platform (ISO 8601 with offset); the newest_wins conflict rule compares it with QBO's LastUpdatedTime; default: the event's time
                     */
                    updatedAt?: string;
                } | {
                    /** @description the customers, 1 to 500; each is accepted or rejected on its own */
                    records: {
                        /** @description the tenant of the path (may be left out) */
                        tenantId?: string;
                        /** @description the tenant's division the record belongs to, when the tenant connects one QBO company per division: the record goes to that division's company with that division's settings; absent = the tenant's own connection */
                        divisionId?: string;
                        /** @description the platform's id of the customer (1-100 characters), stable for the life of the record */
                        customerId: string;
                        /** @description the name shown for the customer (QBO DisplayName, unique among a company's customers; a duplicate is renamed and the name used is reported as qboDisplayName) */
                        displayName: string;
                        /** @description the company name (QBO CompanyName) */
                        companyName?: string;
                        /** @description first name of the contact person (QBO GivenName) */
                        givenName?: string;
                        /** @description last name of the contact person (QBO FamilyName) */
                        familyName?: string;
                        /**
                         * Format: email
                         * @description primary email address (QBO PrimaryEmailAddr); compared lower-cased
                         */
                        email?: string;
                        /** @description primary phone number as free text (QBO PrimaryPhone) */
                        phone?: string;
                        /** @description billing address (QBO BillAddr) */
                        billingAddress?: {
                            /** @description first street line (QBO Line1) */
                            line1?: string;
                            /** @description second street line (QBO Line2) */
                            line2?: string;
                            /** @description city (QBO City) */
                            city?: string;
                            /** @description state, province or region (QBO CountrySubDivisionCode), e.g. "CA" */
                            state?: string;
                            /** @description postal or ZIP code (QBO PostalCode) */
                            postalCode?: string;
                            /** @description country (QBO Country), e.g. "USA" */
                            country?: string;
                        };
                        /** @description shipping or site address (QBO ShipAddr) */
                        shippingAddress?: {
                            /** @description first street line (QBO Line1) */
                            line1?: string;
                            /** @description second street line (QBO Line2) */
                            line2?: string;
                            /** @description city (QBO City) */
                            city?: string;
                            /** @description state, province or region (QBO CountrySubDivisionCode), e.g. "CA" */
                            state?: string;
                            /** @description postal or ZIP code (QBO PostalCode) */
                            postalCode?: string;
                            /** @description country (QBO Country), e.g. "USA" */
                            country?: string;
                        };
                        /** @description set for a site / sub-customer: the platform id of its parent customer; it becomes a QBO sub-customer of the parent's QBO customer (billed with the parent) and waits until the parent is synced */
                        parentCustomerId?: string;
                        /**
                         * @description false when the customer is inactive on the platform (QBO Active); default true
                         * @default true
                         */
                        active?: boolean;
                        /** @description the platform bill profile of the customer; set by ledgerbus only on customers it creates from QBO (from the tenant's mappings.defaults.billProfileId), never sent to QBO */
                        billProfileId?: string;
                        /** @description monotonically increasing per record; left out, the service assigns the next one */
                        version?: number;
                        /**
                         * Format: date-time
                         * @description when the record last changed on the platform (ISO 8601 with offset); the newest_wins conflict rule compares it with QBO's LastUpdatedTime; default: the event's time
                         */
                        updatedAt?: string;
                    }[];
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
                        /** @description the records taken, each durable on its topic */
                        accepted: {
                            /** @description position in `records` (0 for a single record) */
                            index: number;
                            /** @description the record's platform id */
                            platformId: string;
                            /** @description the version accepted: the one sent, or the one assigned when it was left out */
                            version: number;
                            /**
                             * @description durable on its topic; follow statusUrl for what happens in QBO
                             * @enum {string}
                             */
                            status: "accepted";
                            /** @description the record's status: GET it for its state in QBO */
                            statusUrl: string;
                        }[];
                        /** @description the records refused, by index and field; the others of the batch are still taken */
                        rejected: {
                            /** @description position in `records` (0 for a single record) */
                            index: number;
                            /** @description dotted path of the field inside the record */
                            field: string;
                            /** @description the reason code: the validation issue code (e.g. "invalid_type"), "tenant_mismatch" or "version_superseded" */
                            code: string;
                            /** @description why, for people */
                            message: string;
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
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            413: {
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
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            429: {
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
    deleteCustomer: {
        parameters: {
            query?: {
                /** @description the division the record belongs to */
                division?: string;
                /** @description the version of the deletion; left out, the service assigns the next one */
                version?: string;
            };
            header?: {
                /** @description a key of your choosing, unique per request: a repeat with the same key and body gets the first answer again (kept 24 h) */
                "idempotency-key"?: string;
            };
            path: {
                tenant: string;
                /** @description the record's platform id */
                id: string;
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
                        /** @description the records taken, each durable on its topic */
                        accepted: {
                            /** @description position in `records` (0 for a single record) */
                            index: number;
                            /** @description the record's platform id */
                            platformId: string;
                            /** @description the version accepted: the one sent, or the one assigned when it was left out */
                            version: number;
                            /**
                             * @description durable on its topic; follow statusUrl for what happens in QBO
                             * @enum {string}
                             */
                            status: "accepted";
                            /** @description the record's status: GET it for its state in QBO */
                            statusUrl: string;
                        }[];
                        /** @description the records refused, by index and field; the others of the batch are still taken */
                        rejected: {
                            /** @description position in `records` (0 for a single record) */
                            index: number;
                            /** @description dotted path of the field inside the record */
                            field: string;
                            /** @description the reason code: the validation issue code (e.g. "invalid_type"), "tenant_mismatch" or "version_superseded" */
                            code: string;
                            /** @description why, for people */
                            message: string;
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
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            413: {
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
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            429: {
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
    ingestInvoices: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of your choosing, unique per request: a repeat with the same key and body gets the first answer again (kept 24 h) */
                "idempotency-key"?: string;
            };
            path: {
                tenant: string;
            };
            cookie?: never;
        };
        /** @description one invoice, or { records: [...] } with up to 500 */
        requestBody: {
            content: {
                "application/json": {
                    /** @description the tenant of the path (may be left out) */
                    tenantId?: string;
                    /** @description the tenant's division the record belongs to, when the tenant connects one QBO company per division: the record goes to that division's company with that division's settings; absent = the tenant's own connection */
                    divisionId?: string;
                    /** @description the platform's id of the invoice (1-100 characters), stable for the life of the record */
                    invoiceId: string;
                    /** @description the invoice number shown to people; QBO DocNumber = the settings' invoice prefix + number and must fit 21 characters */
                    number: string;
                    /** @description the platform id of the invoiced customer; the invoice waits (held customer_not_synced) until that customer is linked to QBO */
                    customerId: string;
                    /**
                     * Format: date
                     * @description invoice date, YYYY-MM-DD (QBO TxnDate); the "sync data after" filter compares it
                     */
                    txnDate: string;
                    /**
                     * Format: date
                     * @description due date, YYYY-MM-DD (QBO DueDate)
                     */
                    dueDate?: string;
                    /** @description the market segment of the invoice; when the settings filter on a segment, invoices of another one are skipped */
                    marketSegment?: string;
                    /**
                     * @description ISO 4217 currency code of the amounts; it sets how many decimals a line amount may have (2 for USD, 0 for JPY); default USD
                     * @default USD
                     */
                    currency?: string;
                    /** @description the invoice lines, 1 to 500, in order; their total must not be negative */
                    lines: {
                        /** @description the platform's id of the product sold on this line */
                        productId: string;
                        /** @description the product name: when the product type maps to no QBO item and items sync to QBO, the QBO item of this name is used or created */
                        productName?: string;
                        /** @description the platform product type, looked up in mappings.productTypes (QBO item type and item) */
                        productType?: string;
                        /** @description the platform GL code, looked up in mappings.glCodes for the income account of an item created for this line (default: the settings' income account) */
                        glCode?: string;
                        /** @description line description (QBO line Description) */
                        description?: string;
                        /** @description quantity as a decimal string, e.g. "2" or "1.5" (QBO Qty) */
                        quantity: string;
                        /** @description price of one unit in the invoice currency as a decimal string, e.g. "19.99"; quantity × unitPrice must fit the currency's decimals or the invoice fails with invalid_amount */
                        unitPrice: string;
                        /**
                         * @description true when the line is taxable (QBO TaxCodeRef TAX, else NON); default false
                         * @default false
                         */
                        taxable?: boolean;
                        /**
                         * @description true for a recurring product: a line that matches no item uses mappings.defaults.recurringItemId instead of oneTimeItemId; default false
                         * @default false
                         */
                        recurring?: boolean;
                    }[];
                    /** @description monotonically increasing per record; left out, the service assigns the next one */
                    version?: number;
                } | {
                    /** @description the invoices, 1 to 500; each is accepted or rejected on its own */
                    records: {
                        /** @description the tenant of the path (may be left out) */
                        tenantId?: string;
                        /** @description the tenant's division the record belongs to, when the tenant connects one QBO company per division: the record goes to that division's company with that division's settings; absent = the tenant's own connection */
                        divisionId?: string;
                        /** @description the platform's id of the invoice (1-100 characters), stable for the life of the record */
                        invoiceId: string;
                        /** @description the invoice number shown to people; QBO DocNumber = the settings' invoice prefix + number and must fit 21 characters */
                        number: string;
                        /** @description the platform id of the invoiced customer; the invoice waits (held customer_not_synced) until that customer is linked to QBO */
                        customerId: string;
                        /**
                         * Format: date
                         * @description invoice date, YYYY-MM-DD (QBO TxnDate); the "sync data after" filter compares it
                         */
                        txnDate: string;
                        /**
                         * Format: date
                         * @description due date, YYYY-MM-DD (QBO DueDate)
                         */
                        dueDate?: string;
                        /** @description the market segment of the invoice; when the settings filter on a segment, invoices of another one are skipped */
                        marketSegment?: string;
                        /**
                         * @description ISO 4217 currency code of the amounts; it sets how many decimals a line amount may have (2 for USD, 0 for JPY); default USD
                         * @default USD
                         */
                        currency?: string;
                        /** @description the invoice lines, 1 to 500, in order; their total must not be negative */
                        lines: {
                            /** @description the platform's id of the product sold on this line */
                            productId: string;
                            /** @description the product name: when the product type maps to no QBO item and items sync to QBO, the QBO item of this name is used or created */
                            productName?: string;
                            /** @description the platform product type, looked up in mappings.productTypes (QBO item type and item) */
                            productType?: string;
                            /** @description the platform GL code, looked up in mappings.glCodes for the income account of an item created for this line (default: the settings' income account) */
                            glCode?: string;
                            /** @description line description (QBO line Description) */
                            description?: string;
                            /** @description quantity as a decimal string, e.g. "2" or "1.5" (QBO Qty) */
                            quantity: string;
                            /** @description price of one unit in the invoice currency as a decimal string, e.g. "19.99"; quantity × unitPrice must fit the currency's decimals or the invoice fails with invalid_amount */
                            unitPrice: string;
                            /**
                             * @description true when the line is taxable (QBO TaxCodeRef TAX, else NON); default false
                             * @default false
                             */
                            taxable?: boolean;
                            /**
                             * @description true for a recurring product: a line that matches no item uses mappings.defaults.recurringItemId instead of oneTimeItemId; default false
                             * @default false
                             */
                            recurring?: boolean;
                        }[];
                        /** @description monotonically increasing per record; left out, the service assigns the next one */
                        version?: number;
                    }[];
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
                        /** @description the records taken, each durable on its topic */
                        accepted: {
                            /** @description position in `records` (0 for a single record) */
                            index: number;
                            /** @description the record's platform id */
                            platformId: string;
                            /** @description the version accepted: the one sent, or the one assigned when it was left out */
                            version: number;
                            /**
                             * @description durable on its topic; follow statusUrl for what happens in QBO
                             * @enum {string}
                             */
                            status: "accepted";
                            /** @description the record's status: GET it for its state in QBO */
                            statusUrl: string;
                        }[];
                        /** @description the records refused, by index and field; the others of the batch are still taken */
                        rejected: {
                            /** @description position in `records` (0 for a single record) */
                            index: number;
                            /** @description dotted path of the field inside the record */
                            field: string;
                            /** @description the reason code: the validation issue code (e.g. "invalid_type"), "tenant_mismatch" or "version_superseded" */
                            code: string;
                            /** @description why, for people */
                            message: string;
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
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            413: {
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
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            429: {
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
    voidInvoice: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of your choosing, unique per request: a repeat with the same key and body gets the first answer again (kept 24 h) */
                "idempotency-key"?: string;
            };
            path: {
                tenant: string;
                /** @description the record's platform id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the division the record belongs to, when the tenant connects one QBO company per division */
                    divisionId?: string;
                    /** @description left out, the service assigns the next one */
                    version?: number;
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
                        /** @description the records taken, each durable on its topic */
                        accepted: {
                            /** @description position in `records` (0 for a single record) */
                            index: number;
                            /** @description the record's platform id */
                            platformId: string;
                            /** @description the version accepted: the one sent, or the one assigned when it was left out */
                            version: number;
                            /**
                             * @description durable on its topic; follow statusUrl for what happens in QBO
                             * @enum {string}
                             */
                            status: "accepted";
                            /** @description the record's status: GET it for its state in QBO */
                            statusUrl: string;
                        }[];
                        /** @description the records refused, by index and field; the others of the batch are still taken */
                        rejected: {
                            /** @description position in `records` (0 for a single record) */
                            index: number;
                            /** @description dotted path of the field inside the record */
                            field: string;
                            /** @description the reason code: the validation issue code (e.g. "invalid_type"), "tenant_mismatch" or "version_superseded" */
                            code: string;
                            /** @description why, for people */
                            message: string;
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
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            413: {
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
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            429: {
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
    deleteInvoice: {
        parameters: {
            query?: {
                /** @description the division the record belongs to */
                division?: string;
                /** @description the version of the deletion; left out, the service assigns the next one */
                version?: string;
            };
            header?: {
                /** @description a key of your choosing, unique per request: a repeat with the same key and body gets the first answer again (kept 24 h) */
                "idempotency-key"?: string;
            };
            path: {
                tenant: string;
                /** @description the record's platform id */
                id: string;
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
                        /** @description the records taken, each durable on its topic */
                        accepted: {
                            /** @description position in `records` (0 for a single record) */
                            index: number;
                            /** @description the record's platform id */
                            platformId: string;
                            /** @description the version accepted: the one sent, or the one assigned when it was left out */
                            version: number;
                            /**
                             * @description durable on its topic; follow statusUrl for what happens in QBO
                             * @enum {string}
                             */
                            status: "accepted";
                            /** @description the record's status: GET it for its state in QBO */
                            statusUrl: string;
                        }[];
                        /** @description the records refused, by index and field; the others of the batch are still taken */
                        rejected: {
                            /** @description position in `records` (0 for a single record) */
                            index: number;
                            /** @description dotted path of the field inside the record */
                            field: string;
                            /** @description the reason code: the validation issue code (e.g. "invalid_type"), "tenant_mismatch" or "version_superseded" */
                            code: string;
                            /** @description why, for people */
                            message: string;
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
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            413: {
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
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            429: {
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
    ingestPayments: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of your choosing, unique per request: a repeat with the same key and body gets the first answer again (kept 24 h) */
                "idempotency-key"?: string;
            };
            path: {
                tenant: string;
            };
            cookie?: never;
        };
        /** @description one payment, or { records: [...] } with up to 500 */
        requestBody: {
            content: {
                "application/json": {
                    /** @description the tenant of the path (may be left out) */
                    tenantId?: string;
                    /** @description the tenant's division the record belongs to, when the tenant connects one QBO company per division: the record goes to that division's company with that division's settings; absent = the tenant's own connection */
                    divisionId?: string;
                    /** @description the platform's id of the payment (1-100 characters), stable for the life of the record */
                    paymentId: string;
                    /** @description the platform id of the paying customer (QBO CustomerRef of its linked customer) */
                    customerId: string;
                    /** @description the amount received, a non-negative decimal string (QBO TotalAmt); what is not applied to invoices stays unapplied in QBO */
                    amount: string;
                    /**
                     * Format: date
                     * @description payment date, YYYY-MM-DD (QBO TxnDate); the "sync data after" filter compares it
                     */
                    date: string;
                    /**
                     * @description ISO 4217 currency code of the amounts (the invoices' currency); it sets how many decimals they may have; default USD
                     * @default USD
                     */
                    currency?: string;
                    /** @description the market segment of the payment, when the platform tracks one: the segment filter then applies to it */
                    marketSegment?: string;
                    /** @description the platform payment method, looked up in mappings.paymentMethods (QBO PaymentMethodRef); unmapped = none */
                    method?: string;
                    /** @description the payment's reference (check number, transaction id); QBO PaymentRefNum = the settings' payment prefix + reference, at most 21 characters */
                    reference?: string;
                    /** @description the invoices paid, at most 100; together at most amount */
                    appliedTo: {
                        /** @description the platform id of a paid invoice; the payment waits (held invoice_not_synced) until it is in QBO */
                        invoiceId: string;
                        /** @description the part of the payment applied to that invoice, a positive decimal string */
                        amount: string;
                    }[];
                    /** @description monotonically increasing per record; left out, the service assigns the next one */
                    version?: number;
                } | {
                    /** @description the payments, 1 to 500; each is accepted or rejected on its own */
                    records: {
                        /** @description the tenant of the path (may be left out) */
                        tenantId?: string;
                        /** @description the tenant's division the record belongs to, when the tenant connects one QBO company per division: the record goes to that division's company with that division's settings; absent = the tenant's own connection */
                        divisionId?: string;
                        /** @description the platform's id of the payment (1-100 characters), stable for the life of the record */
                        paymentId: string;
                        /** @description the platform id of the paying customer (QBO CustomerRef of its linked customer) */
                        customerId: string;
                        /** @description the amount received, a non-negative decimal string (QBO TotalAmt); what is not applied to invoices stays unapplied in QBO */
                        amount: string;
                        /**
                         * Format: date
                         * @description payment date, YYYY-MM-DD (QBO TxnDate); the "sync data after" filter compares it
                         */
                        date: string;
                        /**
                         * @description ISO 4217 currency code of the amounts (the invoices' currency); it sets how many decimals they may have; default USD
                         * @default USD
                         */
                        currency?: string;
                        /** @description the market segment of the payment, when the platform tracks one: the segment filter then applies to it */
                        marketSegment?: string;
                        /** @description the platform payment method, looked up in mappings.paymentMethods (QBO PaymentMethodRef); unmapped = none */
                        method?: string;
                        /** @description the payment's reference (check number, transaction id); QBO PaymentRefNum = the settings' payment prefix + reference, at most 21 characters */
                        reference?: string;
                        /** @description the invoices paid, at most 100; together at most amount */
                        appliedTo: {
                            /** @description the platform id of a paid invoice; the payment waits (held invoice_not_synced) until it is in QBO */
                            invoiceId: string;
                            /** @description the part of the payment applied to that invoice, a positive decimal string */
                            amount: string;
                        }[];
                        /** @description monotonically increasing per record; left out, the service assigns the next one */
                        version?: number;
                    }[];
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
                        /** @description the records taken, each durable on its topic */
                        accepted: {
                            /** @description position in `records` (0 for a single record) */
                            index: number;
                            /** @description the record's platform id */
                            platformId: string;
                            /** @description the version accepted: the one sent, or the one assigned when it was left out */
                            version: number;
                            /**
                             * @description durable on its topic; follow statusUrl for what happens in QBO
                             * @enum {string}
                             */
                            status: "accepted";
                            /** @description the record's status: GET it for its state in QBO */
                            statusUrl: string;
                        }[];
                        /** @description the records refused, by index and field; the others of the batch are still taken */
                        rejected: {
                            /** @description position in `records` (0 for a single record) */
                            index: number;
                            /** @description dotted path of the field inside the record */
                            field: string;
                            /** @description the reason code: the validation issue code (e.g. "invalid_type"), "tenant_mismatch" or "version_superseded" */
                            code: string;
                            /** @description why, for people */
                            message: string;
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
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            413: {
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
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            429: {
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
    voidPayment: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of your choosing, unique per request: a repeat with the same key and body gets the first answer again (kept 24 h) */
                "idempotency-key"?: string;
            };
            path: {
                tenant: string;
                /** @description the record's platform id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the division the record belongs to, when the tenant connects one QBO company per division */
                    divisionId?: string;
                    /** @description left out, the service assigns the next one */
                    version?: number;
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
                        /** @description the records taken, each durable on its topic */
                        accepted: {
                            /** @description position in `records` (0 for a single record) */
                            index: number;
                            /** @description the record's platform id */
                            platformId: string;
                            /** @description the version accepted: the one sent, or the one assigned when it was left out */
                            version: number;
                            /**
                             * @description durable on its topic; follow statusUrl for what happens in QBO
                             * @enum {string}
                             */
                            status: "accepted";
                            /** @description the record's status: GET it for its state in QBO */
                            statusUrl: string;
                        }[];
                        /** @description the records refused, by index and field; the others of the batch are still taken */
                        rejected: {
                            /** @description position in `records` (0 for a single record) */
                            index: number;
                            /** @description dotted path of the field inside the record */
                            field: string;
                            /** @description the reason code: the validation issue code (e.g. "invalid_type"), "tenant_mismatch" or "version_superseded" */
                            code: string;
                            /** @description why, for people */
                            message: string;
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
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            413: {
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
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            429: {
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
    deletePayment: {
        parameters: {
            query?: {
                /** @description the division the record belongs to */
                division?: string;
                /** @description the version of the deletion; left out, the service assigns the next one */
                version?: string;
            };
            header?: {
                /** @description a key of your choosing, unique per request: a repeat with the same key and body gets the first answer again (kept 24 h) */
                "idempotency-key"?: string;
            };
            path: {
                tenant: string;
                /** @description the record's platform id */
                id: string;
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
                        /** @description the records taken, each durable on its topic */
                        accepted: {
                            /** @description position in `records` (0 for a single record) */
                            index: number;
                            /** @description the record's platform id */
                            platformId: string;
                            /** @description the version accepted: the one sent, or the one assigned when it was left out */
                            version: number;
                            /**
                             * @description durable on its topic; follow statusUrl for what happens in QBO
                             * @enum {string}
                             */
                            status: "accepted";
                            /** @description the record's status: GET it for its state in QBO */
                            statusUrl: string;
                        }[];
                        /** @description the records refused, by index and field; the others of the batch are still taken */
                        rejected: {
                            /** @description position in `records` (0 for a single record) */
                            index: number;
                            /** @description dotted path of the field inside the record */
                            field: string;
                            /** @description the reason code: the validation issue code (e.g. "invalid_type"), "tenant_mismatch" or "version_superseded" */
                            code: string;
                            /** @description why, for people */
                            message: string;
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
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            413: {
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
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            429: {
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
    getRecordStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenant: string;
                entity: "customers" | "invoices" | "payments";
                platformId: string;
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
                        /** @description the tenant */
                        tenantId: string;
                        /**
                         * @description the kind of record
                         * @enum {string}
                         */
                        entity: "customers" | "invoices" | "payments";
                        /** @description the record's platform id */
                        platformId: string;
                        /** @description the division the record belongs to, when it has one */
                        divisionId: string | null;
                        /** @description the latest version accepted over HTTP (null: only seen on sync.events) */
                        latestVersion: number | null;
                        /** @description what the latest accepted version asked for */
                        operation: ("upsert" | "void" | "delete") | null;
                        /** @description when the latest version was accepted over HTTP (ISO 8601) */
                        acceptedAt: string | null;
                        /**
                         * @description waiting until an outcome of the latest version arrives
                         * @enum {string}
                         */
                        state: "waiting" | "pushed" | "held" | "failed" | "skipped" | "voided" | "deleted";
                        /** @description the QBO id of the record, when it is in QBO */
                        qboId: string | null;
                        /** @description the newest outcome on sync.events.v1 */
                        outcome: {
                            /** @description the sync.events.v1 event type */
                            type: string;
                            /**
                             * @description what the outcome means for the record: pushed, held, failed, skipped, voided or deleted
                             * @enum {string}
                             */
                            state: "pushed" | "held" | "failed" | "skipped" | "voided" | "deleted";
                            /** @description the record version the outcome is for (null when the event does not say) */
                            version: number | null;
                            /** @description the QBO id of the record, when it has one */
                            qboId: string | null;
                            /** @description the QBO DocNumber (invoice) or PaymentRefNum (payment), when any */
                            docNumber: string | null;
                            /** @description pushed: created, updated or adopted (customers: created, updated, deactivated, linked or unchanged) */
                            action: string | null;
                            /** @description why it is held, or the filter that skipped it */
                            reason: string | null;
                            /** @description failed: the stable error code */
                            code: string | null;
                            /** @description held, skipped or failed: the reason in words */
                            message: string | null;
                            /** @description failed: whether a retry may succeed as is */
                            retriable: boolean | null;
                            /** @description the sync run the outcome counts for, when a run queued the record */
                            runId: string | null;
                            /** @description when it happened (ISO 8601) */
                            at: string;
                        } | null;
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
}
