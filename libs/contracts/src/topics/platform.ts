import { z } from 'zod';
import { address, currencyCode, decimalString, divisionId as divisionIdSchema, isoDate, isoDateTime, recordVersion, tenantId, tenantKey } from '../common';

/**
 * The division of the tenant a record belongs to (seed 001: one QBO company per division). A
 * record with a division goes to that division's company, with that division's settings; a
 * record without one goes to the tenant's own connection.
 */
const divisionId = divisionIdSchema.optional();
import { defineTopic } from '../topic';

export const customerUpserted = z.object({
  tenantId,
  divisionId,
  customerId: z.string().min(1).max(100),
  displayName: z.string().min(1).max(500),
  companyName: z.string().max(100).optional(),
  givenName: z.string().max(100).optional(),
  familyName: z.string().max(100).optional(),
  email: z.email().optional(),
  phone: z.string().max(30).optional(),
  billingAddress: address.optional(),
  shippingAddress: address.optional(),
  /** Set for sites / sub-customers. */
  parentCustomerId: z.string().min(1).max(100).optional(),
  active: z.boolean().default(true),
  /**
   * The platform bill profile of the customer. ledgerbus sets it on customers it creates on the
   * platform from QBO (`customer.changed_in_qbo` created, `customer.imported` create) from the
   * tenant's `mappings.defaults.billProfileId`; it is never sent to QBO.
   */
  billProfileId: z.string().min(1).max(100).optional(),
  version: recordVersion,
  /** When the record last changed on the platform; `newest_wins` compares it with QBO's LastUpdatedTime (default: the event time). */
  updatedAt: isoDateTime.optional(),
});

export const customerDeleted = z.object({ tenantId, divisionId, customerId: z.string().min(1).max(100), version: recordVersion });

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
  employeeId: z.string().min(1).max(100),
  displayName: z.string().min(1).max(500),
  givenName: z.string().max(100).optional(),
  familyName: z.string().max(100).optional(),
  email: z.email().optional(),
  active: z.boolean().default(true),
  version: recordVersion,
});

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
  productId: z.string().min(1).max(100),
  name: z.string().min(1).max(500),
  sku: z.string().max(100).optional(),
  productType: z.string().max(100).optional(),
  active: z.boolean().default(true),
  version: recordVersion,
});

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
  productId: z.string().min(1).max(100),
  productName: z.string().max(100).optional(),
  productType: z.string().max(100).optional(),
  glCode: z.string().max(100).optional(),
  description: z.string().max(4000).optional(),
  quantity: decimalString,
  unitPrice: decimalString,
  taxable: z.boolean().default(false),
  recurring: z.boolean().default(false),
});

export const invoiceUpserted = z.object({
  tenantId,
  divisionId,
  invoiceId: z.string().min(1).max(100),
  number: z.string().min(1).max(50),
  customerId: z.string().min(1).max(100),
  txnDate: isoDate,
  dueDate: isoDate.optional(),
  marketSegment: z.string().max(100).optional(),
  currency: currencyCode.default('USD'),
  lines: z.array(invoiceLine).min(1).max(500),
  version: recordVersion,
});

const invoiceRef = z.object({ tenantId, divisionId, invoiceId: z.string().min(1).max(100), version: recordVersion });

export const platformInvoices = defineTopic({
  name: 'platform.invoices.v1',
  description: "The platform's invoices as the integrator publishes them.",
  keyDescription: 'tenant id',
  key: tenantKey,
  events: { 'invoice.upserted': invoiceUpserted, 'invoice.voided': invoiceRef, 'invoice.deleted': invoiceRef },
  partitions: 12,
  cleanupPolicy: 'delete',
  producers: ['platform integrator'],
});

export const paymentRecorded = z.object({
  tenantId,
  divisionId,
  paymentId: z.string().min(1).max(100),
  customerId: z.string().min(1).max(100),
  amount: decimalString,
  date: isoDate,
  /** The currency of the amounts (the invoices' currency); it sets how many decimals they may have. */
  currency: currencyCode.default('USD'),
  /** The market segment of the payment, when the platform tracks one: the segment filter then applies to it. */
  marketSegment: z.string().max(100).optional(),
  method: z.string().max(100).optional(),
  reference: z.string().max(50).optional(),
  appliedTo: z.array(z.object({ invoiceId: z.string().min(1).max(100), amount: decimalString })).max(100),
  version: recordVersion,
});

const paymentRef = z.object({ tenantId, divisionId, paymentId: z.string().min(1).max(100), version: recordVersion });

export const platformPayments = defineTopic({
  name: 'platform.payments.v1',
  description: "The platform's payments as the integrator publishes them.",
  keyDescription: 'tenant id',
  key: tenantKey,
  events: { 'payment.recorded': paymentRecorded, 'payment.voided': paymentRef, 'payment.deleted': paymentRef },
  partitions: 12,
  cleanupPolicy: 'delete',
  producers: ['platform integrator'],
});
