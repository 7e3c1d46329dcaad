import { z } from 'zod';
import { address, currencyCode, decimalString, divisionId as divisionIdSchema, isoDate, isoDateTime, recordVersion, tenantId, tenantKey } from '../common';

/**
 * The division of the tenant a record belongs to (seed 001: one QBO company per division). A
 * record with a division goes to that division's company, with that division's settings; a
 * record without one goes to the tenant's own connection.
 */
const divisionId = divisionIdSchema
  .optional()
  .describe(
    "the tenant's division the record belongs to, when the tenant connects one QBO company per division: the record goes to that division's company with that division's settings; absent = the tenant's own connection",
  );
import { defineTopic } from '../topic';

const customerId = z.string().min(1).max(100).describe("the platform's id of the customer (1-100 characters), stable for the life of the record");

export const customerUpserted = z.object({
  tenantId,
  divisionId,
  customerId,
  displayName: z
    .string()
    .min(1)
    .max(500)
    .describe('the name shown for the customer (QBO DisplayName, unique among a company\'s customers; a duplicate is renamed and the name used is reported as qboDisplayName)'),
  companyName: z.string().max(100).optional().describe('the company name (QBO CompanyName)'),
  givenName: z.string().max(100).optional().describe('first name of the contact person (QBO GivenName)'),
  familyName: z.string().max(100).optional().describe('last name of the contact person (QBO FamilyName)'),
  email: z.email().optional().describe('primary email address (QBO PrimaryEmailAddr); compared lower-cased'),
  phone: z.string().max(30).optional().describe('primary phone number as free text (QBO PrimaryPhone)'),
  billingAddress: address.optional().describe('billing address (QBO BillAddr)'),
  shippingAddress: address.optional().describe('shipping or site address (QBO ShipAddr)'),
  /** Set for sites / sub-customers. */
  parentCustomerId: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe("set for a site / sub-customer: the platform id of its parent customer; it becomes a QBO sub-customer of the parent's QBO customer (billed with the parent) and waits until the parent is synced"),
  active: z.boolean().default(true).describe('false when the customer is inactive on the platform (QBO Active); default true'),
  /**
   * The platform bill profile of the customer. ledgerbus sets it on customers it creates on the
   * platform from QBO (`customer.changed_in_qbo` created, `customer.imported` create) from the
   * tenant's `mappings.defaults.billProfileId`; it is never sent to QBO.
   */
  billProfileId: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe("the platform bill profile of the customer; set by ledgerbus only on customers it creates from QBO (from the tenant's mappings.defaults.billProfileId), never sent to QBO"),
  version: recordVersion,
  /** When the record last changed on the platform; `newest_wins` compares it with QBO's LastUpdatedTime (default: the event time). */
  updatedAt: isoDateTime
    .optional()
    .describe("when the record last changed on the platform (ISO 8601 with offset); the newest_wins conflict rule compares it with QBO's LastUpdatedTime; default: the event's time"),
}).describe('A platform customer (client or site) was created or changed: ledgerbus creates or updates its QBO customer when customers sync to QBO.');

export const customerDeleted = z
  .object({ tenantId, divisionId, customerId, version: recordVersion })
  .describe('A platform customer was deleted: its linked QBO customer is made inactive (QBO does not delete customers).');

export const platformCustomers = defineTopic({
  name: 'platform.customers.v1',
  description: "The platform's customers (clients, sites) as the integrator publishes them.",
  keyDescription: 'tenant id',
  key: tenantKey,
  events: { 'customer.upserted': customerUpserted, 'customer.deleted': customerDeleted },
  partitions: 12,
  cleanupPolicy: 'delete',
  producers: ['platform integrator'],
});

export const employeeUpserted = z.object({
    tenantId,
    employeeId: z.string().min(1).max(100).describe("the platform's id of the employee (1-100 characters)"),
    displayName: z.string().min(1).max(500).describe('the name shown for the employee'),
    givenName: z.string().max(100).optional().describe('first name'),
    familyName: z.string().max(100).optional().describe('last name'),
    email: z.email().optional().describe('email address; onboarding matches QBO employees to platform employees by it'),
    active: z.boolean().default(true).describe('false when the employee is inactive on the platform; default true'),
    version: recordVersion,
  })
  .describe("A platform employee was created or changed (the platform's directory, used by onboarding to match QBO employees).");

export const platformEmployees = defineTopic({
  name: 'platform.employees.v1',
  description: "The platform's employees (its directory), as the integrator publishes them; onboarding matches QBO employees to them by email.",
  keyDescription: 'tenant id',
  key: tenantKey,
  events: { 'employee.upserted': employeeUpserted },
  partitions: 12,
  cleanupPolicy: 'delete',
  producers: ['platform integrator'],
});

export const productUpserted = z.object({
    tenantId,
    productId: z.string().min(1).max(100).describe("the platform's id of the product (1-100 characters)"),
    name: z.string().min(1).max(500).describe('the product name; onboarding matches QBO items to products by it'),
    sku: z.string().max(100).optional().describe('stock-keeping unit; onboarding matches QBO items to products by it'),
    productType: z.string().max(100).optional().describe('the platform product type (a key of mappings.productTypes)'),
    active: z.boolean().default(true).describe('false when the product is inactive on the platform; default true'),
    version: recordVersion,
  })
  .describe("A platform product was created or changed (the platform's catalogue, used by onboarding to match QBO items).");

export const platformProducts = defineTopic({
  name: 'platform.products.v1',
  description: "The platform's products (its catalogue), as the integrator publishes them; onboarding matches QBO items to them by name or SKU.",
  keyDescription: 'tenant id',
  key: tenantKey,
  events: { 'product.upserted': productUpserted },
  partitions: 12,
  cleanupPolicy: 'delete',
  producers: ['platform integrator'],
});

export const invoiceLine = z.object({
  productId: z.string().min(1).max(100).describe("the platform's id of the product sold on this line"),
  productName: z
    .string()
    .max(100)
    .optional()
    .describe('the product name: when the product type maps to no QBO item and items sync to QBO, the QBO item of this name is used or created'),
  productType: z.string().max(100).optional().describe('the platform product type, looked up in mappings.productTypes (QBO item type and item)'),
  glCode: z.string().max(100).optional().describe("the platform GL code, looked up in mappings.glCodes for the income account of an item created for this line (default: the settings' income account)"),
  description: z.string().max(4000).optional().describe('line description (QBO line Description)'),
  quantity: decimalString.describe('quantity as a decimal string, e.g. "2" or "1.5" (QBO Qty)'),
  unitPrice: decimalString.describe('price of one unit in the invoice currency as a decimal string, e.g. "19.99"; quantity × unitPrice must fit the currency\'s decimals or the invoice fails with invalid_amount'),
  taxable: z.boolean().default(false).describe('true when the line is taxable (QBO TaxCodeRef TAX, else NON); default false'),
  recurring: z.boolean().default(false).describe("true for a recurring product: a line that matches no item uses mappings.defaults.recurringItemId instead of oneTimeItemId; default false"),
}).describe('one invoice line: a product, its quantity and unit price');

const invoiceId = z.string().min(1).max(100).describe("the platform's id of the invoice (1-100 characters), stable for the life of the record");

export const invoiceUpserted = z.object({
  tenantId,
  divisionId,
  invoiceId,
  number: z
    .string()
    .min(1)
    .max(50)
    .describe("the invoice number shown to people; QBO DocNumber = the settings' invoice prefix + number and must fit 21 characters"),
  customerId: z.string().min(1).max(100).describe('the platform id of the invoiced customer; the invoice waits (held customer_not_synced) until that customer is linked to QBO'),
  txnDate: isoDate.describe('invoice date, YYYY-MM-DD (QBO TxnDate); the "sync data after" filter compares it'),
  dueDate: isoDate.optional().describe('due date, YYYY-MM-DD (QBO DueDate)'),
  marketSegment: z.string().max(100).optional().describe('the market segment of the invoice; when the settings filter on a segment, invoices of another one are skipped'),
  currency: currencyCode.default('USD').describe('ISO 4217 currency code of the amounts; it sets how many decimals a line amount may have (2 for USD, 0 for JPY); default USD'),
  lines: z.array(invoiceLine).min(1).max(500).describe('the invoice lines, 1 to 500, in order; their total must not be negative'),
  version: recordVersion,
}).describe('A platform invoice was created or changed: ledgerbus creates or updates its QBO invoice when invoices sync.');

const invoiceRef = z
  .object({ tenantId, divisionId, invoiceId, version: recordVersion })
  .describe('A platform invoice was voided or deleted.');

export const platformInvoices = defineTopic({
  name: 'platform.invoices.v1',
  description: "The platform's invoices as the integrator publishes them.",
  keyDescription: 'tenant id',
  key: tenantKey,
  events: {
    'invoice.upserted': invoiceUpserted,
    'invoice.voided': invoiceRef.describe('A platform invoice was voided: ledgerbus voids its QBO invoice.'),
    'invoice.deleted': invoiceRef.describe('A platform invoice was deleted: ledgerbus deletes its QBO invoice.'),
  },
  partitions: 12,
  cleanupPolicy: 'delete',
  producers: ['platform integrator'],
});

const paymentId = z.string().min(1).max(100).describe("the platform's id of the payment (1-100 characters), stable for the life of the record");

export const paymentRecorded = z.object({
  tenantId,
  divisionId,
  paymentId,
  customerId: z.string().min(1).max(100).describe('the platform id of the paying customer (QBO CustomerRef of its linked customer)'),
  amount: decimalString.describe('the amount received, a non-negative decimal string (QBO TotalAmt); what is not applied to invoices stays unapplied in QBO'),
  date: isoDate.describe('payment date, YYYY-MM-DD (QBO TxnDate); the "sync data after" filter compares it'),
  /** The currency of the amounts (the invoices' currency); it sets how many decimals they may have. */
  currency: currencyCode.default('USD').describe("ISO 4217 currency code of the amounts (the invoices' currency); it sets how many decimals they may have; default USD"),
  /** The market segment of the payment, when the platform tracks one: the segment filter then applies to it. */
  marketSegment: z.string().max(100).optional().describe('the market segment of the payment, when the platform tracks one: the segment filter then applies to it'),
  method: z.string().max(100).optional().describe('the platform payment method, looked up in mappings.paymentMethods (QBO PaymentMethodRef); unmapped = none'),
  reference: z.string().max(50).optional().describe("the payment's reference (check number, transaction id); QBO PaymentRefNum = the settings' payment prefix + reference, at most 21 characters"),
  appliedTo: z
    .array(
      z
        .object({
          invoiceId: z.string().min(1).max(100).describe('the platform id of a paid invoice; the payment waits (held invoice_not_synced) until it is in QBO'),
          amount: decimalString.describe('the part of the payment applied to that invoice, a positive decimal string'),
        })
        .describe('one invoice the payment pays, and how much of it'),
    )
    .max(100)
    .describe('the invoices paid, at most 100; together at most amount'),
  version: recordVersion,
}).describe('A platform payment was recorded or changed: ledgerbus creates or updates its QBO payment, applied to the invoices, when payments sync.');

const paymentRef = z
  .object({ tenantId, divisionId, paymentId, version: recordVersion })
  .describe('A platform payment was voided or deleted.');

export const platformPayments = defineTopic({
  name: 'platform.payments.v1',
  description: "The platform's payments as the integrator publishes them.",
  keyDescription: 'tenant id',
  key: tenantKey,
  events: {
    'payment.recorded': paymentRecorded,
    'payment.voided': paymentRef.describe('A platform payment was voided: ledgerbus voids its QBO payment.'),
    'payment.deleted': paymentRef.describe('A platform payment was deleted: ledgerbus deletes its QBO payment.'),
  },
  partitions: 12,
  cleanupPolicy: 'delete',
  producers: ['platform integrator'],
});
