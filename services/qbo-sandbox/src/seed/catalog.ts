/** The fixed lists a seeded US company starts with. */

export interface AccountSeed {
  key: string;
  Name: string;
  AccountType: string;
  AccountSubType: string;
  AcctNum?: string;
}

/** A small US chart of accounts (QBO's default names and sub-types). */
export const US_CHART_OF_ACCOUNTS: AccountSeed[] = [
  { key: 'checking', Name: 'Checking', AccountType: 'Bank', AccountSubType: 'Checking', AcctNum: '1000' },
  { key: 'savings', Name: 'Savings', AccountType: 'Bank', AccountSubType: 'Savings', AcctNum: '1010' },
  { key: 'ar', Name: 'Accounts Receivable (A/R)', AccountType: 'Accounts Receivable', AccountSubType: 'AccountsReceivable', AcctNum: '1100' },
  { key: 'undeposited', Name: 'Undeposited Funds', AccountType: 'Other Current Asset', AccountSubType: 'UndepositedFunds', AcctNum: '1200' },
  { key: 'inventory', Name: 'Inventory Asset', AccountType: 'Other Current Asset', AccountSubType: 'Inventory', AcctNum: '1300' },
  { key: 'prepaid', Name: 'Prepaid Expenses', AccountType: 'Other Current Asset', AccountSubType: 'PrepaidExpenses', AcctNum: '1400' },
  { key: 'truck', Name: 'Truck', AccountType: 'Fixed Asset', AccountSubType: 'Vehicles', AcctNum: '1500' },
  { key: 'ap', Name: 'Accounts Payable (A/P)', AccountType: 'Accounts Payable', AccountSubType: 'AccountsPayable', AcctNum: '2000' },
  { key: 'card', Name: 'Mastercard', AccountType: 'Credit Card', AccountSubType: 'CreditCard', AcctNum: '2100' },
  { key: 'salesTax', Name: 'Sales Tax Payable', AccountType: 'Other Current Liability', AccountSubType: 'SalesTaxPayable', AcctNum: '2200' },
  { key: 'loan', Name: 'Notes Payable', AccountType: 'Long Term Liability', AccountSubType: 'NotesPayable', AcctNum: '2700' },
  { key: 'openingEquity', Name: 'Opening Balance Equity', AccountType: 'Equity', AccountSubType: 'OpeningBalanceEquity', AcctNum: '3000' },
  { key: 'retained', Name: 'Retained Earnings', AccountType: 'Equity', AccountSubType: 'RetainedEarnings', AcctNum: '3100' },
  { key: 'services', Name: 'Services', AccountType: 'Income', AccountSubType: 'ServiceFeeIncome', AcctNum: '4000' },
  { key: 'productSales', Name: 'Sales of Product Income', AccountType: 'Income', AccountSubType: 'SalesOfProductIncome', AcctNum: '4100' },
  { key: 'consulting', Name: 'Consulting Income', AccountType: 'Income', AccountSubType: 'ServiceFeeIncome', AcctNum: '4200' },
  { key: 'cogs', Name: 'Cost of Goods Sold', AccountType: 'Cost of Goods Sold', AccountSubType: 'SuppliesMaterialsCogs', AcctNum: '5000' },
  { key: 'advertising', Name: 'Advertising', AccountType: 'Expense', AccountSubType: 'AdvertisingPromotional', AcctNum: '6000' },
  { key: 'bankCharges', Name: 'Bank Charges', AccountType: 'Expense', AccountSubType: 'BankCharges', AcctNum: '6010' },
  { key: 'insurance', Name: 'Insurance', AccountType: 'Expense', AccountSubType: 'Insurance', AcctNum: '6020' },
  { key: 'legal', Name: 'Legal & Professional Fees', AccountType: 'Expense', AccountSubType: 'LegalProfessionalFees', AcctNum: '6030' },
  { key: 'office', Name: 'Office Expenses', AccountType: 'Expense', AccountSubType: 'OfficeGeneralAdministrativeExpenses', AcctNum: '6040' },
  { key: 'rent', Name: 'Rent or Lease', AccountType: 'Expense', AccountSubType: 'RentOrLeaseOfBuildings', AcctNum: '6050' },
  { key: 'repairs', Name: 'Repair & Maintenance', AccountType: 'Expense', AccountSubType: 'RepairMaintenance', AcctNum: '6060' },
  { key: 'supplies', Name: 'Supplies', AccountType: 'Expense', AccountSubType: 'SuppliesMaterials', AcctNum: '6070' },
  { key: 'travel', Name: 'Travel', AccountType: 'Expense', AccountSubType: 'Travel', AcctNum: '6080' },
  { key: 'utilities', Name: 'Utilities', AccountType: 'Expense', AccountSubType: 'Utilities', AcctNum: '6090' },
  { key: 'payroll', Name: 'Payroll Expenses', AccountType: 'Expense', AccountSubType: 'PayrollExpenses', AcctNum: '6100' },
  { key: 'interest', Name: 'Interest Earned', AccountType: 'Other Income', AccountSubType: 'InterestEarned', AcctNum: '7000' },
  { key: 'depreciation', Name: 'Depreciation', AccountType: 'Other Expense', AccountSubType: 'Depreciation', AcctNum: '8000' },
];

/** QBO's default payment methods, in the Id order of Intuit's sample. */
export const PAYMENT_METHODS: { Name: string; Type: 'CREDIT_CARD' | 'NON_CREDIT_CARD' }[] = [
  { Name: 'Cash', Type: 'NON_CREDIT_CARD' },
  { Name: 'Check', Type: 'NON_CREDIT_CARD' },
  { Name: 'Visa', Type: 'CREDIT_CARD' },
  { Name: 'MasterCard', Type: 'CREDIT_CARD' },
  { Name: 'Discover', Type: 'CREDIT_CARD' },
  { Name: 'American Express', Type: 'CREDIT_CARD' },
  { Name: 'Diners Club', Type: 'CREDIT_CARD' },
];

export const CLASSES = ['Residential', 'Commercial', 'Government', 'Online'];

export interface ItemSeed {
  Name: string;
  Type: 'Service' | 'NonInventory' | 'Inventory';
  UnitPrice: number;
  PurchaseCost?: number;
  income: string;
  Sku: string;
}

export const ITEMS: ItemSeed[] = [
  { Name: 'Consulting', Type: 'Service', UnitPrice: 150, income: 'consulting', Sku: 'SVC-CONS' },
  { Name: 'Installation', Type: 'Service', UnitPrice: 95, income: 'services', Sku: 'SVC-INST' },
  { Name: 'Maintenance', Type: 'Service', UnitPrice: 75.5, income: 'services', Sku: 'SVC-MAINT' },
  { Name: 'Design', Type: 'Service', UnitPrice: 120, income: 'services', Sku: 'SVC-DSGN' },
  { Name: 'Monthly Subscription', Type: 'Service', UnitPrice: 49.99, income: 'services', Sku: 'SUB-MONTH' },
  { Name: 'Hardware Kit', Type: 'NonInventory', UnitPrice: 45.25, income: 'productSales', Sku: 'NI-KIT' },
  { Name: 'Cable Pack', Type: 'NonInventory', UnitPrice: 12.75, income: 'productSales', Sku: 'NI-CABLE' },
  { Name: 'Sensor', Type: 'Inventory', UnitPrice: 89.99, PurchaseCost: 41.3, income: 'productSales', Sku: 'INV-SENSOR' },
  { Name: 'Controller', Type: 'Inventory', UnitPrice: 249, PurchaseCost: 118.45, income: 'productSales', Sku: 'INV-CTRL' },
];

export const GIVEN_NAMES = ['Amy', 'Bill', 'Carla', 'Dylan', 'Elena', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kofi', 'Lena', 'Marco', 'Nadia', 'Omar', 'Priya', 'Quinn', 'Rosa', 'Sven', 'Tara', 'Umar', 'Vera', 'Wes', 'Yuki', 'Zoe'];
export const FAMILY_NAMES = ['Anders', 'Brooks', 'Chen', 'Diaz', 'Evans', 'Fischer', 'Garcia', 'Hughes', 'Ito', 'Jensen', 'Kowalski', 'Lopez', 'Moreau', 'Nakamura', 'Okafor', 'Patel', 'Rossi', 'Silva', 'Tanaka', 'Weber'];
export const COMPANY_WORDS = ['Acme', 'Blue Ridge', 'Cedar', 'Delta', 'Evergreen', 'Falcon', 'Granite', 'Harbor', 'Iron Gate', 'Juniper', 'Keystone', 'Lakeside', 'Maple', 'Northwind', 'Oakwood', 'Pioneer', 'Quarry', 'Redwood', 'Summit', 'Timber', 'Union', 'Valley', 'Willow', 'Yellowstone'];
export const COMPANY_SUFFIXES = ['Landscaping', 'Dental', 'Bakery', 'Logistics', 'Realty', 'Cafe', 'Fitness', 'Law Group', 'Builders', 'Clinic', 'Motors', 'Studio'];
export const CITIES: { City: string; CountrySubDivisionCode: string; PostalCode: string }[] = [
  { City: 'Mountain View', CountrySubDivisionCode: 'CA', PostalCode: '94043' },
  { City: 'Austin', CountrySubDivisionCode: 'TX', PostalCode: '78701' },
  { City: 'Denver', CountrySubDivisionCode: 'CO', PostalCode: '80202' },
  { City: 'Portland', CountrySubDivisionCode: 'OR', PostalCode: '97205' },
  { City: 'Chicago', CountrySubDivisionCode: 'IL', PostalCode: '60601' },
  { City: 'Atlanta', CountrySubDivisionCode: 'GA', PostalCode: '30303' },
];
export const STREETS = ['Main St', 'Oak Ave', 'Pine Rd', 'Elm St', 'Cedar Ln', 'Maple Dr', 'Market St', 'Hill Rd'];
