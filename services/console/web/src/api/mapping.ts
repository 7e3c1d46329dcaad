/**
 * Generated from services/mapping/openapi.json by `npm run generate:api -w @ledgerbus/console`. Do not edit.
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
                            tenantId: string;
                            divisionId?: string;
                            version: number;
                            settings: {
                                entities: {
                                    /**
                                     * @description which way records of this type flow: off, platform → QBO, QBO → platform, or both
                                     * @default to_qbo
                                     * @enum {string}
                                     */
                                    customers: "off" | "to_qbo" | "from_qbo" | "both";
                                    /**
                                     * @description which way records of this type flow: off, platform → QBO, QBO → platform, or both
                                     * @default to_qbo
                                     * @enum {string}
                                     */
                                    items: "off" | "to_qbo" | "from_qbo" | "both";
                                    /**
                                     * @description which way records of this type flow: off, platform → QBO, QBO → platform, or both
                                     * @default off
                                     * @enum {string}
                                     */
                                    employees: "off" | "to_qbo" | "from_qbo" | "both";
                                };
                                invoices: {
                                    /** @default false */
                                    enabled: boolean;
                                };
                                /** @description payments can only be synchronized when invoices are */
                                payments: {
                                    /** @default false */
                                    enabled: boolean;
                                };
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
                                documentPrefixes: {
                                    invoices: {
                                        /** @default true */
                                        enabled: boolean;
                                        /** @default  */
                                        prefix: string;
                                    };
                                    payments: {
                                        /** @default true */
                                        enabled: boolean;
                                        /** @default  */
                                        prefix: string;
                                    };
                                    /** @default 12 */
                                    platformNumberMaxLength: number;
                                };
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
                                customerRules: {
                                    /** @default false */
                                    useDefaultState: boolean;
                                    /** @default null */
                                    defaultState: string | null;
                                    /** @default null */
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
                                 * @description which side wins when a two-way customer changed on both sides
                                 * @default newest_wins
                                 * @enum {string}
                                 */
                                conflictRule: "qbo_wins" | "platform_wins" | "newest_wins";
                            };
                            mappings: {
                                /** @default {} */
                                paymentMethods: {
                                    [key: string]: string;
                                };
                                /** @default {} */
                                glCodes: {
                                    [key: string]: string;
                                };
                                /** @default {} */
                                productTypes: {
                                    [key: string]: {
                                        /** @enum {string} */
                                        itemType: "Service" | "NonInventory" | "Inventory";
                                        /** @default null */
                                        itemId: string | null;
                                    };
                                };
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
                                field: string;
                                /** @description QBO entity: Account, PaymentMethod, TaxCode, Class, Item */
                                entity: string;
                                qboId: string;
                                /** @enum {string} */
                                reason: "missing" | "inactive" | "wrong_type" | "not_connected";
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
        /** Replace the sync settings (If-Match required) */
        put: {
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
                        /** @default {} */
                        entities?: {
                            /**
                             * @description which way records of this type flow: off, platform → QBO, QBO → platform, or both
                             * @default to_qbo
                             * @enum {string}
                             */
                            customers?: "off" | "to_qbo" | "from_qbo" | "both";
                            /**
                             * @description which way records of this type flow: off, platform → QBO, QBO → platform, or both
                             * @default to_qbo
                             * @enum {string}
                             */
                            items?: "off" | "to_qbo" | "from_qbo" | "both";
                            /**
                             * @description which way records of this type flow: off, platform → QBO, QBO → platform, or both
                             * @default off
                             * @enum {string}
                             */
                            employees?: "off" | "to_qbo" | "from_qbo" | "both";
                        };
                        /** @default {} */
                        invoices?: {
                            /** @default false */
                            enabled?: boolean;
                        };
                        /**
                         * @description payments can only be synchronized when invoices are
                         * @default {}
                         */
                        payments?: {
                            /** @default false */
                            enabled?: boolean;
                        };
                        /** @default {} */
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
                        /** @default {} */
                        documentPrefixes?: {
                            /** @default {} */
                            invoices?: {
                                /** @default true */
                                enabled?: boolean;
                                /** @default  */
                                prefix?: string;
                            };
                            /** @default {} */
                            payments?: {
                                /** @default true */
                                enabled?: boolean;
                                /** @default  */
                                prefix?: string;
                            };
                            /** @default 12 */
                            platformNumberMaxLength?: number;
                        };
                        /** @default {} */
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
                        /** @default {} */
                        customerRules?: {
                            /** @default false */
                            useDefaultState?: boolean;
                            /** @default null */
                            defaultState?: string | null;
                            /** @default null */
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
                         * @description which side wins when a two-way customer changed on both sides
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
                                entities: {
                                    /**
                                     * @description which way records of this type flow: off, platform → QBO, QBO → platform, or both
                                     * @default to_qbo
                                     * @enum {string}
                                     */
                                    customers: "off" | "to_qbo" | "from_qbo" | "both";
                                    /**
                                     * @description which way records of this type flow: off, platform → QBO, QBO → platform, or both
                                     * @default to_qbo
                                     * @enum {string}
                                     */
                                    items: "off" | "to_qbo" | "from_qbo" | "both";
                                    /**
                                     * @description which way records of this type flow: off, platform → QBO, QBO → platform, or both
                                     * @default off
                                     * @enum {string}
                                     */
                                    employees: "off" | "to_qbo" | "from_qbo" | "both";
                                };
                                invoices: {
                                    /** @default false */
                                    enabled: boolean;
                                };
                                /** @description payments can only be synchronized when invoices are */
                                payments: {
                                    /** @default false */
                                    enabled: boolean;
                                };
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
                                documentPrefixes: {
                                    invoices: {
                                        /** @default true */
                                        enabled: boolean;
                                        /** @default  */
                                        prefix: string;
                                    };
                                    payments: {
                                        /** @default true */
                                        enabled: boolean;
                                        /** @default  */
                                        prefix: string;
                                    };
                                    /** @default 12 */
                                    platformNumberMaxLength: number;
                                };
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
                                customerRules: {
                                    /** @default false */
                                    useDefaultState: boolean;
                                    /** @default null */
                                    defaultState: string | null;
                                    /** @default null */
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
                                 * @description which side wins when a two-way customer changed on both sides
                                 * @default newest_wins
                                 * @enum {string}
                                 */
                                conflictRule: "qbo_wins" | "platform_wins" | "newest_wins";
                            };
                            mappings: {
                                /** @default {} */
                                paymentMethods: {
                                    [key: string]: string;
                                };
                                /** @default {} */
                                glCodes: {
                                    [key: string]: string;
                                };
                                /** @default {} */
                                productTypes: {
                                    [key: string]: {
                                        /** @enum {string} */
                                        itemType: "Service" | "NonInventory" | "Inventory";
                                        /** @default null */
                                        itemId: string | null;
                                    };
                                };
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
                                field: string;
                                /** @description QBO entity: Account, PaymentMethod, TaxCode, Class, Item */
                                entity: string;
                                qboId: string;
                                /** @enum {string} */
                                reason: "missing" | "inactive" | "wrong_type" | "not_connected";
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
                412: {
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
                422: {
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
                428: {
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
                            tenantId: string;
                            divisionId?: string;
                            version: number;
                            mappings: {
                                /** @default {} */
                                paymentMethods: {
                                    [key: string]: string;
                                };
                                /** @default {} */
                                glCodes: {
                                    [key: string]: string;
                                };
                                /** @default {} */
                                productTypes: {
                                    [key: string]: {
                                        /** @enum {string} */
                                        itemType: "Service" | "NonInventory" | "Inventory";
                                        /** @default null */
                                        itemId: string | null;
                                    };
                                };
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
                                field: string;
                                /** @description QBO entity: Account, PaymentMethod, TaxCode, Class, Item */
                                entity: string;
                                qboId: string;
                                /** @enum {string} */
                                reason: "missing" | "inactive" | "wrong_type" | "not_connected";
                                message: string;
                            }[];
                            /** @description the newest settings version each worker reported applying (settings.applied), e.g. {"invoice-push": 3, "payment-push": 3, "customer-sync": 3}; a worker that never reported is absent. Wait until every worker you run shows `version` or more. */
                            appliedBy: {
                                [key: string]: number;
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
        /** Replace the mappings (If-Match required); every QBO reference is checked against the connected company */
        put: {
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
                        /** @default {} */
                        paymentMethods?: {
                            [key: string]: string;
                        };
                        /** @default {} */
                        glCodes?: {
                            [key: string]: string;
                        };
                        /** @default {} */
                        productTypes?: {
                            [key: string]: {
                                /** @enum {string} */
                                itemType: "Service" | "NonInventory" | "Inventory";
                                /** @default null */
                                itemId?: string | null;
                            };
                        };
                        /** @default {} */
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
                                /** @default {} */
                                paymentMethods: {
                                    [key: string]: string;
                                };
                                /** @default {} */
                                glCodes: {
                                    [key: string]: string;
                                };
                                /** @default {} */
                                productTypes: {
                                    [key: string]: {
                                        /** @enum {string} */
                                        itemType: "Service" | "NonInventory" | "Inventory";
                                        /** @default null */
                                        itemId: string | null;
                                    };
                                };
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
                                field: string;
                                /** @description QBO entity: Account, PaymentMethod, TaxCode, Class, Item */
                                entity: string;
                                qboId: string;
                                /** @enum {string} */
                                reason: "missing" | "inactive" | "wrong_type" | "not_connected";
                                message: string;
                            }[];
                            /** @description the newest settings version each worker reported applying (settings.applied), e.g. {"invoice-push": 3, "payment-push": 3, "customer-sync": 3}; a worker that never reported is absent. Wait until every worker you run shows `version` or more. */
                            appliedBy: {
                                [key: string]: number;
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
                /** @description Default Response */
                412: {
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
                422: {
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
                428: {
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
        get: {
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
    "/v1/tenants/{tenant}/links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Links between platform records and QBO records */
        get: {
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
    "/v1/tenants/{tenant}/links/{entity}/{platformId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The link status a record's page shows ("linked to QBO #123", "not linked", "sync failed: …") */
        get: {
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
        /** Link a platform record to a QBO record by hand (published on sync.links.v1) */
        put: {
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
        /** Unlink a platform record (published on sync.links.v1) */
        delete: {
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
    "/v1/tenants/{tenant}/sync-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every sync outcome, newest first (outcome=failed lists failures with their reason, outcome=held records that wait, outcome=skipped filtered ones) */
        get: {
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
    "/v1/tenants/{tenant}/sync-log/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How many records are held now, by entity and reason (a record stops counting at its next pushed, failed, voided, deleted or skipped outcome) */
        get: {
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
    "/v1/tenants/{tenant}/sync-log/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One sync-log entry */
        get: {
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
        post: {
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
    "/v1/tenants/{tenant}/sync-runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Sync runs with their phases (start, end, counts, errors) and the last synchronized time */
        get: {
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
    "/v1/tenants/{tenant}/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every change, newest first, with its actor (user or service account), time, before and after */
        get: {
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
