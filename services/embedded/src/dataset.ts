/**
 * Step 3's records: what a field-service platform would publish for one tenant — clients
 * (and a site), invoices with service, material, recurring and one-time lines, payments
 * (full, partial, one covering two invoices) and one deliberately bad invoice. Pure and
 * deterministic: the same `today` gives the same records.
 */
import type { z } from 'zod';
import type { customerUpserted, invoiceUpserted, paymentRecorded } from '@ledgerbus/contracts';

export type PlatformCustomer = z.input<typeof customerUpserted>;
export type PlatformInvoice = z.input<typeof invoiceUpserted>;
export type PlatformPayment = z.input<typeof paymentRecorded>;

export interface DemoDataset {
  customers: PlatformCustomer[];
  invoices: PlatformInvoice[];
  payments: PlatformPayment[];
  /** Records that must fail, with the error code they must fail with. */
  expectedFailures: Array<{ entity: 'invoice' | 'payment' | 'customer'; platformId: string; code: string }>;
  /** Invoice totals in cents, by invoice id. */
  invoiceTotalsCents: Map<string, number>;
  /** Amount applied to each paid invoice, in cents. */
  appliedCents: Map<string, number>;
}

export interface DatasetOptions {
  tenantId: string;
  /** "Today" (YYYY-MM-DD); invoices are dated in the 60 days before it. */
  today: string;
  customers?: number;
  invoices?: number;
  payments?: number;
}

const CLIENTS = [
  'Harbor View Dental', 'Maple Street Bakery', 'Northwind Logistics', 'Cedar Ridge Apartments', 'Bluebird Veterinary',
  'Summit Fitness Club', 'Riverside Library', 'Golden Gate Florist', 'Pinecrest Elementary', 'Lakeside Marina',
  'Copperfield Brewing', 'Oakwood Family Clinic', 'Silverline Print Shop', 'Evergreen Senior Living', 'Redwood Auto Repair',
  'Brightside Daycare', 'Willow Creek Hotel', 'Ironclad Storage', 'Sunset Yoga Studio', 'Granite Peak Outfitters',
];
const CITIES: Array<[string, string, string]> = [
  ['Portland', 'OR', '97201'], ['Seattle', 'WA', '98101'], ['Boise', 'ID', '83702'], ['Sacramento', 'CA', '95814'], ['Reno', 'NV', '89501'],
];

/** The catalogue: product, QBO item type, GL code, price in cents; recurring and unnamed lines use the default items. */
const PRODUCTS = [
  { productId: 'svc-maint', productName: 'HVAC Maintenance Visit', productType: 'service', glCode: '4000', cents: 12_000 },
  { productId: 'svc-repair', productName: 'Repair Labor (hour)', productType: 'service', glCode: '4000', cents: 9_500 },
  { productId: 'mat-filter', productName: 'Air Filter MERV 13', productType: 'material', glCode: '4100', cents: 2_450 },
  { productId: 'mat-thermo', productName: 'Smart Thermostat', productType: 'material', glCode: '4100', cents: 18_999 },
  { productId: 'svc-audit', productName: 'Energy Audit', productType: 'service', glCode: '4200', cents: 27_500 },
] as const;
const PLAN = { productId: 'plan-monthly', cents: 4_900 }; // recurring, no QBO item of its own → default recurring item
const TRIP = { productId: 'fee-trip', cents: 3_500 }; // one-time fee, no QBO item of its own → default one-time item

/** Cents as a decimal string ("1234.50"), without floating point. */
export function centsToDecimal(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function buildDataset(options: DatasetOptions): DemoDataset {
  const { tenantId, today } = options;
  const customerCount = Math.min(options.customers ?? 20, CLIENTS.length);
  const invoiceCount = options.invoices ?? 40;
  const paymentCount = Math.min(options.payments ?? 30, invoiceCount);

  // Clients, and one site (a sub-customer in QBO) of the first client.
  const customers: PlatformCustomer[] = [];
  for (let i = 0; i < customerCount - 1; i++) {
    const name = CLIENTS[i] ?? `Client ${i + 1}`;
    const [city, state, postalCode] = CITIES[i % CITIES.length] ?? ['Portland', 'OR', '97201'];
    const slug = name.toLowerCase().replace(/[^a-z]+/g, '.').replace(/^\.|\.$/g, '');
    customers.push({
      tenantId,
      customerId: `cust-${String(i + 1).padStart(3, '0')}`,
      displayName: name,
      companyName: name,
      email: `billing@${slug}.example`,
      phone: `(503) 555-${String(1000 + i * 37).slice(-4)}`,
      billingAddress: { line1: `${100 + i * 11} Main St`, city, state, postalCode, country: 'USA' },
      version: 1,
    });
  }
  const siteOwner = customers[0];
  if (siteOwner !== undefined) {
    customers.push({
      tenantId,
      customerId: 'site-001',
      displayName: `${siteOwner.displayName} - Downtown Office`,
      parentCustomerId: siteOwner.customerId,
      shippingAddress: { line1: '455 Broadway', city: 'Portland', state: 'OR', postalCode: '97205', country: 'USA' },
      version: 1,
    });
  }
  const billable = customers.map((c) => c.customerId);

  const invoices: PlatformInvoice[] = [];
  const invoiceTotalsCents = new Map<string, number>();
  for (let i = 0; i < invoiceCount; i++) {
    const invoiceId = `inv-${String(i + 1).padStart(4, '0')}`;
    const a = PRODUCTS[i % PRODUCTS.length]!;
    const b = PRODUCTS[(i * 3 + 1) % PRODUCTS.length]!;
    const qtyA = 1 + (i % 3);
    const lines: PlatformInvoice['lines'] = [
      { productId: a.productId, productName: a.productName, productType: a.productType, glCode: a.glCode, description: a.productName, quantity: String(qtyA), unitPrice: centsToDecimal(a.cents) },
    ];
    let total = qtyA * a.cents;
    if (b.productId !== a.productId) {
      lines.push({ productId: b.productId, productName: b.productName, productType: b.productType, glCode: b.glCode, quantity: '1', unitPrice: centsToDecimal(b.cents) });
      total += b.cents;
    }
    if (i % 4 === 0) {
      lines.push({ productId: PLAN.productId, description: 'Comfort Club membership (monthly)', quantity: '1', unitPrice: centsToDecimal(PLAN.cents), recurring: true });
      total += PLAN.cents;
    }
    if (i % 5 === 2) {
      lines.push({ productId: TRIP.productId, description: 'Trip charge', quantity: '1', unitPrice: centsToDecimal(TRIP.cents) });
      total += TRIP.cents;
    }
    const txnDate = addDays(today, -60 + Math.floor((i * 59) / Math.max(1, invoiceCount - 1)));
    invoices.push({
      tenantId,
      invoiceId,
      number: `INV-${String(10_001 + i)}`,
      customerId: billable[i % billable.length] ?? 'cust-001',
      txnDate,
      dueDate: addDays(txnDate, 30),
      currency: 'USD',
      lines,
      version: 1,
    });
    invoiceTotalsCents.set(invoiceId, total);
  }

  // Payments: most pay one invoice in full; one is partial; one pays two invoices of the same customer.
  const payments: PlatformPayment[] = [];
  const appliedCents = new Map<string, number>();
  const methods = ['card', 'check', 'cash'] as const;
  for (let i = 0; i < paymentCount; i++) {
    const invoice = invoices[i]!;
    const total = invoiceTotalsCents.get(invoice.invoiceId) ?? 0;
    const partial = i === 1;
    const applied = partial ? Math.floor(total / 2) : total;
    const appliedTo = [{ invoiceId: invoice.invoiceId, amount: centsToDecimal(applied) }];
    appliedCents.set(invoice.invoiceId, applied);
    let amount = applied;
    // The 13th payment also settles the customer's next open invoice (one check for two invoices).
    if (i === 12) {
      const next = invoices.slice(paymentCount).find((inv) => inv.customerId === invoice.customerId);
      if (next !== undefined) {
        const nextTotal = invoiceTotalsCents.get(next.invoiceId) ?? 0;
        appliedTo.push({ invoiceId: next.invoiceId, amount: centsToDecimal(nextTotal) });
        appliedCents.set(next.invoiceId, nextTotal);
        amount += nextTotal;
      }
    }
    payments.push({
      tenantId,
      paymentId: `pay-${String(i + 1).padStart(4, '0')}`,
      customerId: invoice.customerId,
      amount: centsToDecimal(amount),
      date: addDays(invoice.txnDate, 5),
      method: methods[i % methods.length],
      reference: `PMT-${String(50_001 + i)}`,
      appliedTo,
      version: 1,
    });
  }

  // The bad record: an invoice for a customer the platform never published.
  invoices.push({
    tenantId,
    invoiceId: 'inv-orphan',
    number: 'INV-99999',
    customerId: 'cust-unknown',
    txnDate: addDays(today, -1),
    currency: 'USD',
    lines: [{ productId: PRODUCTS[0].productId, productName: PRODUCTS[0].productName, productType: 'service', glCode: '4000', quantity: '1', unitPrice: centsToDecimal(PRODUCTS[0].cents) }],
    version: 1,
  });
  const expectedFailures = [{ entity: 'invoice' as const, platformId: 'inv-orphan', code: 'customer_not_synced' }];

  return { customers, invoices, payments, expectedFailures, invoiceTotalsCents, appliedCents };
}
