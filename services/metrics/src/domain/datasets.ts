/** The datasets a metric can be defined on, and the categories (report groups) of each. */

export const DATASETS = ['profit_and_loss', 'balance_sheet', 'account_balances'] as const;
export type Dataset = (typeof DATASETS)[number];

/** Report datasets are imported from a QBO report; account balances from the chart of accounts. */
export type ReportDataset = Extract<Dataset, 'profit_and_loss' | 'balance_sheet'>;

export const REPORT_NAMES: Record<ReportDataset, 'ProfitAndLoss' | 'BalanceSheet'> = {
  profit_and_loss: 'ProfitAndLoss',
  balance_sheet: 'BalanceSheet',
};

/** P&L groups (US, plus OtherIncome as in GB and the sandbox). */
export const PNL_CATEGORIES = ['Income', 'COGS', 'GrossProfit', 'Expenses', 'NetOperatingIncome', 'OtherIncome', 'OtherExpenses', 'NetOtherIncome', 'NetIncome'] as const;

/** Balance-sheet groups. */
export const BALANCE_SHEET_CATEGORIES = [
  'TotalAssets',
  'CurrentAssets',
  'BankAccounts',
  'AR',
  'OtherCurrentAssets',
  'FixedAssets',
  'OtherAssets',
  'TotalLiabilitiesAndEquity',
  'Liabilities',
  'CurrentLiabilities',
  'AP',
  'CreditCards',
  'OtherCurrentLiabilities',
  'LongTermLiabilities',
  'Equity',
  'NetIncome',
] as const;

/** Account balances are grouped by QBO Classification. */
export const ACCOUNT_BALANCE_CATEGORIES = ['Asset', 'Liability', 'Equity', 'Revenue', 'Expense'] as const;

export const CATEGORY_LABELS: Record<string, string> = {
  Income: 'Total Income',
  COGS: 'Total Cost of Goods Sold',
  GrossProfit: 'Gross Profit',
  Expenses: 'Total Expenses',
  NetOperatingIncome: 'Net Operating Income',
  OtherIncome: 'Total Other Income',
  OtherExpenses: 'Total Other Expenses',
  NetOtherIncome: 'Net Other Income',
  NetIncome: 'Net Income',
  TotalAssets: 'Total Assets',
  CurrentAssets: 'Total Current Assets',
  BankAccounts: 'Total Bank Accounts',
  AR: 'Total Accounts Receivable',
  OtherCurrentAssets: 'Total Other Current Assets',
  FixedAssets: 'Total Fixed Assets',
  OtherAssets: 'Total Other Assets',
  TotalLiabilitiesAndEquity: 'Total Liabilities and Equity',
  Liabilities: 'Total Liabilities',
  CurrentLiabilities: 'Total Current Liabilities',
  AP: 'Total Accounts Payable',
  CreditCards: 'Total Credit Cards',
  OtherCurrentLiabilities: 'Total Other Current Liabilities',
  LongTermLiabilities: 'Total Long-Term Liabilities',
  Equity: 'Total Equity',
};

export function categoriesOf(dataset: Dataset): readonly string[] {
  if (dataset === 'profit_and_loss') return PNL_CATEGORIES;
  if (dataset === 'balance_sheet') return BALANCE_SHEET_CATEGORIES;
  return ACCOUNT_BALANCE_CATEGORIES;
}

/** Row keys: one account's own line, or a category total. */
export const accountRowKey = (accountId: string): string => `account:${accountId}`;
export const categoryRowKey = (category: string): string => `total:${category}`;

/** Transactions whose change can move a P&L or balance-sheet number. */
export const FINANCIAL_ENTITIES = new Set([
  'Invoice',
  'Payment',
  'SalesReceipt',
  'RefundReceipt',
  'CreditMemo',
  'Purchase',
  'JournalEntry',
  'Bill',
  'BillPayment',
  'VendorCredit',
  'Deposit',
  'Transfer',
  'Check',
  'CreditCardPayment',
  'Expense',
  'TimeActivity',
  'InventoryAdjustment',
  'Account',
]);
