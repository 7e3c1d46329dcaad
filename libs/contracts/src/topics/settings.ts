import { z } from 'zod';
import { isoDate } from '../common';

/**
 * The full schema of a tenant's effective sync settings and mappings: what the admin
 * sets on "Settings > Integrations > QuickBooks", published on `mapping.settings.v1`
 * and read by the push and sync workers.
 */

/** QBO's DocNumber holds at most 21 characters. */
export const QBO_DOC_NUMBER_MAX_LENGTH = 21;
/**
 * The longest platform invoice/payment number assumed when the admin declares none:
 * 12 characters (e.g. "INV-00012345"), which leaves 9 characters for a prefix.
 */
export const DEFAULT_PLATFORM_NUMBER_MAX_LENGTH = 12;

export const syncDirection = z
  .enum(['off', 'to_qbo', 'from_qbo', 'both'])
  .describe('which way records of this type flow: off, platform → QBO, QBO → platform, or both');
export const conflictRule = z
  .enum(['qbo_wins', 'platform_wins', 'newest_wins'])
  .describe('which side wins when a two-way customer changed on both sides');
export const qboItemType = z.enum(['Service', 'NonInventory', 'Inventory']);
/** A QBO object id ("94", "TAX", "5000000000000007280"). */
export const qboObjectId = z.string().trim().min(1).max(50).regex(/^[A-Za-z0-9_-]+$/, 'a QBO id (letters, digits, "-" or "_")');
/** A platform value used as a mapping key (payment method name, GL code, product type). */
export const platformValue = z.string().trim().min(1).max(100);

const documentPrefix = z
  .object({
    enabled: z.boolean().default(true),
    /** Prepended to the platform number to form the QBO DocNumber. */
    prefix: z.string().max(QBO_DOC_NUMBER_MAX_LENGTH).regex(/^[^\s]*$/, 'a prefix has no spaces').default(''),
  })
  .strict();

export const syncSettingsSchema = z
  .object({
    integration: z
      .object({ enabled: z.boolean().default(true) })
      .strict()
      .prefault({})
      .describe('set by POST …/integration/enable and …/disable (a settings save keeps it): while off nothing is pushed and records are held (sync_disabled); the enable run releases them'),
    entities: z
      .object({
        customers: syncDirection.default('to_qbo'),
        items: syncDirection.default('to_qbo'),
        employees: syncDirection.default('off'),
      })
      .strict()
      .prefault({}),
    invoices: z.object({ enabled: z.boolean().default(false) }).strict().prefault({}),
    payments: z
      .object({ enabled: z.boolean().default(false) })
      .strict()
      .prefault({})
      .describe('payments can only be synchronized when invoices are'),
    accounts: z
      .object({
        accountsReceivable: qboObjectId.nullable().default(null).describe('QBO Account of type Accounts Receivable'),
        income: qboObjectId.nullable().default(null).describe('QBO Account of type Income'),
        expense: qboObjectId.nullable().default(null).describe('QBO Account of type Expense or Cost of Goods Sold'),
        deposit: qboObjectId.nullable().default(null).describe('QBO Account of type Bank or Other Current Asset'),
      })
      .strict()
      .prefault({}),
    documentPrefixes: z
      .object({
        invoices: documentPrefix.prefault({}),
        payments: documentPrefix.prefault({}),
        /**
         * The longest invoice/payment number the platform produces; prefix + number must
         * fit QBO's 21-character DocNumber.
         */
        platformNumberMaxLength: z
          .number()
          .int()
          .min(1)
          .max(QBO_DOC_NUMBER_MAX_LENGTH)
          .default(DEFAULT_PLATFORM_NUMBER_MAX_LENGTH),
      })
      .strict()
      .prefault({}),
    filters: z
      .object({
        syncDataAfter: isoDate.nullable().default(null).describe('only records dated on or after this day'),
        marketSegment: z.string().trim().min(1).max(100).nullable().default(null).describe('only records of this market segment'),
      })
      .strict()
      .prefault({}),
    customerRules: z
      .object({
        useDefaultState: z.boolean().default(false),
        defaultState: z.string().trim().min(1).max(255).nullable().default(null),
        defaultCountry: z.string().trim().min(1).max(255).nullable().default(null),
        useClientAddressForSites: z.boolean().default(false).describe("sites take the client's state and country"),
        subCustomersAsSitesOnOnboarding: z
          .boolean()
          .default(true)
          .describe('QBO sub-customers become sites, during onboarding only'),
      })
      .strict()
      .prefault({}),
    conflictRule: conflictRule.default('newest_wins'),
  })
  .strict();

export const mappingsSchema = z
  .object({
    /** Platform payment method → QBO PaymentMethod id. */
    paymentMethods: z.record(platformValue, qboObjectId).default({}),
    /** Platform GL code → QBO Income account id. */
    glCodes: z.record(platformValue, qboObjectId).default({}),
    /** Platform product type → QBO item type and an optional QBO Item id. */
    productTypes: z
      .record(platformValue, z.object({ itemType: qboItemType, itemId: qboObjectId.nullable().default(null) }).strict())
      .default({}),
    defaults: z
      .object({
        oneTimeItemId: qboObjectId.nullable().default(null).describe('QBO Item for one-time products that match nothing'),
        recurringItemId: qboObjectId.nullable().default(null).describe('QBO Item for recurring products that match nothing'),
        platformProductId: platformValue.nullable().default(null).describe('platform product for QBO items that match nothing'),
        taxCodeId: qboObjectId.nullable().default(null).describe('QBO TaxCode'),
        classId: qboObjectId.nullable().default(null).describe('QBO Class'),
        billProfileId: platformValue.nullable().default(null).describe('platform bill profile for customers created from QBO'),
      })
      .strict()
      .prefault({}),
  })
  .strict();

/** A mapped QBO object that is missing, inactive or of the wrong type. */
export const settingsProblem = z.object({
  /** Dotted path of the field, e.g. "settings.accounts.income" or "mappings.glCodes.4000". */
  field: z.string(),
  entity: z.string().describe('QBO entity: Account, PaymentMethod, TaxCode, Class, Item'),
  qboId: z.string(),
  reason: z.enum(['missing', 'inactive', 'wrong_type', 'not_connected']),
  message: z.string(),
});

export const effectiveSettingsSchema = z.object({
  settings: syncSettingsSchema,
  mappings: mappingsSchema,
  /** The QBO company the references point into, when connected. */
  realmId: z.string().optional(),
  /** Mapped objects that are now broken in QBO (inactive, deleted, wrong type). */
  problems: z.array(settingsProblem).default([]),
});

export type SyncDirection = z.infer<typeof syncDirection>;
export type ConflictRule = z.infer<typeof conflictRule>;
export type SyncSettings = z.infer<typeof syncSettingsSchema>;
export type Mappings = z.infer<typeof mappingsSchema>;
export type SettingsProblem = z.infer<typeof settingsProblem>;
export type EffectiveSettings = z.infer<typeof effectiveSettingsSchema>;
