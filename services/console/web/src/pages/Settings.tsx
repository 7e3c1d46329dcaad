import { useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError, fieldError, unwrap } from '../api/client';
import type { MappingPaths } from '../api/client';
import { loadReference, optionsFor } from '../reference';
import type { ReferenceObject } from '../reference';
import { canChange } from '../session';
import { Card, ErrorBox, Field, Loading, ReadOnlyNote, useConsole, useLoad } from '../ui';

type SettingsBody = MappingPaths['/v1/tenants/{tenant}/settings']['get']['responses'][200]['content']['application/json'];
export type SyncSettings = SettingsBody['settings'];
type Direction = SyncSettings['entities']['customers'];

const DIRECTIONS: Array<{ value: Direction; label: string }> = [
  { value: 'off', label: 'Off' },
  { value: 'to_qbo', label: 'Platform → QuickBooks' },
  { value: 'from_qbo', label: 'QuickBooks → Platform' },
  { value: 'both', label: 'Both ways' },
];

/** The account drop-downs and the QBO account types each one accepts (as the settings API checks them). */
const ACCOUNTS: Array<{ key: keyof SyncSettings['accounts']; label: string; types: string[]; hint: string }> = [
  { key: 'accountsReceivable', label: 'Accounts receivable account', types: ['Accounts Receivable'], hint: 'Where invoices are receivable.' },
  { key: 'income', label: 'Income account', types: ['Income'], hint: 'Income of items created for platform products.' },
  { key: 'expense', label: 'Expense account', types: ['Expense', 'Cost of Goods Sold'], hint: 'Expense or cost of goods sold of created items.' },
  { key: 'deposit', label: 'Deposit account', types: ['Bank', 'Other Current Asset'], hint: 'Where payments are deposited.' },
];

export function SettingsPage() {
  const { api, session } = useConsole();
  const tenant = session.tenant;
  const loaded = useLoad(async () => {
    const [result, accounts] = await Promise.all([api.mapping.GET('/v1/tenants/{tenant}/settings', { params: { path: { tenant } } }), loadReference(api, tenant, 'accounts')]);
    return { body: unwrap(result), accounts };
  }, tenant);
  const [savedVersion, setSavedVersion] = useState<number | undefined>();

  return (
    <Card title="What syncs, and how it lands in QuickBooks">
      {loaded.state === 'ready' && savedVersion === loaded.data.body.version && (
        <p className="notice notice-success" role="status">
          Settings saved (version {savedVersion}). The sync services pick them up within seconds.
        </p>
      )}
      {loaded.state === 'loading' && <Loading label="Loading the settings…" />}
      {loaded.state === 'error' && <ErrorBox error={loaded.error} onRetry={loaded.reload} title="Could not load the settings." />}
      {loaded.state === 'ready' && (
        <SettingsForm
          key={loaded.data.body.version} body={loaded.data.body} accounts={loaded.data.accounts} readOnly={!canChange(session.role)}
          onSaved={(version) => {
            setSavedVersion(version);
            loaded.reload();
          }}
        />
      )}
    </Card>
  );
}

function SettingsForm({ body, accounts, readOnly, onSaved }: { body: SettingsBody; accounts: ReferenceObject[]; readOnly: boolean; onSaved: (version: number) => void }) {
  const { api, session } = useConsole();
  const [draft, setDraft] = useState<SyncSettings>(body.settings);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<Error | undefined>();
  const fields = error instanceof ApiError ? error.fields : undefined;
  const problems = new Map(body.problems.map((p) => [p.field, p.message]));
  const errorFor = (key: string): string | undefined => fieldError(fields, key) ?? fieldError(problems, key);
  const update = (change: (s: SyncSettings) => SyncSettings): void => setDraft((s) => change(s));

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setSaving(true);
    setError(undefined);
    try {
      const next = unwrap(await api.mapping.PUT('/v1/tenants/{tenant}/settings', { params: { path: { tenant: session.tenant }, header: { 'if-match': `"${body.version}"` } }, body: draft }));
      onSaved(next.version);
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
    } finally {
      setSaving(false);
    }
  };

  const noAccounts = accounts.length === 0;
  return (
    <form onSubmit={(e) => void save(e)} aria-label="Sync settings" noValidate>
      {readOnly && <ReadOnlyNote />}
      {body.problems.length > 0 && (
        <div className="notice notice-warning" role="note">
          <strong>Some settings need attention.</strong> {body.problems.length === 1 ? 'One choice points' : `${body.problems.length} choices point`} at something QuickBooks no longer accepts; it is marked below.
        </div>
      )}
      <fieldset disabled={readOnly || saving}>
        <legend>What syncs, and which way</legend>
        <div className="grid">
          {(['customers', 'items', 'employees'] as const).map((entity) => (
            <Field key={entity} label={entity[0]!.toUpperCase() + entity.slice(1)} error={errorFor(`entities.${entity}`)}>
              {(props) => (
                <select {...props} value={draft.entities[entity]} onChange={(e) => update((s) => ({ ...s, entities: { ...s.entities, [entity]: e.target.value as Direction } }))}>
                  {DIRECTIONS.map((d) => (
                    <option key={d.value} value={d.value}>
                      {d.label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ))}
        </div>
        <div className="checks">
          <label className="check">
            <input
              type="checkbox"
              checked={draft.invoices.enabled}
              onChange={(e) => update((s) => ({ ...s, invoices: { enabled: e.target.checked }, payments: e.target.checked ? s.payments : { enabled: false } }))}
            />
            Send invoices to QuickBooks
          </label>
          <label className="check">
            <input type="checkbox" checked={draft.payments.enabled} disabled={!draft.invoices.enabled} onChange={(e) => update((s) => ({ ...s, payments: { enabled: e.target.checked } }))} />
            Send payments to QuickBooks <span className="hint">(needs invoices)</span>
          </label>
        </div>
        {(errorFor('invoices.enabled') ?? errorFor('payments.enabled')) !== undefined && <p className="field-error">{errorFor('payments.enabled') ?? errorFor('invoices.enabled')}</p>}
      </fieldset>

      <fieldset disabled={readOnly || saving}>
        <legend>Accounts</legend>
        {noAccounts && <p className="hint">No accounts yet: connect QuickBooks first, then its accounts appear here.</p>}
        <div className="grid">
          {ACCOUNTS.map((a) => (
            <Field key={a.key} label={a.label} hint={a.hint} error={errorFor(`accounts.${a.key}`)}>
              {(props) => (
                <select {...props} value={draft.accounts[a.key] ?? ''} onChange={(e) => update((s) => ({ ...s, accounts: { ...s.accounts, [a.key]: e.target.value === '' ? null : e.target.value } }))}>
                  <option value="">Not set</option>
                  {optionsFor(accounts, a.types, draft.accounts[a.key]).map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ))}
        </div>
      </fieldset>

      <fieldset disabled={readOnly || saving}>
        <legend>Document numbers and filters</legend>
        <div className="grid">
          {(['invoices', 'payments'] as const).map((kind) => (
            <Field key={kind} label={`${kind === 'invoices' ? 'Invoice' : 'Payment'} number prefix`} hint="Put before the platform's number in QuickBooks (no spaces)." error={errorFor(`documentPrefixes.${kind}.prefix`)}>
              {(props) => (
                <input
                  {...props}
                  type="text"
                  maxLength={21}
                  value={draft.documentPrefixes[kind].prefix}
                  onChange={(e) => update((s) => ({ ...s, documentPrefixes: { ...s.documentPrefixes, [kind]: { enabled: e.target.value !== '', prefix: e.target.value } } }))}
                />
              )}
            </Field>
          ))}
          <Field label="Sync data after" hint="Only records dated on or after this day." error={errorFor('filters.syncDataAfter')}>
            {(props) => (
              <input {...props} type="date" value={draft.filters.syncDataAfter ?? ''} onChange={(e) => update((s) => ({ ...s, filters: { ...s.filters, syncDataAfter: e.target.value === '' ? null : e.target.value } }))} />
            )}
          </Field>
          <Field label="Market segment" hint="Only records of this segment (empty: all)." error={errorFor('filters.marketSegment')}>
            {(props) => (
              <input {...props} type="text" value={draft.filters.marketSegment ?? ''} onChange={(e) => update((s) => ({ ...s, filters: { ...s.filters, marketSegment: e.target.value === '' ? null : e.target.value } }))} />
            )}
          </Field>
        </div>
      </fieldset>

      <fieldset disabled={readOnly || saving}>
        <legend>Customers</legend>
        <div className="grid">
          <Field label="When a customer changed on both sides" error={errorFor('conflictRule')}>
            {(props) => (
              <select {...props} value={draft.conflictRule} onChange={(e) => update((s) => ({ ...s, conflictRule: e.target.value as SyncSettings['conflictRule'] }))}>
                <option value="newest_wins">The newest change wins</option>
                <option value="qbo_wins">QuickBooks wins</option>
                <option value="platform_wins">The platform wins</option>
              </select>
            )}
          </Field>
          <Field label="Default state" hint="Used when a customer has no state and the rule below is on." error={errorFor('customerRules.defaultState')}>
            {(props) => (
              <input {...props} type="text" value={draft.customerRules.defaultState ?? ''} onChange={(e) => update((s) => ({ ...s, customerRules: { ...s.customerRules, defaultState: e.target.value === '' ? null : e.target.value } }))} />
            )}
          </Field>
        </div>
        <div className="checks">
          <label className="check">
            <input type="checkbox" checked={draft.customerRules.useDefaultState} onChange={(e) => update((s) => ({ ...s, customerRules: { ...s.customerRules, useDefaultState: e.target.checked } }))} />
            Use the default state for customers without one
          </label>
          <label className="check">
            <input type="checkbox" checked={draft.customerRules.useClientAddressForSites} onChange={(e) => update((s) => ({ ...s, customerRules: { ...s.customerRules, useClientAddressForSites: e.target.checked } }))} />
            Sites take their client's state and country
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={draft.customerRules.subCustomersAsSitesOnOnboarding}
              onChange={(e) => update((s) => ({ ...s, customerRules: { ...s.customerRules, subCustomersAsSitesOnOnboarding: e.target.checked } }))}
            />
            QuickBooks sub-customers become sites (onboarding only)
          </label>
        </div>
      </fieldset>

      {error !== undefined && <ErrorBox error={error} title={error instanceof ApiError && error.status === 412 ? 'Someone else changed the settings meanwhile; reload to see them.' : 'The settings were not saved.'} />}
      {!readOnly && (
        <div className="actions sticky-actions">
          <button type="submit" className="btn btn-primary" disabled={saving}>
            {saving ? 'Saving…' : 'Save settings'}
          </button>
        </div>
      )}
    </form>
  );
}
