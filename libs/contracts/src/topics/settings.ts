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
    enabled: z.boolean().default(true).describe('when false the number is sent without the prefix; default true'),
    /** Prepended to the platform number to form the QBO DocNumber. */
    prefix: z
      .string()
      .max(QBO_DOC_NUMBER_MAX_LENGTH)
      .regex(/^[^\s]*$/, 'a prefix has no spaces')
      .default('')
      .describe('prepended to the platform number to form the QBO DocNumber (invoices) or PaymentRefNum (payments); no spaces; default empty'),
  })
  .strict();

export const syncSettingsSchema = z
  .object({
    integration: z
      .object({ enabled: z.boolean().default(true).describe('false while the integration is disabled; default true') })
      .strict()
      .prefault({})
      .describe('set by POST …/integration/enable and …/disable (a settings save keeps it): while off nothing is pushed and records are held (sync_disabled); the enable run releases them'),
    entities: z
      .object({
        customers: syncDirection.default('to_qbo').describe('customers: off, to_qbo, from_qbo or both (two-way); default to_qbo'),
        items: syncDirection.default('to_qbo').describe('items: to_qbo or both lets invoice-push create a QBO item for an unmapped product by name; default to_qbo'),
        employees: syncDirection.default('off').describe('employees: default off'),
      })
      .strict()
      .prefault({})
      .describe('which way each kind of record flows'),
    invoices: z
      .object({ enabled: z.boolean().default(false).describe('true: platform invoices are pushed to QBO; default false') })
      .strict()
      .prefault({})
      .describe('invoice push'),
    payments: z
      .object({ enabled: z.boolean().default(false).describe('true: platform payments are pushed to QBO (requires invoices.enabled); default false') })
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
      .prefault({})
      .describe('the QBO accounts that invoices, created items and payments use (ids in the connected company; null = not set)'),
    documentPrefixes: z
      .object({
        invoices: documentPrefix.prefault({}).describe('prefix of invoice DocNumbers'),
        payments: documentPrefix.prefault({}).describe('prefix of payment PaymentRefNums'),
        /**
         * The longest invoice/payment number the platform produces; prefix + number must
         * fit QBO's 21-character DocNumber.
         */
        platformNumberMaxLength: z
          .number()
          .int()
          .min(1)
          .max(QBO_DOC_NUMBER_MAX_LENGTH)
          .default(DEFAULT_PLATFORM_NUMBER_MAX_LENGTH)
          .describe(`the longest invoice/payment number the platform produces (1-21); prefix + number must fit QBO's 21 characters; default ${DEFAULT_PLATFORM_NUMBER_MAX_LENGTH}`),
      })
      .strict()
      .prefault({})
      .describe('optional prefixes that make QBO document numbers tell ledgerbus records apart'),
    filters: z
      .object({
        syncDataAfter: isoDate.nullable().default(null).describe('only records dated on or after this day'),
        marketSegment: z.string().trim().min(1).max(100).nullable().default(null).describe('only records of this market segment'),
      })
      .strict()
      .prefault({})
      .describe('records left out of the push (skipped, with the filter named); null = no filter'),
    customerRules: z
      .object({
        useDefaultState: z
          .boolean()
          .default(false)
          .describe('a QBO customer without a billing state takes defaultState; when off it fails with customer_state_unknown; default false'),
        defaultState: z.string().trim().min(1).max(255).nullable().default(null).describe('the state given to QBO customers that have none (with useDefaultState)'),
        defaultCountry: z.string().trim().min(1).max(255).nullable().default(null).describe('the country given with the default state to customers that have none'),
        useClientAddressForSites: z.boolean().default(false).describe("sites take the client's state and country"),
        subCustomersAsSitesOnOnboarding: z
          .boolean()
          .default(true)
          .describe('QBO sub-customers become sites, during onboarding only'),
      })
      .strict()
      .prefault({})
      .describe('rules for customers that come from QBO'),
    conflictRule: conflictRule.default('newest_wins').describe('which side wins when a two-way customer changed on both sides; default newest_wins'),
  })
  .strict();

export const mappingsSchema = z
  .object({
    /** Platform payment method → QBO PaymentMethod id. */
    paymentMethods: z.record(platformValue, qboObjectId).default({}).describe('platform payment method → QBO PaymentMethod id'),
    /** Platform GL code → QBO Income account id. */
    glCodes: z.record(platformValue, qboObjectId).default({}).describe('platform GL code → QBO Income account id'),
    /** Platform product type → QBO item type and an optional QBO Item id. */
    productTypes: z
      .record(
        platformValue,
        z
          .object({
            itemType: qboItemType.describe('the QBO item type of items created for this product type'),
            itemId: qboObjectId.nullable().default(null).describe('the QBO Item every product of this type is invoiced as; null = an item by the product name'),
          })
          .strict(),
      )
      .default({})
      .describe('platform product type → QBO item type and an optional QBO Item id'),
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
      .prefault({})
      .describe('defaults for what matches no mapping (QBO ids of the connected company; null = none)'),
  })
  .strict();

/** A mapped QBO object that is missing, inactive or of the wrong type. */
export const settingsProblem = z
  .object({
    /** Dotted path of the field, e.g. "settings.accounts.income" or "mappings.glCodes.4000". */
    field: z.string().describe('dotted path of the setting or mapping, e.g. "settings.accounts.income" or "mappings.glCodes.4000"'),
    entity: z.string().describe('QBO entity: Account, PaymentMethod, TaxCode, Class, Item'),
    qboId: z.string().describe('the QBO id the field points at'),
    reason: z
      .enum(['missing', 'inactive', 'wrong_type', 'not_connected'])
      .describe('missing (not in the company), inactive, wrong_type (e.g. an income mapping that is not an Income account), not_connected (no company to check against)'),
    message: z.string().describe('the problem in words, for the admin'),
  })
  .describe('a mapped QBO object that is missing, inactive or of the wrong type');

export const effectiveSettingsSchema = z.object({
  settings: syncSettingsSchema.describe('the sync settings'),
  mappings: mappingsSchema.describe('the mappings of platform values to QBO objects'),
  /** The QBO company the references point into, when connected. */
  realmId: z.string().optional().describe('the QBO company the references point into, when connected'),
  /** Mapped objects that are now broken in QBO (inactive, deleted, wrong type). */
  problems: z.array(settingsProblem).default([]).describe('mapped objects that are now broken in QBO (missing, inactive, wrong type)'),
});

export type SyncDirection = z.infer<typeof syncDirection>;
export type ConflictRule = z.infer<typeof conflictRule>;
export type SyncSettings = z.infer<typeof syncSettingsSchema>;
export type Mappings = z.infer<typeof mappingsSchema>;
export type SettingsProblem = z.infer<typeof settingsProblem>;
export type EffectiveSettings = z.infer<typeof effectiveSettingsSchema>;
