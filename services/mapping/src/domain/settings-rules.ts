import { QBO_DOC_NUMBER_MAX_LENGTH } from '@ledgerbus/contracts';
import type { SyncSettings } from '@ledgerbus/contracts';
import type { Violation } from './errors';

/**
 * Rules between settings fields (no I/O). References into QBO are checked separately
 * against the company's reference data (reference-rules.ts).
 */
export function checkSettingsRules(settings: SyncSettings): Violation[] {
  const violations: Violation[] = [];

  // Seed 004: invoices need their customers in QBO and the accounts their lines post to.
  if (settings.invoices.enabled) {
    if (settings.entities.customers === 'off') {
      violations.push({
        field: 'invoices.enabled',
        code: 'invoices_require_customers',
        message: 'invoices can only be synchronized when customers are: set entities.customers to "to_qbo" or "both", or turn invoices off',
      });
    }
    if (settings.accounts.income === null) {
      violations.push({ field: 'accounts.income', code: 'income_account_required', message: 'invoices need an income account (a QBO Account of type Income)' });
    }
    if (settings.accounts.expense === null) {
      violations.push({ field: 'accounts.expense', code: 'expense_account_required', message: 'invoices need an expense account (a QBO Account of type Expense or Cost of Goods Sold)' });
    }
  }
  if (settings.payments.enabled && !settings.invoices.enabled) {
    violations.push({
      field: 'payments.enabled',
      code: 'payments_require_invoices',
      message: 'payments can only be synchronized when invoices are: turn invoices on (invoices.enabled) or payments off',
    });
  }

  if (settings.payments.enabled && settings.accounts.deposit === null) {
    violations.push({ field: 'accounts.deposit', code: 'deposit_account_required', message: 'payments need a deposit account (a QBO Account of type Bank or Other Current Asset)' });
  }

  const longest = settings.documentPrefixes.platformNumberMaxLength;
  for (const doc of ['invoices', 'payments'] as const) {
    const { enabled, prefix } = settings.documentPrefixes[doc];
    if (enabled && prefix.length + longest > QBO_DOC_NUMBER_MAX_LENGTH) {
      violations.push({
        field: `documentPrefixes.${doc}.prefix`,
        code: 'document_prefix_too_long',
        message: `prefix "${prefix}" (${prefix.length} characters) plus the longest platform number (${longest} characters, documentPrefixes.platformNumberMaxLength) exceeds QBO's DocNumber limit of ${QBO_DOC_NUMBER_MAX_LENGTH}; use at most ${Math.max(0, QBO_DOC_NUMBER_MAX_LENGTH - longest)} characters`,
      });
    }
  }

  const rules = settings.customerRules;
  if (rules.useDefaultState) {
    if (rules.defaultState === null) {
      violations.push({
        field: 'customerRules.defaultState',
        code: 'default_state_required',
        message: '"use default state" needs a default state',
      });
    }
    if (rules.defaultCountry === null) {
      violations.push({
        field: 'customerRules.defaultCountry',
        code: 'default_country_required',
        message: '"use default state" needs a default country',
      });
    }
  }
  return violations;
}
