import Decimal from 'decimal.js';
import type { Json } from '../store/company';
import type { SandboxStore } from '../store/store';
import { Random } from '../random';
import { addDays, addMonths, startOfMonth } from '../time';
import { CITIES, CLASSES, COMPANY_SUFFIXES, COMPANY_WORDS, FAMILY_NAMES, GIVEN_NAMES, ITEMS, PAYMENT_METHODS, STREETS, US_CHART_OF_ACCOUNTS } from './catalog';

export type SeedSize = 'empty' | 'small' | 'medium' | 'large';

export interface SeedOptions {
  /** Same seed, size and asOf → the same company, entity by entity. */
  seed: number | string;
  size?: SeedSize;
  /** Last day of the seeded history (YYYY-MM-DD); default: today on the sandbox clock. */
  asOf?: string;
  /** Months of invoices and payments ending at asOf (default 24). */
  months?: number;
}

const SIZES: Record<SeedSize, { customers: number; employees: number; invoicesPerMonth: number }> = {
  empty: { customers: 0, employees: 0, invoicesPerMonth: 0 },
  small: { customers: 8, employees: 3, invoicesPerMonth: 6 },
  medium: { customers: 30, employees: 8, invoicesPerMonth: 25 },
  large: { customers: 150, employees: 25, invoicesPerMonth: 90 },
};

export interface SeedSummary {
  realmId: string;
  counts: Record<string, number>;
}

/** Noon of a date in the company's zone, as epoch ms (the seeded record's MetaData time). */
function noon(date: string, offsetMinutes: number): number {
  return Date.parse(`${date}T12:00:00Z`) - offsetMinutes * 60_000;
}

/**
 * Fill a company with a realistic, deterministic history: a US chart of accounts, payment
 * methods, classes, customers with sub-customers, employees, items, `months` months of
 * invoices (most paid, some partly), sales receipts and expenses (Purchases), plus an opening
 * balance. Records carry MetaData times of their business dates; no change events are emitted.
 */
export function seedCompany(store: SandboxStore, realmId: string, options: SeedOptions, todayDate: string, offsetMinutes: number): SeedSummary {
  const rnd = new Random(`${String(options.seed)}:${options.size ?? 'small'}`);
  const size = SIZES[options.size ?? 'small'];
  const asOf = options.asOf ?? todayDate;
  const months = options.months ?? 24;
  const firstMonth = startOfMonth(addMonths(startOfMonth(asOf), -(months - 1)));
  const startMs = noon(addDays(firstMonth, -1), offsetMinutes);
  const w = (entity: string, body: Json, atMs = startMs): Json => store.create(realmId, entity, body, { atMs, silent: true });
  const counts: Record<string, number> = {};
  const count = (entity: string): void => {
    counts[entity] = (counts[entity] ?? 0) + 1;
  };

  const accounts: Record<string, string> = {};
  for (const a of US_CHART_OF_ACCOUNTS) {
    const body: Json = { Name: a.Name, AccountType: a.AccountType, AccountSubType: a.AccountSubType };
    if (a.AcctNum) body.AcctNum = a.AcctNum;
    accounts[a.key] = String(w('Account', body).Id);
    count('Account');
  }
  const acct = (key: string): { value: string } => ({ value: accounts[key] ?? '' });
  const methods = PAYMENT_METHODS.map((m) => {
    count('PaymentMethod');
    return String(w('PaymentMethod', m).Id);
  });
  if (size.customers === 0) return { realmId, counts };

  const classes = CLASSES.map((name) => {
    count('Class');
    return String(w('Class', { Name: name }).Id);
  });
  const items = ITEMS.map((item) => {
    const body: Json = { Name: item.Name, Type: item.Type, UnitPrice: item.UnitPrice, Sku: item.Sku, IncomeAccountRef: acct(item.income), Description: `${item.Name} (${item.Type})` };
    if (item.Type === 'Inventory') {
      Object.assign(body, { PurchaseCost: item.PurchaseCost, ExpenseAccountRef: acct('cogs'), AssetAccountRef: acct('inventory'), TrackQtyOnHand: true, QtyOnHand: 5000, InvStartDate: firstMonth });
    }
    count('Item');
    return { id: String(w('Item', body).Id), unitPrice: item.UnitPrice };
  });

  const address = (): Json => {
    const city = rnd.pick(CITIES);
    return { Line1: `${rnd.int(10, 9999)} ${rnd.pick(STREETS)}`, City: city.City, CountrySubDivisionCode: city.CountrySubDivisionCode, PostalCode: city.PostalCode, Country: 'USA' };
  };

  const used = new Set<string>();
  const uniqueName = (make: () => string): string => {
    for (let i = 0; ; i++) {
      const base = make();
      const name = i < 20 ? base : `${base} ${i}`;
      if (!used.has(name.toLowerCase())) {
        used.add(name.toLowerCase());
        return name;
      }
    }
  };

  const employees: string[] = [];
  for (let i = 0; i < size.employees; i++) {
    const given = rnd.pick(GIVEN_NAMES);
    const family = rnd.pick(FAMILY_NAMES);
    const display = uniqueName(() => `${given} ${family}`);
    const e = w('Employee', {
      GivenName: given,
      FamilyName: family,
      DisplayName: display,
      PrimaryEmailAddr: { Address: `${given}.${family}${i}@example.com`.toLowerCase() },
      PrimaryAddr: address(),
      HiredDate: addDays(firstMonth, -rnd.int(30, 2000)),
      EmployeeNumber: `E${100 + i}`,
    });
    employees.push(String(e.Id));
    count('Employee');
  }

  /** Billable customers: top-level ones and their sub-customers (sites / projects). */
  const billable: string[] = [];
  for (let i = 0; i < size.customers; i++) {
    const isCompany = rnd.chance(0.7);
    const given = rnd.pick(GIVEN_NAMES);
    const family = rnd.pick(FAMILY_NAMES);
    const display = uniqueName(() => (isCompany ? `${rnd.pick(COMPANY_WORDS)} ${rnd.pick(COMPANY_SUFFIXES)}` : `${given} ${family}`));
    const body: Json = {
      DisplayName: display,
      GivenName: given,
      FamilyName: family,
      PrimaryEmailAddr: { Address: `billing${i}@${display.toLowerCase().replace(/[^a-z0-9]+/g, '')}.example.com` },
      PrimaryPhone: { FreeFormNumber: `(${rnd.int(200, 989)}) ${rnd.int(200, 999)}-${String(rnd.int(0, 9999)).padStart(4, '0')}` },
      BillAddr: address(),
      Taxable: rnd.chance(0.5),
    };
    if (isCompany) body.CompanyName = display;
    if (rnd.chance(0.15)) delete (body.BillAddr as Json).CountrySubDivisionCode;
    const parent = String(w('Customer', body).Id);
    count('Customer');
    billable.push(parent);
    if (isCompany && rnd.chance(0.35)) {
      const subs = rnd.int(1, 2);
      for (let s = 0; s < subs; s++) {
        const site = uniqueName(() => `${display.split(' ')[0] ?? 'Site'} - ${rnd.pick(STREETS)} ${s + 1}`);
        const sub = w('Customer', { DisplayName: site, ParentRef: { value: parent }, Job: true, BillWithParent: rnd.chance(0.5), ShipAddr: address() });
        billable.push(String(sub.Id));
        count('Customer');
      }
    }
  }

  // Opening balance: cash in the bank and a truck, against Opening Balance Equity.
  w('JournalEntry', {
    TxnDate: addDays(firstMonth, -1),
    PrivateNote: 'Opening balance',
    Line: [
      { DetailType: 'JournalEntryLineDetail', Amount: 50000, JournalEntryLineDetail: { PostingType: 'Debit', AccountRef: acct('checking') } },
      { DetailType: 'JournalEntryLineDetail', Amount: 28000, JournalEntryLineDetail: { PostingType: 'Debit', AccountRef: acct('truck') } },
      { DetailType: 'JournalEntryLineDetail', Amount: 78000, JournalEntryLineDetail: { PostingType: 'Credit', AccountRef: acct('openingEquity') } },
    ],
  }, startMs);
  count('JournalEntry');

  const payments: { date: string; body: Json }[] = [];
  for (let m = 0; m < months; m++) {
    const monthStart = addMonths(firstMonth, m);
    const daysInMonth = Number(addDays(addMonths(monthStart, 1), -1).slice(8, 10));
    const lastDay = m === months - 1 ? Number(asOf.slice(8, 10)) : daysInMonth;
    // Invoices (and their payments, which are created in date order below).
    for (let i = 0; i < size.invoicesPerMonth; i++) {
      const txnDate = addDays(monthStart, rnd.int(0, lastDay - 1));
      const customer = rnd.pick(billable);
      const lineCount = rnd.int(1, 3);
      const lines: Json[] = [];
      for (let l = 0; l < lineCount; l++) {
        const item = rnd.pick(items);
        const qty = rnd.int(1, 12);
        const price = rnd.chance(0.2) ? Math.round(item.unitPrice * (0.8 + rnd.next() * 0.4) * 100) / 100 : item.unitPrice;
        lines.push({ DetailType: 'SalesItemLineDetail', Description: `Work ${monthStart.slice(0, 7)}`, SalesItemLineDetail: { ItemRef: { value: item.id }, Qty: qty, UnitPrice: price, ClassRef: { value: rnd.pick(classes) }, TaxCodeRef: { value: 'NON' } } });
      }
      const invoice = w('Invoice', { CustomerRef: { value: customer }, TxnDate: txnDate, Line: lines, PrivateNote: rnd.chance(0.1) ? 'Seeded invoice' : undefined }, noon(txnDate, offsetMinutes));
      count('Invoice');
      const roll = rnd.next();
      if (roll < 0.8) {
        const payDate = addDays(txnDate, rnd.int(3, 50));
        if (payDate <= asOf) {
          const total = (invoice.TotalAmt as { toFixed(): string }).toFixed();
          const partial = rnd.chance(0.1);
          const amount = partial ? new Decimal(total).dividedBy(2).toDecimalPlaces(2, Decimal.ROUND_DOWN).toFixed(2) : total;
          const body: Json = {
            CustomerRef: { value: customer },
            TotalAmt: amount,
            TxnDate: payDate,
            PaymentMethodRef: { value: rnd.pick(methods) },
            DepositToAccountRef: rnd.chance(0.6) ? acct('undeposited') : acct('checking'),
            Line: [{ Amount: amount, LinkedTxn: [{ TxnId: String(invoice.Id), TxnType: 'Invoice' }] }],
          };
          if (rnd.chance(0.5)) body.PaymentRefNum = String(rnd.int(1000, 99999));
          payments.push({ date: payDate, body });
        }
      }
    }
    // A few sales receipts (cash sales).
    for (let i = 0; i < Math.max(1, Math.floor(size.invoicesPerMonth / 5)); i++) {
      const txnDate = addDays(monthStart, rnd.int(0, lastDay - 1));
      const item = rnd.pick(items);
      w('SalesReceipt', {
        TxnDate: txnDate,
        CustomerRef: rnd.chance(0.5) ? { value: rnd.pick(billable) } : undefined,
        DepositToAccountRef: acct('checking'),
        PaymentMethodRef: { value: rnd.pick(methods) },
        Line: [{ DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: item.id }, Qty: rnd.int(1, 4), UnitPrice: item.unitPrice } }],
      }, noon(txnDate, offsetMinutes));
      count('SalesReceipt');
    }
    // Monthly expenses.
    const scale = Math.max(1, Math.round(size.invoicesPerMonth / 6));
    const expenses: [string, number, 'Check' | 'CreditCard'][] = [
      ['rent', 2200 * scale, 'Check'],
      ['utilities', 180 + rnd.int(0, 120), 'Check'],
      ['payroll', (3200 + rnd.int(0, 800)) * scale, 'Check'],
      ['office', 60 + rnd.int(0, 240), 'CreditCard'],
      ['supplies', 90 + rnd.int(0, 400), 'CreditCard'],
      ['insurance', 310, 'Check'],
    ];
    if (rnd.chance(0.5)) expenses.push(['advertising', 150 + rnd.int(0, 900), 'CreditCard']);
    if (rnd.chance(0.3)) expenses.push(['travel', 200 + rnd.int(0, 1200), 'CreditCard']);
    for (const [key, amount, type] of expenses) {
      const txnDate = addDays(monthStart, rnd.int(0, lastDay - 1));
      w('Purchase', {
        PaymentType: type,
        AccountRef: type === 'CreditCard' ? acct('card') : acct('checking'),
        TxnDate: txnDate,
        EntityRef: employees.length > 0 && key === 'travel' ? { value: rnd.pick(employees), type: 'Employee' } : undefined,
        Line: [{ DetailType: 'AccountBasedExpenseLineDetail', Amount: amount.toFixed(2), Description: `${key} ${monthStart.slice(0, 7)}`, AccountBasedExpenseLineDetail: { AccountRef: acct(key), ClassRef: { value: rnd.pick(classes) } } }],
      }, noon(txnDate, offsetMinutes));
      count('Purchase');
    }
    // Interest and depreciation once a month.
    w('JournalEntry', {
      TxnDate: addDays(monthStart, lastDay - 1),
      PrivateNote: 'Monthly depreciation',
      Line: [
        { DetailType: 'JournalEntryLineDetail', Amount: 250, JournalEntryLineDetail: { PostingType: 'Debit', AccountRef: acct('depreciation') } },
        { DetailType: 'JournalEntryLineDetail', Amount: 250, JournalEntryLineDetail: { PostingType: 'Credit', AccountRef: acct('truck') } },
      ],
    }, noon(addDays(monthStart, lastDay - 1), offsetMinutes));
    count('JournalEntry');
  }
  payments.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (const p of payments) {
    w('Payment', p.body, noon(p.date, offsetMinutes));
    count('Payment');
  }
  return { realmId, counts };
}
