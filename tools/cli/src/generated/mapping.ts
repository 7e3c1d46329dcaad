/**
 * Generated from services/mapping/openapi.json by `npm run generate:api -w @ledgerbus/cli`. Do not edit.
 */
export interface paths {
    "/v1/tenants/{tenant}/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's effective sync settings, mappings and their problems (ETag = version) */
        get: operations["getSettings"];
        /** Replace the sync settings (If-Match required) */
        put: operations["replaceSettings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant}/mappings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Payment-method, GL-code and product-type mappings and the defaults (ETag = settings version) */
        get: operations["getMappings"];
        /** Replace the mappings (If-Match required); every QBO reference is checked against the connected company */
        put: operations["replaceMappings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant}/reference/{kind}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The connected company's accounts, payment methods, tax codes, classes or items, for drop-downs */
        get: operations["listReferenceData"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant}/links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Links between platform records and QBO records */
        get: operations["listLinks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant}/links/{entity}/{platformId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The link status a record's page shows ("linked to QBO #123", "not linked", "sync failed: …") */
        get: operations["getLink"];
        /** Link a platform record to a QBO record by hand (published on sync.links.v1) */
        put: operations["setLink"];
        post?: never;
        /** Unlink a platform record (published on sync.links.v1) */
        delete: operations["deleteLink"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant}/sync-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every sync outcome, newest first (outcome=failed lists failures with their reason, outcome=held records that wait, outcome=skipped filtered ones) */
        get: operations["listSyncLog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant}/sync-log/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How many records are held now, by entity and reason (a record stops counting at its next pushed, failed, voided, deleted or skipped outcome) */
        get: operations["getSyncLogSummary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant}/sync-log/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One sync-log entry */
        get: operations["getSyncLogEntry"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant}/sync-log/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ask the owning service to replay a failed, skipped or held record (publishes sync.retry_requested; 409 not_retriable for other outcomes) */
        post: operations["retrySyncLogEntry"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant}/sync-log/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every run the sync log has seen (onboarding, imports and sync runs) with its phases' start, end and counts, and the last synchronized time */
        get: operations["listSyncLogRuns"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant}/sync-runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Sync runs, newest first, with their phases and figures */
        get: operations["listSyncRuns"];
        put?: never;
        /** "Synchronize now": a run that makes the company current, phase by phase (inbound → customers → invoices → payments); 409 run_in_progress names the running run */
        post: operations["startSyncRun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant}/sync-runs/{runId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One run: status, who started it, its phases with times, figures and progress */
        get: operations["getSyncRun"];
        put?: never;
        post?: never;
        /** Cancel a run: no next phase starts and no further record is queued (records already queued are pushed as live records); 409 run_finished */
        delete: operations["cancelSyncRun"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant}/sync-runs/{runId}/records": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The run's records and their outcome (outcome=failed lists every failure with its reason) */
        get: operations["listSyncRunRecords"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant}/integration": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The integration at a glance: enabled, connection, each entity on or off and its direction, what blocks enabling, the active and the last run */
        get: operations["getIntegration"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant}/integration/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** "Enable Integration": checks the settings (422 names each blocking field), enables pushing and starts the initial run */
        post: operations["enableIntegration"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant}/integration/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Disable integration: nothing is pushed, new records are held (sync_disabled) until it is enabled again; a running run is cancelled */
        post: operations["disableIntegration"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant}/sync-log/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Bulk retry: the records whose latest outcome matches the filter are retried by one run (follow it at the Location) */
        post: operations["retryFailedRecords"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant}/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every change, newest first, with its actor (user or service account), time, before and after */
        get: operations["listAuditEntries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant}/dead-letters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's dead-lettered platform messages (platform.*.dlq), newest first, with why they died */
        get: operations["listDeadLetters"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant}/dead-letters/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One dead letter with its key, headers and value as they were on the source topic */
        get: operations["getDeadLetter"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant}/dead-letters/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Republish dead letters to their source topic (same key, value and headers) so the consumer handles them again after a fix; marks them replayed. One already replayed is not sent again. */
        post: operations["replayDeadLetters"];
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
    getSettings: {
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
                        tenantId: string;
                        divisionId?: string;
                        version: number;
                        settings: {
                            /** @description set by POST …/integration/enable and …/disable (a settings save keeps it): while off nothing is pushed and records are held (sync_disabled); the enable run releases them */
                            integration: {
                                /**
                                 * @description false while the integration is disabled; default true
                                 * @default true
                                 */
                                enabled: boolean;
                            };
                            /** @description which way each kind of record flows */
                            entities: {
                                /**
                                 * @description customers: off, to_qbo, from_qbo or both (two-way); default to_qbo
                                 * @default to_qbo
                                 * @enum {string}
                                 */
                                customers: "off" | "to_qbo" | "from_qbo" | "both";
                                /**
                                 * @description items: to_qbo or both lets invoice-push create a QBO item for an unmapped product by name; default to_qbo
                                 * @default to_qbo
                                 * @enum {string}
                                 */
                                items: "off" | "to_qbo" | "from_qbo" | "both";
                                /**
                                 * @description employees: default off
                                 * @default off
                                 * @enum {string}
                                 */
                                employees: "off" | "to_qbo" | "from_qbo" | "both";
                            };
                            /** @description invoice push */
                            invoices: {
                                /**
                                 * @description true: platform invoices are pushed to QBO; default false
                                 * @default false
                                 */
                                enabled: boolean;
                            };
                            /** @description payments can only be synchronized when invoices are */
                            payments: {
                                /**
                                 * @description true: platform payments are pushed to QBO (requires invoices.enabled); default false
                                 * @default false
                                 */
                                enabled: boolean;
                            };
                            /** @description the QBO accounts that invoices, created items and payments use (ids in the connected company; null = not set) */
                            accounts: {
                                /**
                                 * @description QBO Account of type Accounts Receivable
                                 * @default null
                                 */
                                accountsReceivable: string | null;
                                /**
                                 * @description QBO Account of type Income
                                 * @default null
                                 */
                                income: string | null;
                                /**
                                 * @description QBO Account of type Expense or Cost of Goods Sold
                                 * @default null
                                 */
                                expense: string | null;
                                /**
                                 * @description QBO Account of type Bank or Other Current Asset
                                 * @default null
                                 */
                                deposit: string | null;
                            };
                            /** @description optional prefixes that make QBO document numbers tell ledgerbus records apart */
                            documentPrefixes: {
                                /** @description prefix of invoice DocNumbers */
                                invoices: {
                                    /**
                                     * @description when false the number is sent without the prefix; default true
                                     * @default true
                                     */
                                    enabled: boolean;
                                    /**
                                     * @description prepended to the platform number to form the QBO DocNumber (invoices) or PaymentRefNum (payments); no spaces; default empty
                                     * @default
                                     */
                                    prefix: string;
                                };
                                /** @description prefix of payment PaymentRefNums */
                                payments: {
                                    /**
                                     * @description when false the number is sent without the prefix; default true
                                     * @default true
                                     */
                                    enabled: boolean;
                                    /**
                                     * @description prepended to the platform number to form the QBO DocNumber (invoices) or PaymentRefNum (payments); no spaces; default empty
                                     * @default
                                     */
                                    prefix: string;
                                };
                                /**
                                 * @description the longest invoice/payment number the platform produces (1-21); prefix + number must fit QBO's 21 characters; default 12
                                 * @default 12
                                 */
                                platformNumberMaxLength: number;
                            };
                            /** @description records left out of the push (skipped, with the filter named); null = no filter */
                            filters: {
                                /**
                                 * @description only records dated on or after this day
                                 * @default null
                                 */
                                syncDataAfter: string | null;
                                /**
                                 * @description only records of this market segment
                                 * @default null
                                 */
                                marketSegment: string | null;
                            };
                            /** @description rules for customers that come from QBO */
                            customerRules: {
                                /**
                                 * @description a QBO customer without a billing state takes defaultState; when off it fails with customer_state_unknown; default false
                                 * @default false
                                 */
                                useDefaultState: boolean;
                                /**
                                 * @description the state given to QBO customers that have none (with useDefaultState)
                                 * @default null
                                 */
                                defaultState: string | null;
                                /**
                                 * @description the country given with the default state to customers that have none
                                 * @default null
                                 */
                                defaultCountry: string | null;
                                /**
                                 * @description sites take the client's state and country
                                 * @default false
                                 */
                                useClientAddressForSites: boolean;
                                /**
                                 * @description QBO sub-customers become sites, during onboarding only
                                 * @default true
                                 */
                                subCustomersAsSitesOnOnboarding: boolean;
                            };
                            /**
                             * @description which side wins when a two-way customer changed on both sides; default newest_wins
                             * @default newest_wins
                             * @enum {string}
                             */
                            conflictRule: "qbo_wins" | "platform_wins" | "newest_wins";
                        };
                        mappings: {
                            /**
                             * @description platform payment method → QBO PaymentMethod id
                             * @default {}
                             */
                            paymentMethods: {
                                [key: string]: string;
                            };
                            /**
                             * @description platform GL code → QBO Income account id
                             * @default {}
                             */
                            glCodes: {
                                [key: string]: string;
                            };
                            /**
                             * @description platform product type → QBO item type and an optional QBO Item id
                             * @default {}
                             */
                            productTypes: {
                                [key: string]: {
                                    /**
                                     * @description the QBO item type of items created for this product type
                                     * @enum {string}
                                     */
                                    itemType: "Service" | "NonInventory" | "Inventory";
                                    /**
                                     * @description the QBO Item every product of this type is invoiced as; null = an item by the product name
                                     * @default null
                                     */
                                    itemId: string | null;
                                };
                            };
                            /** @description defaults for what matches no mapping (QBO ids of the connected company; null = none) */
                            defaults: {
                                /**
                                 * @description QBO Item for one-time products that match nothing
                                 * @default null
                                 */
                                oneTimeItemId: string | null;
                                /**
                                 * @description QBO Item for recurring products that match nothing
                                 * @default null
                                 */
                                recurringItemId: string | null;
                                /**
                                 * @description platform product for QBO items that match nothing
                                 * @default null
                                 */
                                platformProductId: string | null;
                                /**
                                 * @description QBO TaxCode
                                 * @default null
                                 */
                                taxCodeId: string | null;
                                /**
                                 * @description QBO Class
                                 * @default null
                                 */
                                classId: string | null;
                                /**
                                 * @description platform bill profile for customers created from QBO
                                 * @default null
                                 */
                                billProfileId: string | null;
                            };
                        };
                        /** @description mapped QBO objects that are missing, inactive or of the wrong type */
                        problems: {
                            /** @description dotted path of the setting or mapping, e.g. "settings.accounts.income" or "mappings.glCodes.4000" */
                            field: string;
                            /** @description QBO entity: Account, PaymentMethod, TaxCode, Class, Item */
                            entity: string;
                            /** @description the QBO id the field points at */
                            qboId: string;
                            /**
                             * @description missing (not in the company), inactive, wrong_type (e.g. an income mapping that is not an Income account), not_connected (no company to check against)
                             * @enum {string}
                             */
                            reason: "missing" | "inactive" | "wrong_type" | "not_connected";
                            /** @description the problem in words, for the admin */
                            message: string;
                        }[];
                        connection: {
                            realmId: string;
                            companyName: string;
                            /** @enum {string} */
                            status: "connected" | "reauthorization_required" | "disconnected";
                        } | null;
                        updatedAt: string | null;
                        updatedBy: string | null;
                        /** @description the newest settings version each worker reported applying (settings.applied), e.g. {"invoice-push": 3, "payment-push": 3, "customer-sync": 3}; a worker that never reported is absent. Wait until every worker you run shows `version` or more. */
                        appliedBy: {
                            [key: string]: number;
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
    replaceSettings: {
        parameters: {
            query?: {
                division?: string;
            };
            header?: {
                /** @description the ETag of the version being changed (from GET); required */
                "if-match"?: string;
            };
            path: {
                tenant: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description set by POST …/integration/enable and …/disable (a settings save keeps it): while off nothing is pushed and records are held (sync_disabled); the enable run releases them
                     * @default {}
                     */
                    integration?: {
                        /**
                         * @description false while the integration is disabled; default true
                         * @default true
                         */
                        enabled?: boolean;
                    };
                    /**
                     * @description which way each kind of record flows
                     * @default {}
                     */
                    entities?: {
                        /**
                         * @description customers: off, to_qbo, from_qbo or both (two-way); default to_qbo
                         * @default to_qbo
                         * @enum {string}
                         */
                        customers?: "off" | "to_qbo" | "from_qbo" | "both";
                        /**
                         * @description items: to_qbo or both lets invoice-push create a QBO item for an unmapped product by name; default to_qbo
                         * @default to_qbo
                         * @enum {string}
                         */
                        items?: "off" | "to_qbo" | "from_qbo" | "both";
                        /**
                         * @description employees: default off
                         * @default off
                         * @enum {string}
                         */
                        employees?: "off" | "to_qbo" | "from_qbo" | "both";
                    };
                    /**
                     * @description invoice push
                     * @default {}
                     */
                    invoices?: {
                        /**
                         * @description true: platform invoices are pushed to QBO; default false
                         * @default false
                         */
                        enabled?: boolean;
                    };
                    /**
                     * @description payments can only be synchronized when invoices are
                     * @default {}
                     */
                    payments?: {
                        /**
                         * @description true: platform payments are pushed to QBO (requires invoices.enabled); default false
                         * @default false
                         */
                        enabled?: boolean;
                    };
                    /**
                     * @description the QBO accounts that invoices, created items and payments use (ids in the connected company; null = not set)
                     * @default {}
                     */
                    accounts?: {
                        /**
                         * @description QBO Account of type Accounts Receivable
                         * @default null
                         */
                        accountsReceivable?: string | null;
                        /**
                         * @description QBO Account of type Income
                         * @default null
                         */
                        income?: string | null;
                        /**
                         * @description QBO Account of type Expense or Cost of Goods Sold
                         * @default null
                         */
                        expense?: string | null;
                        /**
                         * @description QBO Account of type Bank or Other Current Asset
                         * @default null
                         */
                        deposit?: string | null;
                    };
                    /**
                     * @description optional prefixes that make QBO document numbers tell ledgerbus records apart
                     * @default {}
                     */
                    documentPrefixes?: {
                        /**
                         * @description prefix of invoice DocNumbers
                         * @default {}
                         */
                        invoices?: {
                            /**
                             * @description when false the number is sent without the prefix; default true
                             * @default true
                             */
                            enabled?: boolean;
                            /**
                             * @description prepended to the platform number to form the QBO DocNumber (invoices) or PaymentRefNum (payments); no spaces; default empty
                             * @default
                             */
                            prefix?: string;
                        };
                        /**
                         * @description prefix of payment PaymentRefNums
                         * @default {}
                         */
                        payments?: {
                            /**
                             * @description when false the number is sent without the prefix; default true
                             * @default true
                             */
                            enabled?: boolean;
                            /**
                             * @description prepended to the platform number to form the QBO DocNumber (invoices) or PaymentRefNum (payments); no spaces; default empty
                             * @default
                             */
                            prefix?: string;
                        };
                        /**
                         * @description the longest invoice/payment number the platform produces (1-21); prefix + number must fit QBO's 21 characters; default 12
                         * @default 12
                         */
                        platformNumberMaxLength?: number;
                    };
                    /**
                     * @description records left out of the push (skipped, with the filter named); null = no filter
                     * @default {}
                     */
                    filters?: {
                        /**
                         * @description only records dated on or after this day
                         * @default null
                         */
                        syncDataAfter?: string | null;
                        /**
                         * @description only records of this market segment
                         * @default null
                         */
                        marketSegment?: string | null;
                    };
                    /**
                     * @description rules for customers that come from QBO
                     * @default {}
                     */
                    customerRules?: {
                        /**
                         * @description a QBO customer without a billing state takes defaultState; when off it fails with customer_state_unknown; default false
                         * @default false
                         */
                        useDefaultState?: boolean;
                        /**
                         * @description the state given to QBO customers that have none (with useDefaultState)
                         * @default null
                         */
                        defaultState?: string | null;
                        /**
                         * @description the country given with the default state to customers that have none
                         * @default null
                         */
                        defaultCountry?: string | null;
                        /**
                         * @description sites take the client's state and country
                         * @default false
                         */
                        useClientAddressForSites?: boolean;
                        /**
                         * @description QBO sub-customers become sites, during onboarding only
                         * @default true
                         */
                        subCustomersAsSitesOnOnboarding?: boolean;
                    };
                    /**
                     * @description which side wins when a two-way customer changed on both sides; default newest_wins
                     * @default newest_wins
                     * @enum {string}
                     */
                    conflictRule?: "qbo_wins" | "platform_wins" | "newest_wins";
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
                        tenantId: string;
                        divisionId?: string;
                        version: number;
                        settings: {
                            /** @description set by POST …/integration/enable and …/disable (a settings save keeps it): while off nothing is pushed and records are held (sync_disabled); the enable run releases them */
                            integration: {
                                /**
                                 * @description false while the integration is disabled; default true
                                 * @default true
                                 */
                                enabled: boolean;
                            };
                            /** @description which way each kind of record flows */
                            entities: {
                                /**
                                 * @description customers: off, to_qbo, from_qbo or both (two-way); default to_qbo
                                 * @default to_qbo
                                 * @enum {string}
                                 */
                                customers: "off" | "to_qbo" | "from_qbo" | "both";
                                /**
                                 * @description items: to_qbo or both lets invoice-push create a QBO item for an unmapped product by name; default to_qbo
                                 * @default to_qbo
                                 * @enum {string}
                                 */
                                items: "off" | "to_qbo" | "from_qbo" | "both";
                                /**
                                 * @description employees: default off
                                 * @default off
                                 * @enum {string}
                                 */
                                employees: "off" | "to_qbo" | "from_qbo" | "both";
                            };
                            /** @description invoice push */
                            invoices: {
                                /**
                                 * @description true: platform invoices are pushed to QBO; default false
                                 * @default false
                                 */
                                enabled: boolean;
                            };
                            /** @description payments can only be synchronized when invoices are */
                            payments: {
                                /**
                                 * @description true: platform payments are pushed to QBO (requires invoices.enabled); default false
                                 * @default false
                                 */
                                enabled: boolean;
                            };
                            /** @description the QBO accounts that invoices, created items and payments use (ids in the connected company; null = not set) */
                            accounts: {
                                /**
                                 * @description QBO Account of type Accounts Receivable
                                 * @default null
                                 */
                                accountsReceivable: string | null;
                                /**
                                 * @description QBO Account of type Income
                                 * @default null
                                 */
                                income: string | null;
                                /**
                                 * @description QBO Account of type Expense or Cost of Goods Sold
                                 * @default null
                                 */
                                expense: string | null;
                                /**
                                 * @description QBO Account of type Bank or Other Current Asset
                                 * @default null
                                 */
                                deposit: string | null;
                            };
                            /** @description optional prefixes that make QBO document numbers tell ledgerbus records apart */
                            documentPrefixes: {
                                /** @description prefix of invoice DocNumbers */
                                invoices: {
                                    /**
                                     * @description when false the number is sent without the prefix; default true
                                     * @default true
                                     */
                                    enabled: boolean;
                                    /**
                                     * @description prepended to the platform number to form the QBO DocNumber (invoices) or PaymentRefNum (payments); no spaces; default empty
                                     * @default
                                     */
                                    prefix: string;
                                };
                                /** @description prefix of payment PaymentRefNums */
                                payments: {
                                    /**
                                     * @description when false the number is sent without the prefix; default true
                                     * @default true
                                     */
                                    enabled: boolean;
                                    /**
                                     * @description prepended to the platform number to form the QBO DocNumber (invoices) or PaymentRefNum (payments); no spaces; default empty
                                     * @default
                                     */
                                    prefix: string;
                                };
                                /**
                                 * @description the longest invoice/payment number the platform produces (1-21); prefix + number must fit QBO's 21 characters; default 12
                                 * @default 12
                                 */
                                platformNumberMaxLength: number;
                            };
                            /** @description records left out of the push (skipped, with the filter named); null = no filter */
                            filters: {
                                /**
                                 * @description only records dated on or after this day
                                 * @default null
                                 */
                                syncDataAfter: string | null;
                                /**
                                 * @description only records of this market segment
                                 * @default null
                                 */
                                marketSegment: string | null;
                            };
                            /** @description rules for customers that come from QBO */
                            customerRules: {
                                /**
                                 * @description a QBO customer without a billing state takes defaultState; when off it fails with customer_state_unknown; default false
                                 * @default false
                                 */
                                useDefaultState: boolean;
                                /**
                                 * @description the state given to QBO customers that have none (with useDefaultState)
                                 * @default null
                                 */
                                defaultState: string | null;
                                /**
                                 * @description the country given with the default state to customers that have none
                                 * @default null
                                 */
                                defaultCountry: string | null;
                                /**
                                 * @description sites take the client's state and country
                                 * @default false
                                 */
                                useClientAddressForSites: boolean;
                                /**
                                 * @description QBO sub-customers become sites, during onboarding only
                                 * @default true
                                 */
                                subCustomersAsSitesOnOnboarding: boolean;
                            };
                            /**
                             * @description which side wins when a two-way customer changed on both sides; default newest_wins
                             * @default newest_wins
                             * @enum {string}
                             */
                            conflictRule: "qbo_wins" | "platform_wins" | "newest_wins";
                        };
                        mappings: {
                            /**
                             * @description platform payment method → QBO PaymentMethod id
                             * @default {}
                             */
                            paymentMethods: {
                                [key: string]: string;
                            };
                            /**
                             * @description platform GL code → QBO Income account id
                             * @default {}
                             */
                            glCodes: {
                                [key: string]: string;
                            };
                            /**
                             * @description platform product type → QBO item type and an optional QBO Item id
                             * @default {}
                             */
                            productTypes: {
                                [key: string]: {
                                    /**
                                     * @description the QBO item type of items created for this product type
                                     * @enum {string}
                                     */
                                    itemType: "Service" | "NonInventory" | "Inventory";
                                    /**
                                     * @description the QBO Item every product of this type is invoiced as; null = an item by the product name
                                     * @default null
                                     */
                                    itemId: string | null;
                                };
                            };
                            /** @description defaults for what matches no mapping (QBO ids of the connected company; null = none) */
                            defaults: {
                                /**
                                 * @description QBO Item for one-time products that match nothing
                                 * @default null
                                 */
                                oneTimeItemId: string | null;
                                /**
                                 * @description QBO Item for recurring products that match nothing
                                 * @default null
                                 */
                                recurringItemId: string | null;
                                /**
                                 * @description platform product for QBO items that match nothing
                                 * @default null
                                 */
                                platformProductId: string | null;
                                /**
                                 * @description QBO TaxCode
                                 * @default null
                                 */
                                taxCodeId: string | null;
                                /**
                                 * @description QBO Class
                                 * @default null
                                 */
                                classId: string | null;
                                /**
                                 * @description platform bill profile for customers created from QBO
                                 * @default null
                                 */
                                billProfileId: string | null;
                            };
                        };
                        /** @description mapped QBO objects that are missing, inactive or of the wrong type */
                        problems: {
                            /** @description dotted path of the setting or mapping, e.g. "settings.accounts.income" or "mappings.glCodes.4000" */
                            field: string;
                            /** @description QBO entity: Account, PaymentMethod, TaxCode, Class, Item */
                            entity: string;
                            /** @description the QBO id the field points at */
                            qboId: string;
                            /**
                             * @description missing (not in the company), inactive, wrong_type (e.g. an income mapping that is not an Income account), not_connected (no company to check against)
                             * @enum {string}
                             */
                            reason: "missing" | "inactive" | "wrong_type" | "not_connected";
                            /** @description the problem in words, for the admin */
                            message: string;
                        }[];
                        connection: {
                            realmId: string;
                            companyName: string;
                            /** @enum {string} */
                            status: "connected" | "reauthorization_required" | "disconnected";
                        } | null;
                        updatedAt: string | null;
                        updatedBy: string | null;
                        /** @description the newest settings version each worker reported applying (settings.applied), e.g. {"invoice-push": 3, "payment-push": 3, "customer-sync": 3}; a worker that never reported is absent. Wait until every worker you run shows `version` or more. */
                        appliedBy: {
                            [key: string]: number;
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
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            412: {
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
            428: {
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
    getMappings: {
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
                        tenantId: string;
                        divisionId?: string;
                        version: number;
                        mappings: {
                            /**
                             * @description platform payment method → QBO PaymentMethod id
                             * @default {}
                             */
                            paymentMethods: {
                                [key: string]: string;
                            };
                            /**
                             * @description platform GL code → QBO Income account id
                             * @default {}
                             */
                            glCodes: {
                                [key: string]: string;
                            };
                            /**
                             * @description platform product type → QBO item type and an optional QBO Item id
                             * @default {}
                             */
                            productTypes: {
                                [key: string]: {
                                    /**
                                     * @description the QBO item type of items created for this product type
                                     * @enum {string}
                                     */
                                    itemType: "Service" | "NonInventory" | "Inventory";
                                    /**
                                     * @description the QBO Item every product of this type is invoiced as; null = an item by the product name
                                     * @default null
                                     */
                                    itemId: string | null;
                                };
                            };
                            /** @description defaults for what matches no mapping (QBO ids of the connected company; null = none) */
                            defaults: {
                                /**
                                 * @description QBO Item for one-time products that match nothing
                                 * @default null
                                 */
                                oneTimeItemId: string | null;
                                /**
                                 * @description QBO Item for recurring products that match nothing
                                 * @default null
                                 */
                                recurringItemId: string | null;
                                /**
                                 * @description platform product for QBO items that match nothing
                                 * @default null
                                 */
                                platformProductId: string | null;
                                /**
                                 * @description QBO TaxCode
                                 * @default null
                                 */
                                taxCodeId: string | null;
                                /**
                                 * @description QBO Class
                                 * @default null
                                 */
                                classId: string | null;
                                /**
                                 * @description platform bill profile for customers created from QBO
                                 * @default null
                                 */
                                billProfileId: string | null;
                            };
                        };
                        /** @description mapped QBO objects that are missing, inactive or of the wrong type */
                        problems: {
                            /** @description dotted path of the setting or mapping, e.g. "settings.accounts.income" or "mappings.glCodes.4000" */
                            field: string;
                            /** @description QBO entity: Account, PaymentMethod, TaxCode, Class, Item */
                            entity: string;
                            /** @description the QBO id the field points at */
                            qboId: string;
                            /**
                             * @description missing (not in the company), inactive, wrong_type (e.g. an income mapping that is not an Income account), not_connected (no company to check against)
                             * @enum {string}
                             */
                            reason: "missing" | "inactive" | "wrong_type" | "not_connected";
                            /** @description the problem in words, for the admin */
                            message: string;
                        }[];
                        /** @description the newest settings version each worker reported applying (settings.applied), e.g. {"invoice-push": 3, "payment-push": 3, "customer-sync": 3}; a worker that never reported is absent. Wait until every worker you run shows `version` or more. */
                        appliedBy: {
                            [key: string]: number;
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
    replaceMappings: {
        parameters: {
            query?: {
                division?: string;
            };
            header?: {
                /** @description the ETag of the version being changed (from GET); required */
                "if-match"?: string;
            };
            path: {
                tenant: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description platform payment method → QBO PaymentMethod id
                     * @default {}
                     */
                    paymentMethods?: {
                        [key: string]: string;
                    };
                    /**
                     * @description platform GL code → QBO Income account id
                     * @default {}
                     */
                    glCodes?: {
                        [key: string]: string;
                    };
                    /**
                     * @description platform product type → QBO item type and an optional QBO Item id
                     * @default {}
                     */
                    productTypes?: {
                        [key: string]: {
                            /**
                             * @description the QBO item type of items created for this product type
                             * @enum {string}
                             */
                            itemType: "Service" | "NonInventory" | "Inventory";
                            /**
                             * @description the QBO Item every product of this type is invoiced as; null = an item by the product name
                             * @default null
                             */
                            itemId?: string | null;
                        };
                    };
                    /**
                     * @description defaults for what matches no mapping (QBO ids of the connected company; null = none)
                     * @default {}
                     */
                    defaults?: {
                        /**
                         * @description QBO Item for one-time products that match nothing
                         * @default null
                         */
                        oneTimeItemId?: string | null;
                        /**
                         * @description QBO Item for recurring products that match nothing
                         * @default null
                         */
                        recurringItemId?: string | null;
                        /**
                         * @description platform product for QBO items that match nothing
                         * @default null
                         */
                        platformProductId?: string | null;
                        /**
                         * @description QBO TaxCode
                         * @default null
                         */
                        taxCodeId?: string | null;
                        /**
                         * @description QBO Class
                         * @default null
                         */
                        classId?: string | null;
                        /**
                         * @description platform bill profile for customers created from QBO
                         * @default null
                         */
                        billProfileId?: string | null;
                    };
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
                        tenantId: string;
                        divisionId?: string;
                        version: number;
                        mappings: {
                            /**
                             * @description platform payment method → QBO PaymentMethod id
                             * @default {}
                             */
                            paymentMethods: {
                                [key: string]: string;
                            };
                            /**
                             * @description platform GL code → QBO Income account id
                             * @default {}
                             */
                            glCodes: {
                                [key: string]: string;
                            };
                            /**
                             * @description platform product type → QBO item type and an optional QBO Item id
                             * @default {}
                             */
                            productTypes: {
                                [key: string]: {
                                    /**
                                     * @description the QBO item type of items created for this product type
                                     * @enum {string}
                                     */
                                    itemType: "Service" | "NonInventory" | "Inventory";
                                    /**
                                     * @description the QBO Item every product of this type is invoiced as; null = an item by the product name
                                     * @default null
                                     */
                                    itemId: string | null;
                                };
                            };
                            /** @description defaults for what matches no mapping (QBO ids of the connected company; null = none) */
                            defaults: {
                                /**
                                 * @description QBO Item for one-time products that match nothing
                                 * @default null
                                 */
                                oneTimeItemId: string | null;
                                /**
                                 * @description QBO Item for recurring products that match nothing
                                 * @default null
                                 */
                                recurringItemId: string | null;
                                /**
                                 * @description platform product for QBO items that match nothing
                                 * @default null
                                 */
                                platformProductId: string | null;
                                /**
                                 * @description QBO TaxCode
                                 * @default null
                                 */
                                taxCodeId: string | null;
                                /**
                                 * @description QBO Class
                                 * @default null
                                 */
                                classId: string | null;
                                /**
                                 * @description platform bill profile for customers created from QBO
                                 * @default null
                                 */
                                billProfileId: string | null;
                            };
                        };
                        /** @description mapped QBO objects that are missing, inactive or of the wrong type */
                        problems: {
                            /** @description dotted path of the setting or mapping, e.g. "settings.accounts.income" or "mappings.glCodes.4000" */
                            field: string;
                            /** @description QBO entity: Account, PaymentMethod, TaxCode, Class, Item */
                            entity: string;
                            /** @description the QBO id the field points at */
                            qboId: string;
                            /**
                             * @description missing (not in the company), inactive, wrong_type (e.g. an income mapping that is not an Income account), not_connected (no company to check against)
                             * @enum {string}
                             */
                            reason: "missing" | "inactive" | "wrong_type" | "not_connected";
                            /** @description the problem in words, for the admin */
                            message: string;
                        }[];
                        /** @description the newest settings version each worker reported applying (settings.applied), e.g. {"invoice-push": 3, "payment-push": 3, "customer-sync": 3}; a worker that never reported is absent. Wait until every worker you run shows `version` or more. */
                        appliedBy: {
                            [key: string]: number;
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
            /** @description Every error answer: { "error": { "code", "message", "details" } } */
            412: {
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
            428: {
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
    listReferenceData: {
        parameters: {
            query?: {
                /** @description comma-separated types: AccountType for accounts ("Income", "Bank,Other Current Asset"), Type for items and payment methods */
                type?: string;
                includeInactive?: "true" | "false";
                limit?: number;
                division?: string;
            };
            header?: never;
            path: {
                tenant: string;
                kind: "accounts" | "payment-methods" | "tax-codes" | "classes" | "items";
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
                        connected: boolean;
                        realmId: string | null;
                        items: {
                            id: string;
                            name: string;
                            type: string | null;
                            active: boolean;
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
    listLinks: {
        parameters: {
            query?: {
                entity?: "customer" | "invoice" | "payment" | "item" | "employee" | "account" | "payment_method";
                /** @description only this division's links (default: the tenant's and every division's) */
                division?: string;
                /** @description cursor: the `next` of the previous page ("entity/platformId/divisionId") */
                after?: string;
                limit?: number;
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
                        links: {
                            entity: string;
                            platformId: string;
                            /** @description the division whose company holds the QBO record (null: the tenant itself) */
                            divisionId?: string | null;
                            /** @enum {string} */
                            status: "linked" | "not_linked" | "failed";
                            qboId: string | null;
                            label: string;
                            source: ("sync" | "manual") | null;
                            linkedAt: string | null;
                        }[];
                        next: string | null;
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
    getLink: {
        parameters: {
            query?: {
                division?: string;
            };
            header?: never;
            path: {
                tenant: string;
                entity: "customer" | "invoice" | "payment" | "item" | "employee" | "account" | "payment_method";
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
                        entity: string;
                        platformId: string;
                        /** @description the division whose company holds the QBO record (null: the tenant itself) */
                        divisionId?: string | null;
                        /** @enum {string} */
                        status: "linked" | "not_linked" | "failed";
                        qboId: string | null;
                        label: string;
                        source: ("sync" | "manual") | null;
                        linkedAt: string | null;
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
    setLink: {
        parameters: {
            query?: {
                division?: string;
            };
            header?: never;
            path: {
                tenant: string;
                entity: "customer" | "invoice" | "payment" | "item" | "employee" | "account" | "payment_method";
                platformId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the QBO record (id in the connected company) to link the platform record to */
                    qboId: string;
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
                        platformId: string;
                        /** @description the division whose company holds the QBO record (null: the tenant itself) */
                        divisionId?: string | null;
                        /** @enum {string} */
                        status: "linked" | "not_linked" | "failed";
                        qboId: string | null;
                        label: string;
                        source: ("sync" | "manual") | null;
                        linkedAt: string | null;
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
    deleteLink: {
        parameters: {
            query?: {
                division?: string;
            };
            header?: never;
            path: {
                tenant: string;
                entity: "customer" | "invoice" | "payment" | "item" | "employee" | "account" | "payment_method";
                platformId: string;
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
        };
    };
    listSyncLog: {
        parameters: {
            query?: {
                outcome?: "succeeded" | "failed" | "skipped" | "held" | "requested" | "info";
                /** @description only this division's entries (default: the tenant's and every division's) */
                division?: string;
                entity?: string;
                platformId?: string;
                runId?: string;
                /** @description cursor: entries older than this id */
                before?: string;
                limit?: number;
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
                            eventId: string;
                            /** @description the division the outcome is about (null: the tenant itself) */
                            divisionId: string | null;
                            type: string;
                            entity: string;
                            platformId: string | null;
                            qboId: string | null;
                            /**
                             * @description succeeded; failed (retriable from here); skipped (a filter: sync-after date, market segment); held (waits for `reason` to clear: pushed then on its own, or retried from here); requested (a command); info
                             * @enum {string}
                             */
                            outcome: "succeeded" | "failed" | "skipped" | "held" | "requested" | "info";
                            /** @description failed: the error; held: the hold reason (not_connected, settings_missing, sync_disabled …); skipped: the filter */
                            reason: string | null;
                            runId: string | null;
                            phase: string | null;
                            occurredAt: string;
                            retryRequestedAt: string | null;
                            retryRequestedBy: string | null;
                            data: unknown;
                        }[];
                        next: string | null;
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
    getSyncLogSummary: {
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
                        /** @description records held now (their latest outcome is `*.held`), by entity and reason */
                        held: {
                            total: number;
                            byEntity: {
                                [key: string]: {
                                    total: number;
                                    byReason: {
                                        [key: string]: number;
                                    };
                                };
                            };
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
    getSyncLogEntry: {
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
                        id: string;
                        eventId: string;
                        /** @description the division the outcome is about (null: the tenant itself) */
                        divisionId: string | null;
                        type: string;
                        entity: string;
                        platformId: string | null;
                        qboId: string | null;
                        /**
                         * @description succeeded; failed (retriable from here); skipped (a filter: sync-after date, market segment); held (waits for `reason` to clear: pushed then on its own, or retried from here); requested (a command); info
                         * @enum {string}
                         */
                        outcome: "succeeded" | "failed" | "skipped" | "held" | "requested" | "info";
                        /** @description failed: the error; held: the hold reason (not_connected, settings_missing, sync_disabled …); skipped: the filter */
                        reason: string | null;
                        runId: string | null;
                        phase: string | null;
                        occurredAt: string;
                        retryRequestedAt: string | null;
                        retryRequestedBy: string | null;
                        data: unknown;
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
    retrySyncLogEntry: {
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
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        eventId: string;
                        /** @description the division the outcome is about (null: the tenant itself) */
                        divisionId: string | null;
                        type: string;
                        entity: string;
                        platformId: string | null;
                        qboId: string | null;
                        /**
                         * @description succeeded; failed (retriable from here); skipped (a filter: sync-after date, market segment); held (waits for `reason` to clear: pushed then on its own, or retried from here); requested (a command); info
                         * @enum {string}
                         */
                        outcome: "succeeded" | "failed" | "skipped" | "held" | "requested" | "info";
                        /** @description failed: the error; held: the hold reason (not_connected, settings_missing, sync_disabled …); skipped: the filter */
                        reason: string | null;
                        runId: string | null;
                        phase: string | null;
                        occurredAt: string;
                        retryRequestedAt: string | null;
                        retryRequestedBy: string | null;
                        data: unknown;
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
    listSyncLogRuns: {
        parameters: {
            query?: {
                limit?: number;
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
                        lastSynchronizedAt: string | null;
                        runs: {
                            runId: string;
                            kind: string | null;
                            status: string;
                            startedAt: string | null;
                            endedAt: string | null;
                            counts: {
                                succeeded: number;
                                failed: number;
                                skipped: number;
                            };
                            error: string | null;
                            phases: {
                                phase: string;
                                startedAt: string | null;
                                endedAt: string | null;
                                counts: {
                                    succeeded: number;
                                    failed: number;
                                    skipped: number;
                                };
                                error: string | null;
                            }[];
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
    listSyncRuns: {
        parameters: {
            query?: {
                /** @description only this division's runs */
                division?: string;
                /** @description cursor: runs started before this run id */
                before?: string;
                limit?: number;
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
                        runs: {
                            runId: string;
                            tenantId: string;
                            divisionId?: string;
                            /** @enum {string} */
                            kind: "enable" | "manual" | "retry";
                            /** @enum {string} */
                            status: "queued" | "running" | "succeeded" | "partially_failed" | "failed" | "cancelled";
                            startedBy: {
                                /** @enum {string} */
                                type: "user" | "service";
                                id: string;
                            };
                            createdAt: string;
                            startedAt: string | null;
                            endedAt: string | null;
                            error: string | null;
                            cancelRequestedAt: string | null;
                            cancelRequestedBy: string | null;
                            phases: {
                                /** @enum {string} */
                                phase: "inbound" | "customers" | "invoices" | "payments";
                                /** @enum {string} */
                                status: "pending" | "running" | "completed" | "skipped" | "failed" | "cancelled";
                                /** @description why a phase was skipped or failed */
                                note: string | null;
                                startedAt: string | null;
                                endedAt: string | null;
                                /** @description the phase's full figures: each considered record counted once */
                                summary: {
                                    /** @description records the phase looked at */
                                    considered: number;
                                    /** @description records already current in QBO: nothing sent */
                                    alreadyCurrent: number;
                                    /** @description records written to QBO */
                                    pushed: number;
                                    /** @description records skipped by a filter or setting, in total and by reason */
                                    skipped: {
                                        /** @description records skipped by a filter or setting */
                                        total: number;
                                        /** @description records per reason code, e.g. { "customer_not_synced": 3 } */
                                        reasons: {
                                            [key: string]: number;
                                        };
                                    };
                                    /** @description records held until their reason clears, in total and by reason */
                                    held: {
                                        /** @description records held until their reason clears */
                                        total: number;
                                        /** @description records per reason code, e.g. { "customer_not_synced": 3 } */
                                        reasons: {
                                            [key: string]: number;
                                        };
                                    };
                                    /** @description records that failed, in total and by reason */
                                    failed: {
                                        /** @description records that failed */
                                        total: number;
                                        /** @description records per reason code, e.g. { "customer_not_synced": 3 } */
                                        reasons: {
                                            [key: string]: number;
                                        };
                                    };
                                    /** @description records the phase queued for a push */
                                    queued: number;
                                    /** @description queued records that have an outcome (progress: settled of queued) */
                                    settled: number;
                                };
                            }[];
                        }[];
                        next: string | null;
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
    startSyncRun: {
        parameters: {
            query?: {
                division?: string;
            };
            header?: {
                /** @description the same key answers the run it started, instead of starting another */
                "idempotency-key"?: string;
            };
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
                        runId: string;
                        tenantId: string;
                        divisionId?: string;
                        /** @enum {string} */
                        kind: "enable" | "manual" | "retry";
                        /** @enum {string} */
                        status: "queued" | "running" | "succeeded" | "partially_failed" | "failed" | "cancelled";
                        startedBy: {
                            /** @enum {string} */
                            type: "user" | "service";
                            id: string;
                        };
                        createdAt: string;
                        startedAt: string | null;
                        endedAt: string | null;
                        error: string | null;
                        cancelRequestedAt: string | null;
                        cancelRequestedBy: string | null;
                        phases: {
                            /** @enum {string} */
                            phase: "inbound" | "customers" | "invoices" | "payments";
                            /** @enum {string} */
                            status: "pending" | "running" | "completed" | "skipped" | "failed" | "cancelled";
                            /** @description why a phase was skipped or failed */
                            note: string | null;
                            startedAt: string | null;
                            endedAt: string | null;
                            /** @description the phase's full figures: each considered record counted once */
                            summary: {
                                /** @description records the phase looked at */
                                considered: number;
                                /** @description records already current in QBO: nothing sent */
                                alreadyCurrent: number;
                                /** @description records written to QBO */
                                pushed: number;
                                /** @description records skipped by a filter or setting, in total and by reason */
                                skipped: {
                                    /** @description records skipped by a filter or setting */
                                    total: number;
                                    /** @description records per reason code, e.g. { "customer_not_synced": 3 } */
                                    reasons: {
                                        [key: string]: number;
                                    };
                                };
                                /** @description records held until their reason clears, in total and by reason */
                                held: {
                                    /** @description records held until their reason clears */
                                    total: number;
                                    /** @description records per reason code, e.g. { "customer_not_synced": 3 } */
                                    reasons: {
                                        [key: string]: number;
                                    };
                                };
                                /** @description records that failed, in total and by reason */
                                failed: {
                                    /** @description records that failed */
                                    total: number;
                                    /** @description records per reason code, e.g. { "customer_not_synced": 3 } */
                                    reasons: {
                                        [key: string]: number;
                                    };
                                };
                                /** @description records the phase queued for a push */
                                queued: number;
                                /** @description queued records that have an outcome (progress: settled of queued) */
                                settled: number;
                            };
                        }[];
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        runId: string;
                        tenantId: string;
                        divisionId?: string;
                        /** @enum {string} */
                        kind: "enable" | "manual" | "retry";
                        /** @enum {string} */
                        status: "queued" | "running" | "succeeded" | "partially_failed" | "failed" | "cancelled";
                        startedBy: {
                            /** @enum {string} */
                            type: "user" | "service";
                            id: string;
                        };
                        createdAt: string;
                        startedAt: string | null;
                        endedAt: string | null;
                        error: string | null;
                        cancelRequestedAt: string | null;
                        cancelRequestedBy: string | null;
                        phases: {
                            /** @enum {string} */
                            phase: "inbound" | "customers" | "invoices" | "payments";
                            /** @enum {string} */
                            status: "pending" | "running" | "completed" | "skipped" | "failed" | "cancelled";
                            /** @description why a phase was skipped or failed */
                            note: string | null;
                            startedAt: string | null;
                            endedAt: string | null;
                            /** @description the phase's full figures: each considered record counted once */
                            summary: {
                                /** @description records the phase looked at */
                                considered: number;
                                /** @description records already current in QBO: nothing sent */
                                alreadyCurrent: number;
                                /** @description records written to QBO */
                                pushed: number;
                                /** @description records skipped by a filter or setting, in total and by reason */
                                skipped: {
                                    /** @description records skipped by a filter or setting */
                                    total: number;
                                    /** @description records per reason code, e.g. { "customer_not_synced": 3 } */
                                    reasons: {
                                        [key: string]: number;
                                    };
                                };
                                /** @description records held until their reason clears, in total and by reason */
                                held: {
                                    /** @description records held until their reason clears */
                                    total: number;
                                    /** @description records per reason code, e.g. { "customer_not_synced": 3 } */
                                    reasons: {
                                        [key: string]: number;
                                    };
                                };
                                /** @description records that failed, in total and by reason */
                                failed: {
                                    /** @description records that failed */
                                    total: number;
                                    /** @description records per reason code, e.g. { "customer_not_synced": 3 } */
                                    reasons: {
                                        [key: string]: number;
                                    };
                                };
                                /** @description records the phase queued for a push */
                                queued: number;
                                /** @description queued records that have an outcome (progress: settled of queued) */
                                settled: number;
                            };
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
    getSyncRun: {
        parameters: {
            query?: never;
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
                        tenantId: string;
                        divisionId?: string;
                        /** @enum {string} */
                        kind: "enable" | "manual" | "retry";
                        /** @enum {string} */
                        status: "queued" | "running" | "succeeded" | "partially_failed" | "failed" | "cancelled";
                        startedBy: {
                            /** @enum {string} */
                            type: "user" | "service";
                            id: string;
                        };
                        createdAt: string;
                        startedAt: string | null;
                        endedAt: string | null;
                        error: string | null;
                        cancelRequestedAt: string | null;
                        cancelRequestedBy: string | null;
                        phases: {
                            /** @enum {string} */
                            phase: "inbound" | "customers" | "invoices" | "payments";
                            /** @enum {string} */
                            status: "pending" | "running" | "completed" | "skipped" | "failed" | "cancelled";
                            /** @description why a phase was skipped or failed */
                            note: string | null;
                            startedAt: string | null;
                            endedAt: string | null;
                            /** @description the phase's full figures: each considered record counted once */
                            summary: {
                                /** @description records the phase looked at */
                                considered: number;
                                /** @description records already current in QBO: nothing sent */
                                alreadyCurrent: number;
                                /** @description records written to QBO */
                                pushed: number;
                                /** @description records skipped by a filter or setting, in total and by reason */
                                skipped: {
                                    /** @description records skipped by a filter or setting */
                                    total: number;
                                    /** @description records per reason code, e.g. { "customer_not_synced": 3 } */
                                    reasons: {
                                        [key: string]: number;
                                    };
                                };
                                /** @description records held until their reason clears, in total and by reason */
                                held: {
                                    /** @description records held until their reason clears */
                                    total: number;
                                    /** @description records per reason code, e.g. { "customer_not_synced": 3 } */
                                    reasons: {
                                        [key: string]: number;
                                    };
                                };
                                /** @description records that failed, in total and by reason */
                                failed: {
                                    /** @description records that failed */
                                    total: number;
                                    /** @description records per reason code, e.g. { "customer_not_synced": 3 } */
                                    reasons: {
                                        [key: string]: number;
                                    };
                                };
                                /** @description records the phase queued for a push */
                                queued: number;
                                /** @description queued records that have an outcome (progress: settled of queued) */
                                settled: number;
                            };
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
    cancelSyncRun: {
        parameters: {
            query?: never;
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
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        runId: string;
                        tenantId: string;
                        divisionId?: string;
                        /** @enum {string} */
                        kind: "enable" | "manual" | "retry";
                        /** @enum {string} */
                        status: "queued" | "running" | "succeeded" | "partially_failed" | "failed" | "cancelled";
                        startedBy: {
                            /** @enum {string} */
                            type: "user" | "service";
                            id: string;
                        };
                        createdAt: string;
                        startedAt: string | null;
                        endedAt: string | null;
                        error: string | null;
                        cancelRequestedAt: string | null;
                        cancelRequestedBy: string | null;
                        phases: {
                            /** @enum {string} */
                            phase: "inbound" | "customers" | "invoices" | "payments";
                            /** @enum {string} */
                            status: "pending" | "running" | "completed" | "skipped" | "failed" | "cancelled";
                            /** @description why a phase was skipped or failed */
                            note: string | null;
                            startedAt: string | null;
                            endedAt: string | null;
                            /** @description the phase's full figures: each considered record counted once */
                            summary: {
                                /** @description records the phase looked at */
                                considered: number;
                                /** @description records already current in QBO: nothing sent */
                                alreadyCurrent: number;
                                /** @description records written to QBO */
                                pushed: number;
                                /** @description records skipped by a filter or setting, in total and by reason */
                                skipped: {
                                    /** @description records skipped by a filter or setting */
                                    total: number;
                                    /** @description records per reason code, e.g. { "customer_not_synced": 3 } */
                                    reasons: {
                                        [key: string]: number;
                                    };
                                };
                                /** @description records held until their reason clears, in total and by reason */
                                held: {
                                    /** @description records held until their reason clears */
                                    total: number;
                                    /** @description records per reason code, e.g. { "customer_not_synced": 3 } */
                                    reasons: {
                                        [key: string]: number;
                                    };
                                };
                                /** @description records that failed, in total and by reason */
                                failed: {
                                    /** @description records that failed */
                                    total: number;
                                    /** @description records per reason code, e.g. { "customer_not_synced": 3 } */
                                    reasons: {
                                        [key: string]: number;
                                    };
                                };
                                /** @description records the phase queued for a push */
                                queued: number;
                                /** @description queued records that have an outcome (progress: settled of queued) */
                                settled: number;
                            };
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
    listSyncRunRecords: {
        parameters: {
            query?: {
                phase?: "inbound" | "customers" | "invoices" | "payments";
                outcome?: "pushed" | "skipped" | "held" | "failed" | "waiting";
                /** @description cursor: the last platform id of the previous page */
                after?: string;
                limit?: number;
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
                        records: {
                            phase: string;
                            entity: string;
                            platformId: string;
                            /** @enum {string} */
                            outcome: "pushed" | "skipped" | "held" | "failed" | "waiting";
                            reason: string | null;
                            eventType: string;
                            /** @description the sync-log entry of the outcome (retry it there, or in bulk) */
                            syncLogId: string | null;
                            at: string;
                        }[];
                        next: string | null;
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
    getIntegration: {
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
                        tenantId: string;
                        divisionId?: string;
                        enabled: boolean;
                        connection: {
                            realmId: string;
                            companyName: string;
                            /** @enum {string} */
                            status: "connected" | "reauthorization_required" | "disconnected";
                        } | null;
                        settingsVersion: number;
                        /** @description each kind of record: whether it syncs and in which direction */
                        entities: {
                            customers: {
                                on: boolean;
                                /** @enum {string} */
                                direction: "off" | "to_qbo" | "from_qbo" | "both";
                            };
                            items: {
                                on: boolean;
                                /** @enum {string} */
                                direction: "off" | "to_qbo" | "from_qbo" | "both";
                            };
                            employees: {
                                on: boolean;
                                /** @enum {string} */
                                direction: "off" | "to_qbo" | "from_qbo" | "both";
                            };
                            invoices: {
                                on: boolean;
                                /** @enum {string} */
                                direction: "off" | "to_qbo" | "from_qbo" | "both";
                            };
                            payments: {
                                on: boolean;
                                /** @enum {string} */
                                direction: "off" | "to_qbo" | "from_qbo" | "both";
                            };
                        };
                        /** @description what stops "Enable Integration" now, by field */
                        blockers: {
                            field: string;
                            code: string;
                            message: string;
                            entity?: string;
                            qboId?: string;
                            reason?: string;
                        }[];
                        activeRun: {
                            runId: string;
                            tenantId: string;
                            divisionId?: string;
                            /** @enum {string} */
                            kind: "enable" | "manual" | "retry";
                            /** @enum {string} */
                            status: "queued" | "running" | "succeeded" | "partially_failed" | "failed" | "cancelled";
                            startedBy: {
                                /** @enum {string} */
                                type: "user" | "service";
                                id: string;
                            };
                            createdAt: string;
                            startedAt: string | null;
                            endedAt: string | null;
                            error: string | null;
                            cancelRequestedAt: string | null;
                            cancelRequestedBy: string | null;
                            phases: {
                                /** @enum {string} */
                                phase: "inbound" | "customers" | "invoices" | "payments";
                                /** @enum {string} */
                                status: "pending" | "running" | "completed" | "skipped" | "failed" | "cancelled";
                                /** @description why a phase was skipped or failed */
                                note: string | null;
                                startedAt: string | null;
                                endedAt: string | null;
                                /** @description the phase's full figures: each considered record counted once */
                                summary: {
                                    /** @description records the phase looked at */
                                    considered: number;
                                    /** @description records already current in QBO: nothing sent */
                                    alreadyCurrent: number;
                                    /** @description records written to QBO */
                                    pushed: number;
                                    /** @description records skipped by a filter or setting, in total and by reason */
                                    skipped: {
                                        /** @description records skipped by a filter or setting */
                                        total: number;
                                        /** @description records per reason code, e.g. { "customer_not_synced": 3 } */
                                        reasons: {
                                            [key: string]: number;
                                        };
                                    };
                                    /** @description records held until their reason clears, in total and by reason */
                                    held: {
                                        /** @description records held until their reason clears */
                                        total: number;
                                        /** @description records per reason code, e.g. { "customer_not_synced": 3 } */
                                        reasons: {
                                            [key: string]: number;
                                        };
                                    };
                                    /** @description records that failed, in total and by reason */
                                    failed: {
                                        /** @description records that failed */
                                        total: number;
                                        /** @description records per reason code, e.g. { "customer_not_synced": 3 } */
                                        reasons: {
                                            [key: string]: number;
                                        };
                                    };
                                    /** @description records the phase queued for a push */
                                    queued: number;
                                    /** @description queued records that have an outcome (progress: settled of queued) */
                                    settled: number;
                                };
                            }[];
                        } | null;
                        lastRun: {
                            runId: string;
                            tenantId: string;
                            divisionId?: string;
                            /** @enum {string} */
                            kind: "enable" | "manual" | "retry";
                            /** @enum {string} */
                            status: "queued" | "running" | "succeeded" | "partially_failed" | "failed" | "cancelled";
                            startedBy: {
                                /** @enum {string} */
                                type: "user" | "service";
                                id: string;
                            };
                            createdAt: string;
                            startedAt: string | null;
                            endedAt: string | null;
                            error: string | null;
                            cancelRequestedAt: string | null;
                            cancelRequestedBy: string | null;
                            phases: {
                                /** @enum {string} */
                                phase: "inbound" | "customers" | "invoices" | "payments";
                                /** @enum {string} */
                                status: "pending" | "running" | "completed" | "skipped" | "failed" | "cancelled";
                                /** @description why a phase was skipped or failed */
                                note: string | null;
                                startedAt: string | null;
                                endedAt: string | null;
                                /** @description the phase's full figures: each considered record counted once */
                                summary: {
                                    /** @description records the phase looked at */
                                    considered: number;
                                    /** @description records already current in QBO: nothing sent */
                                    alreadyCurrent: number;
                                    /** @description records written to QBO */
                                    pushed: number;
                                    /** @description records skipped by a filter or setting, in total and by reason */
                                    skipped: {
                                        /** @description records skipped by a filter or setting */
                                        total: number;
                                        /** @description records per reason code, e.g. { "customer_not_synced": 3 } */
                                        reasons: {
                                            [key: string]: number;
                                        };
                                    };
                                    /** @description records held until their reason clears, in total and by reason */
                                    held: {
                                        /** @description records held until their reason clears */
                                        total: number;
                                        /** @description records per reason code, e.g. { "customer_not_synced": 3 } */
                                        reasons: {
                                            [key: string]: number;
                                        };
                                    };
                                    /** @description records that failed, in total and by reason */
                                    failed: {
                                        /** @description records that failed */
                                        total: number;
                                        /** @description records per reason code, e.g. { "customer_not_synced": 3 } */
                                        reasons: {
                                            [key: string]: number;
                                        };
                                    };
                                    /** @description records the phase queued for a push */
                                    queued: number;
                                    /** @description queued records that have an outcome (progress: settled of queued) */
                                    settled: number;
                                };
                            }[];
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
    enableIntegration: {
        parameters: {
            query?: {
                division?: string;
            };
            header?: {
                /** @description the same key answers the run it started, instead of starting another */
                "idempotency-key"?: string;
            };
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
                        runId: string;
                        tenantId: string;
                        divisionId?: string;
                        /** @enum {string} */
                        kind: "enable" | "manual" | "retry";
                        /** @enum {string} */
                        status: "queued" | "running" | "succeeded" | "partially_failed" | "failed" | "cancelled";
                        startedBy: {
                            /** @enum {string} */
                            type: "user" | "service";
                            id: string;
                        };
                        createdAt: string;
                        startedAt: string | null;
                        endedAt: string | null;
                        error: string | null;
                        cancelRequestedAt: string | null;
                        cancelRequestedBy: string | null;
                        phases: {
                            /** @enum {string} */
                            phase: "inbound" | "customers" | "invoices" | "payments";
                            /** @enum {string} */
                            status: "pending" | "running" | "completed" | "skipped" | "failed" | "cancelled";
                            /** @description why a phase was skipped or failed */
                            note: string | null;
                            startedAt: string | null;
                            endedAt: string | null;
                            /** @description the phase's full figures: each considered record counted once */
                            summary: {
                                /** @description records the phase looked at */
                                considered: number;
                                /** @description records already current in QBO: nothing sent */
                                alreadyCurrent: number;
                                /** @description records written to QBO */
                                pushed: number;
                                /** @description records skipped by a filter or setting, in total and by reason */
                                skipped: {
                                    /** @description records skipped by a filter or setting */
                                    total: number;
                                    /** @description records per reason code, e.g. { "customer_not_synced": 3 } */
                                    reasons: {
                                        [key: string]: number;
                                    };
                                };
                                /** @description records held until their reason clears, in total and by reason */
                                held: {
                                    /** @description records held until their reason clears */
                                    total: number;
                                    /** @description records per reason code, e.g. { "customer_not_synced": 3 } */
                                    reasons: {
                                        [key: string]: number;
                                    };
                                };
                                /** @description records that failed, in total and by reason */
                                failed: {
                                    /** @description records that failed */
                                    total: number;
                                    /** @description records per reason code, e.g. { "customer_not_synced": 3 } */
                                    reasons: {
                                        [key: string]: number;
                                    };
                                };
                                /** @description records the phase queued for a push */
                                queued: number;
                                /** @description queued records that have an outcome (progress: settled of queued) */
                                settled: number;
                            };
                        }[];
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        runId: string;
                        tenantId: string;
                        divisionId?: string;
                        /** @enum {string} */
                        kind: "enable" | "manual" | "retry";
                        /** @enum {string} */
                        status: "queued" | "running" | "succeeded" | "partially_failed" | "failed" | "cancelled";
                        startedBy: {
                            /** @enum {string} */
                            type: "user" | "service";
                            id: string;
                        };
                        createdAt: string;
                        startedAt: string | null;
                        endedAt: string | null;
                        error: string | null;
                        cancelRequestedAt: string | null;
                        cancelRequestedBy: string | null;
                        phases: {
                            /** @enum {string} */
                            phase: "inbound" | "customers" | "invoices" | "payments";
                            /** @enum {string} */
                            status: "pending" | "running" | "completed" | "skipped" | "failed" | "cancelled";
                            /** @description why a phase was skipped or failed */
                            note: string | null;
                            startedAt: string | null;
                            endedAt: string | null;
                            /** @description the phase's full figures: each considered record counted once */
                            summary: {
                                /** @description records the phase looked at */
                                considered: number;
                                /** @description records already current in QBO: nothing sent */
                                alreadyCurrent: number;
                                /** @description records written to QBO */
                                pushed: number;
                                /** @description records skipped by a filter or setting, in total and by reason */
                                skipped: {
                                    /** @description records skipped by a filter or setting */
                                    total: number;
                                    /** @description records per reason code, e.g. { "customer_not_synced": 3 } */
                                    reasons: {
                                        [key: string]: number;
                                    };
                                };
                                /** @description records held until their reason clears, in total and by reason */
                                held: {
                                    /** @description records held until their reason clears */
                                    total: number;
                                    /** @description records per reason code, e.g. { "customer_not_synced": 3 } */
                                    reasons: {
                                        [key: string]: number;
                                    };
                                };
                                /** @description records that failed, in total and by reason */
                                failed: {
                                    /** @description records that failed */
                                    total: number;
                                    /** @description records per reason code, e.g. { "customer_not_synced": 3 } */
                                    reasons: {
                                        [key: string]: number;
                                    };
                                };
                                /** @description records the phase queued for a push */
                                queued: number;
                                /** @description queued records that have an outcome (progress: settled of queued) */
                                settled: number;
                            };
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
    disableIntegration: {
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
                        tenantId: string;
                        divisionId?: string;
                        enabled: boolean;
                        connection: {
                            realmId: string;
                            companyName: string;
                            /** @enum {string} */
                            status: "connected" | "reauthorization_required" | "disconnected";
                        } | null;
                        settingsVersion: number;
                        /** @description each kind of record: whether it syncs and in which direction */
                        entities: {
                            customers: {
                                on: boolean;
                                /** @enum {string} */
                                direction: "off" | "to_qbo" | "from_qbo" | "both";
                            };
                            items: {
                                on: boolean;
                                /** @enum {string} */
                                direction: "off" | "to_qbo" | "from_qbo" | "both";
                            };
                            employees: {
                                on: boolean;
                                /** @enum {string} */
                                direction: "off" | "to_qbo" | "from_qbo" | "both";
                            };
                            invoices: {
                                on: boolean;
                                /** @enum {string} */
                                direction: "off" | "to_qbo" | "from_qbo" | "both";
                            };
                            payments: {
                                on: boolean;
                                /** @enum {string} */
                                direction: "off" | "to_qbo" | "from_qbo" | "both";
                            };
                        };
                        /** @description what stops "Enable Integration" now, by field */
                        blockers: {
                            field: string;
                            code: string;
                            message: string;
                            entity?: string;
                            qboId?: string;
                            reason?: string;
                        }[];
                        activeRun: {
                            runId: string;
                            tenantId: string;
                            divisionId?: string;
                            /** @enum {string} */
                            kind: "enable" | "manual" | "retry";
                            /** @enum {string} */
                            status: "queued" | "running" | "succeeded" | "partially_failed" | "failed" | "cancelled";
                            startedBy: {
                                /** @enum {string} */
                                type: "user" | "service";
                                id: string;
                            };
                            createdAt: string;
                            startedAt: string | null;
                            endedAt: string | null;
                            error: string | null;
                            cancelRequestedAt: string | null;
                            cancelRequestedBy: string | null;
                            phases: {
                                /** @enum {string} */
                                phase: "inbound" | "customers" | "invoices" | "payments";
                                /** @enum {string} */
                                status: "pending" | "running" | "completed" | "skipped" | "failed" | "cancelled";
                                /** @description why a phase was skipped or failed */
                                note: string | null;
                                startedAt: string | null;
                                endedAt: string | null;
                                /** @description the phase's full figures: each considered record counted once */
                                summary: {
                                    /** @description records the phase looked at */
                                    considered: number;
                                    /** @description records already current in QBO: nothing sent */
                                    alreadyCurrent: number;
                                    /** @description records written to QBO */
                                    pushed: number;
                                    /** @description records skipped by a filter or setting, in total and by reason */
                                    skipped: {
                                        /** @description records skipped by a filter or setting */
                                        total: number;
                                        /** @description records per reason code, e.g. { "customer_not_synced": 3 } */
                                        reasons: {
                                            [key: string]: number;
                                        };
                                    };
                                    /** @description records held until their reason clears, in total and by reason */
                                    held: {
                                        /** @description records held until their reason clears */
                                        total: number;
                                        /** @description records per reason code, e.g. { "customer_not_synced": 3 } */
                                        reasons: {
                                            [key: string]: number;
                                        };
                                    };
                                    /** @description records that failed, in total and by reason */
                                    failed: {
                                        /** @description records that failed */
                                        total: number;
                                        /** @description records per reason code, e.g. { "customer_not_synced": 3 } */
                                        reasons: {
                                            [key: string]: number;
                                        };
                                    };
                                    /** @description records the phase queued for a push */
                                    queued: number;
                                    /** @description queued records that have an outcome (progress: settled of queued) */
                                    settled: number;
                                };
                            }[];
                        } | null;
                        lastRun: {
                            runId: string;
                            tenantId: string;
                            divisionId?: string;
                            /** @enum {string} */
                            kind: "enable" | "manual" | "retry";
                            /** @enum {string} */
                            status: "queued" | "running" | "succeeded" | "partially_failed" | "failed" | "cancelled";
                            startedBy: {
                                /** @enum {string} */
                                type: "user" | "service";
                                id: string;
                            };
                            createdAt: string;
                            startedAt: string | null;
                            endedAt: string | null;
                            error: string | null;
                            cancelRequestedAt: string | null;
                            cancelRequestedBy: string | null;
                            phases: {
                                /** @enum {string} */
                                phase: "inbound" | "customers" | "invoices" | "payments";
                                /** @enum {string} */
                                status: "pending" | "running" | "completed" | "skipped" | "failed" | "cancelled";
                                /** @description why a phase was skipped or failed */
                                note: string | null;
                                startedAt: string | null;
                                endedAt: string | null;
                                /** @description the phase's full figures: each considered record counted once */
                                summary: {
                                    /** @description records the phase looked at */
                                    considered: number;
                                    /** @description records already current in QBO: nothing sent */
                                    alreadyCurrent: number;
                                    /** @description records written to QBO */
                                    pushed: number;
                                    /** @description records skipped by a filter or setting, in total and by reason */
                                    skipped: {
                                        /** @description records skipped by a filter or setting */
                                        total: number;
                                        /** @description records per reason code, e.g. { "customer_not_synced": 3 } */
                                        reasons: {
                                            [key: string]: number;
                                        };
                                    };
                                    /** @description records held until their reason clears, in total and by reason */
                                    held: {
                                        /** @description records held until their reason clears */
                                        total: number;
                                        /** @description records per reason code, e.g. { "customer_not_synced": 3 } */
                                        reasons: {
                                            [key: string]: number;
                                        };
                                    };
                                    /** @description records that failed, in total and by reason */
                                    failed: {
                                        /** @description records that failed */
                                        total: number;
                                        /** @description records per reason code, e.g. { "customer_not_synced": 3 } */
                                        reasons: {
                                            [key: string]: number;
                                        };
                                    };
                                    /** @description records the phase queued for a push */
                                    queued: number;
                                    /** @description queued records that have an outcome (progress: settled of queued) */
                                    settled: number;
                                };
                            }[];
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
    retryFailedRecords: {
        parameters: {
            query?: {
                division?: string;
            };
            header?: {
                /** @description the same key answers the run it started, instead of starting another */
                "idempotency-key"?: string;
            };
            path: {
                tenant: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description records whose latest outcome is this
                     * @default failed
                     * @enum {string}
                     */
                    outcome?: "failed" | "held" | "skipped";
                    /**
                     * @description only records of this kind
                     * @enum {string}
                     */
                    entity?: "customer" | "invoice" | "payment";
                    /** @description the failure code, hold reason or skip filter */
                    code?: string;
                    /**
                     * Format: date-time
                     * @description latest outcome at or after
                     */
                    from?: string;
                    /**
                     * Format: date-time
                     * @description latest outcome before
                     */
                    to?: string;
                    /** @description sync-log entry ids: the records they are about */
                    ids?: string[];
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
                        runId: string;
                        tenantId: string;
                        divisionId?: string;
                        /** @enum {string} */
                        kind: "enable" | "manual" | "retry";
                        /** @enum {string} */
                        status: "queued" | "running" | "succeeded" | "partially_failed" | "failed" | "cancelled";
                        startedBy: {
                            /** @enum {string} */
                            type: "user" | "service";
                            id: string;
                        };
                        createdAt: string;
                        startedAt: string | null;
                        endedAt: string | null;
                        error: string | null;
                        cancelRequestedAt: string | null;
                        cancelRequestedBy: string | null;
                        phases: {
                            /** @enum {string} */
                            phase: "inbound" | "customers" | "invoices" | "payments";
                            /** @enum {string} */
                            status: "pending" | "running" | "completed" | "skipped" | "failed" | "cancelled";
                            /** @description why a phase was skipped or failed */
                            note: string | null;
                            startedAt: string | null;
                            endedAt: string | null;
                            /** @description the phase's full figures: each considered record counted once */
                            summary: {
                                /** @description records the phase looked at */
                                considered: number;
                                /** @description records already current in QBO: nothing sent */
                                alreadyCurrent: number;
                                /** @description records written to QBO */
                                pushed: number;
                                /** @description records skipped by a filter or setting, in total and by reason */
                                skipped: {
                                    /** @description records skipped by a filter or setting */
                                    total: number;
                                    /** @description records per reason code, e.g. { "customer_not_synced": 3 } */
                                    reasons: {
                                        [key: string]: number;
                                    };
                                };
                                /** @description records held until their reason clears, in total and by reason */
                                held: {
                                    /** @description records held until their reason clears */
                                    total: number;
                                    /** @description records per reason code, e.g. { "customer_not_synced": 3 } */
                                    reasons: {
                                        [key: string]: number;
                                    };
                                };
                                /** @description records that failed, in total and by reason */
                                failed: {
                                    /** @description records that failed */
                                    total: number;
                                    /** @description records per reason code, e.g. { "customer_not_synced": 3 } */
                                    reasons: {
                                        [key: string]: number;
                                    };
                                };
                                /** @description records the phase queued for a push */
                                queued: number;
                                /** @description queued records that have an outcome (progress: settled of queued) */
                                settled: number;
                            };
                        }[];
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        runId: string;
                        tenantId: string;
                        divisionId?: string;
                        /** @enum {string} */
                        kind: "enable" | "manual" | "retry";
                        /** @enum {string} */
                        status: "queued" | "running" | "succeeded" | "partially_failed" | "failed" | "cancelled";
                        startedBy: {
                            /** @enum {string} */
                            type: "user" | "service";
                            id: string;
                        };
                        createdAt: string;
                        startedAt: string | null;
                        endedAt: string | null;
                        error: string | null;
                        cancelRequestedAt: string | null;
                        cancelRequestedBy: string | null;
                        phases: {
                            /** @enum {string} */
                            phase: "inbound" | "customers" | "invoices" | "payments";
                            /** @enum {string} */
                            status: "pending" | "running" | "completed" | "skipped" | "failed" | "cancelled";
                            /** @description why a phase was skipped or failed */
                            note: string | null;
                            startedAt: string | null;
                            endedAt: string | null;
                            /** @description the phase's full figures: each considered record counted once */
                            summary: {
                                /** @description records the phase looked at */
                                considered: number;
                                /** @description records already current in QBO: nothing sent */
                                alreadyCurrent: number;
                                /** @description records written to QBO */
                                pushed: number;
                                /** @description records skipped by a filter or setting, in total and by reason */
                                skipped: {
                                    /** @description records skipped by a filter or setting */
                                    total: number;
                                    /** @description records per reason code, e.g. { "customer_not_synced": 3 } */
                                    reasons: {
                                        [key: string]: number;
                                    };
                                };
                                /** @description records held until their reason clears, in total and by reason */
                                held: {
                                    /** @description records held until their reason clears */
                                    total: number;
                                    /** @description records per reason code, e.g. { "customer_not_synced": 3 } */
                                    reasons: {
                                        [key: string]: number;
                                    };
                                };
                                /** @description records that failed, in total and by reason */
                                failed: {
                                    /** @description records that failed */
                                    total: number;
                                    /** @description records per reason code, e.g. { "customer_not_synced": 3 } */
                                    reasons: {
                                        [key: string]: number;
                                    };
                                };
                                /** @description records the phase queued for a push */
                                queued: number;
                                /** @description queued records that have an outcome (progress: settled of queued) */
                                settled: number;
                            };
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
    listAuditEntries: {
        parameters: {
            query?: {
                resource?: string;
                before?: string;
                limit?: number;
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
                            actor: {
                                sub: string;
                                isService: boolean;
                            };
                            action: string;
                            resource: string;
                            before: unknown;
                            after: unknown;
                            at: string;
                        }[];
                        next: string | null;
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
    listDeadLetters: {
        parameters: {
            query?: {
                /** @description the topic it died on, e.g. "platform.invoices.v1" */
                topic?: string;
                /** @description the reason code, e.g. "contract_violation" */
                code?: string;
                status?: "pending" | "replayed";
                /** @description only this division's dead letters */
                division?: string;
                /** @description cursor: dead letters older than this id (the `next` of the previous page) */
                before?: string;
                limit?: number;
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
                        deadLetters: {
                            id: string;
                            /** @description the division the record belongs to (null: the tenant itself) */
                            divisionId: string | null;
                            sourceTopic: string;
                            sourcePartition: number | null;
                            sourceOffset: string | null;
                            /** @description ce_id of the message, when it had one */
                            eventId: string | null;
                            /** @description ce_type of the message, when it had one */
                            eventType: string | null;
                            /** @description why it died: contract_violation, undecodable_message, key_mismatch, or the error code of the handler that gave up */
                            code: string;
                            message: string;
                            /** @description the consumer that dead-lettered it */
                            handler: string | null;
                            /** @description attempts the handler made (0: refused before it, e.g. a parse error) */
                            attempts: number | null;
                            failedAt: string;
                            receivedAt: string;
                            replayable: boolean;
                            notReplayableReason: string | null;
                            /** @enum {string} */
                            status: "pending" | "replayed";
                            replayedAt: string | null;
                            /** @description the user or service account that replayed it */
                            replayedBy: string | null;
                        }[];
                        next: string | null;
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
    getDeadLetter: {
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
                        id: string;
                        /** @description the division the record belongs to (null: the tenant itself) */
                        divisionId: string | null;
                        sourceTopic: string;
                        sourcePartition: number | null;
                        sourceOffset: string | null;
                        /** @description ce_id of the message, when it had one */
                        eventId: string | null;
                        /** @description ce_type of the message, when it had one */
                        eventType: string | null;
                        /** @description why it died: contract_violation, undecodable_message, key_mismatch, or the error code of the handler that gave up */
                        code: string;
                        message: string;
                        /** @description the consumer that dead-lettered it */
                        handler: string | null;
                        /** @description attempts the handler made (0: refused before it, e.g. a parse error) */
                        attempts: number | null;
                        failedAt: string;
                        receivedAt: string;
                        replayable: boolean;
                        notReplayableReason: string | null;
                        /** @enum {string} */
                        status: "pending" | "replayed";
                        replayedAt: string | null;
                        /** @description the user or service account that replayed it */
                        replayedBy: string | null;
                        key: string | null;
                        /** @description the headers it had on its source topic (what a replay sends), without the dlq_* diagnostics */
                        headers: {
                            [key: string]: string;
                        };
                        /** @description the message value exactly as it was (it may not be valid JSON) */
                        value: {
                            base64: string;
                            /** @description the bytes as UTF-8 text, when they are valid UTF-8 */
                            text: string | null;
                            size: number;
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
    replayDeadLetters: {
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
                    /** @description these dead letters (every one must be the tenant's: otherwise 404 and none is replayed) */
                    ids?: string[];
                    /** @description replay the oldest pending, replayable dead letters that match */
                    filter?: {
                        /** @description the topic it died on, e.g. "platform.invoices.v1" */
                        topic?: string;
                        /** @description the reason code, e.g. "contract_violation" */
                        code?: string;
                        /** @description only this division's dead letters */
                        division?: string;
                    };
                    /** @description with `filter`: at most this many (default 100) */
                    limit?: number;
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
                        results: {
                            id: string;
                            /**
                             * @description replayed: republished now; already_replayed: replayed before (see replayedAt/By), not sent again; not_replayable: see reason
                             * @enum {string}
                             */
                            outcome: "replayed" | "already_replayed" | "not_replayable";
                            sourceTopic: string;
                            replayedAt: string | null;
                            replayedBy: string | null;
                            reason: string | null;
                        }[];
                        counts: {
                            replayed: number;
                            alreadyReplayed: number;
                            notReplayable: number;
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
}
