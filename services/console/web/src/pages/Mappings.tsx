import { useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError, fieldError, unwrap } from '../api/client';
import type { MappingPaths } from '../api/client';
import { loadReference, optionsFor } from '../reference';
import type { ReferenceObject } from '../reference';
import { canChange } from '../session';
import { Card, ErrorBox, Field, Loading, ReadOnlyNote, useConsole, useLoad } from '../ui';

type MappingsBody = MappingPaths['/v1/tenants/{tenant}/mappings']['get']['responses'][200]['content']['application/json'];
type Mappings = MappingsBody['mappings'];
type ItemType = Mappings['productTypes'][string]['itemType'];

const ITEM_TYPES: ItemType[] = ['Service', 'NonInventory', 'Inventory'];
const SELLABLE = ['Service', 'NonInventory', 'Inventory'];

interface Reference {
  accounts: ReferenceObject[];
  paymentMethods: ReferenceObject[];
  items: ReferenceObject[];
  taxCodes: ReferenceObject[];
  classes: ReferenceObject[];
}

/** Rows of a key → value table, kept in order while editing (an object would reorder and merge duplicate keys). */
type Row<T> = { key: string; value: T };
const rowsOf = <T,>(record: Record<string, T>): Array<Row<T>> => Object.entries(record).map(([key, value]) => ({ key, value }));

export function MappingsPage() {
  const { api, session } = useConsole();
  const tenant = session.tenant;
  const [savedVersion, setSavedVersion] = useState<number | undefined>();
  const loaded = useLoad(async () => {
    const [result, accounts, paymentMethods, items, taxCodes, classes] = await Promise.all([
      api.mapping.GET('/v1/tenants/{tenant}/mappings', { params: { path: { tenant } } }),
      loadReference(api, tenant, 'accounts'),
      loadReference(api, tenant, 'payment-methods'),
      loadReference(api, tenant, 'items'),
      loadReference(api, tenant, 'tax-codes'),
      loadReference(api, tenant, 'classes'),
    ]);
    return { body: unwrap(result), reference: { accounts, paymentMethods, items, taxCodes, classes } };
  }, tenant);

  return (
    <Card title="Platform values and their QuickBooks counterparts">
      {loaded.state === 'ready' && savedVersion === loaded.data.body.version && (
        <p className="notice notice-success" role="status">
          Mappings saved (version {savedVersion}).
        </p>
      )}
      {loaded.state === 'loading' && <Loading label="Loading the mappings…" />}
      {loaded.state === 'error' && <ErrorBox error={loaded.error} onRetry={loaded.reload} title="Could not load the mappings." />}
      {loaded.state === 'ready' && (
        <MappingsForm
          key={loaded.data.body.version}
          body={loaded.data.body}
          reference={loaded.data.reference}
          readOnly={!canChange(session.role)}
          onSaved={(version) => {
            setSavedVersion(version);
            loaded.reload();
          }}
        />
      )}
    </Card>
  );
}

function Select({ props, value, options, onChange, empty }: { props: object; value: string | null; options: Array<{ value: string; label: string }>; onChange: (v: string | null) => void; empty: string }) {
  return (
    <select {...props} value={value ?? ''} onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}>
      <option value="">{empty}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

function MappingsForm({ body, reference, readOnly, onSaved }: { body: MappingsBody; reference: Reference; readOnly: boolean; onSaved: (version: number) => void }) {
  const { api, session } = useConsole();
  const [methods, setMethods] = useState(rowsOf(body.mappings.paymentMethods));
  const [glCodes, setGlCodes] = useState(rowsOf(body.mappings.glCodes));
  const [productTypes, setProductTypes] = useState(rowsOf(body.mappings.productTypes));
  const [defaults, setDefaults] = useState(body.mappings.defaults);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<Error | undefined>();
  const [localError, setLocalError] = useState<string | undefined>();
  const problems = new Map(body.problems.map((p) => [p.field, p.message]));
  const errorFor = (key: string): string | undefined => fieldError(error instanceof ApiError ? error.fields : undefined, key) ?? fieldError(problems, key);

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setLocalError(undefined);
    setError(undefined);
    const tables = { 'payment method': methods, 'GL code': glCodes, 'product type': productTypes };
    for (const [what, rows] of Object.entries(tables)) {
      const keys = rows.map((r) => r.key.trim());
      if (keys.some((k) => k === '')) return setLocalError(`Every ${what} row needs a platform ${what}.`);
      if (new Set(keys).size !== keys.length) return setLocalError(`A platform ${what} is mapped twice.`);
    }
    if ([...methods, ...glCodes].some((r) => r.value === '')) return setLocalError('Choose a QuickBooks value on every row.');
    const mappings: Mappings = {
      paymentMethods: Object.fromEntries(methods.map((r) => [r.key.trim(), r.value])),
      glCodes: Object.fromEntries(glCodes.map((r) => [r.key.trim(), r.value])),
      productTypes: Object.fromEntries(productTypes.map((r) => [r.key.trim(), r.value])),
      defaults,
    };
    setSaving(true);
    try {
      const next = unwrap(await api.mapping.PUT('/v1/tenants/{tenant}/mappings', { params: { path: { tenant: session.tenant }, header: { 'if-match': `"${body.version}"` } }, body: mappings }));
      onSaved(next.version);
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
    } finally {
      setSaving(false);
    }
  };

  const methodOptions = (current: string) => optionsFor(reference.paymentMethods, undefined, current);
  const incomeOptions = (current: string) => optionsFor(reference.accounts, ['Income'], current);
  const itemOptions = (types: readonly string[], current: string | null) => optionsFor(reference.items, types, current);

  return (
    <form onSubmit={(e) => void save(e)} aria-label="Mappings" noValidate>
      {readOnly && <ReadOnlyNote />}
      {body.problems.length > 0 && (
        <div className="notice notice-warning" role="note">
          <strong>A mapping is broken.</strong> {body.problems.map((p) => p.message).join(' ')}
        </div>
      )}
      <fieldset disabled={readOnly || saving}>
        <legend>Payment methods</legend>
        <p className="hint">Each payment method of the platform, and the QuickBooks payment method its payments get.</p>
        <RowTable
          rows={methods}
          setRows={setMethods}
          newValue=""
          keyLabel="Platform payment method"
          valueLabel="QuickBooks payment method"
          addLabel="Add payment method"
          emptyText="No payment methods mapped: payments go to QuickBooks without one."
          errorFor={(row) => errorFor(`paymentMethods.${row.key}`)}
          renderValue={(row, props, set) => <Select props={props} value={row.value} options={methodOptions(row.value)} onChange={(v) => set(v ?? '')} empty="Choose…" />}
        />
      </fieldset>
      <fieldset disabled={readOnly || saving}>
        <legend>GL codes</legend>
        <p className="hint">The platform's GL codes, and the QuickBooks income account of their invoice lines.</p>
        <RowTable
          rows={glCodes}
          setRows={setGlCodes}
          newValue=""
          keyLabel="GL code"
          valueLabel="QuickBooks income account"
          addLabel="Add GL code"
          emptyText="No GL codes mapped: lines use the income account of the sync settings."
          errorFor={(row) => errorFor(`glCodes.${row.key}`)}
          renderValue={(row, props, set) => <Select props={props} value={row.value} options={incomeOptions(row.value)} onChange={(v) => set(v ?? '')} empty="Choose…" />}
        />
      </fieldset>
      <fieldset disabled={readOnly || saving}>
        <legend>Product types</legend>
        <p className="hint">The kind of QuickBooks item each platform product type becomes, and optionally one item they all use.</p>
        <RowTable
          rows={productTypes}
          setRows={setProductTypes}
          newValue={{ itemType: 'Service', itemId: null }}
          keyLabel="Platform product type"
          valueLabel="QuickBooks item type and item"
          addLabel="Add product type"
          emptyText="No product types mapped: products become Service items."
          errorFor={(row) => errorFor(`productTypes.${row.key}.itemId`)}
          renderValue={(row, props, set) => (
            <div className="pair">
              <select {...props} value={row.value.itemType} onChange={(e) => set({ itemType: e.target.value as ItemType, itemId: null })}>
                {ITEM_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {t === 'NonInventory' ? 'Non-inventory' : t}
                  </option>
                ))}
              </select>
              <Select
                props={{ 'aria-label': `QuickBooks item for product type ${row.key || '(new)'}` }}
                value={row.value.itemId}
                options={itemOptions([row.value.itemType], row.value.itemId)}
                onChange={(v) => set({ ...row.value, itemId: v })}
                empty="One item per product"
              />
            </div>
          )}
        />
      </fieldset>
      <fieldset disabled={readOnly || saving}>
        <legend>Defaults</legend>
        <div className="grid">
          <Field label="Item for one-time products that match nothing" error={errorFor('defaults.oneTimeItemId')}>
            {(props) => <Select props={props} value={defaults.oneTimeItemId} options={itemOptions(SELLABLE, defaults.oneTimeItemId)} onChange={(v) => setDefaults({ ...defaults, oneTimeItemId: v })} empty="None" />}
          </Field>
          <Field label="Item for recurring products that match nothing" error={errorFor('defaults.recurringItemId')}>
            {(props) => <Select props={props} value={defaults.recurringItemId} options={itemOptions(SELLABLE, defaults.recurringItemId)} onChange={(v) => setDefaults({ ...defaults, recurringItemId: v })} empty="None" />}
          </Field>
          <Field label="Tax code" error={errorFor('defaults.taxCodeId')}>
            {(props) => <Select props={props} value={defaults.taxCodeId} options={optionsFor(reference.taxCodes, undefined, defaults.taxCodeId)} onChange={(v) => setDefaults({ ...defaults, taxCodeId: v })} empty="None" />}
          </Field>
          <Field label="Class" error={errorFor('defaults.classId')}>
            {(props) => <Select props={props} value={defaults.classId} options={optionsFor(reference.classes, undefined, defaults.classId)} onChange={(v) => setDefaults({ ...defaults, classId: v })} empty="None" />}
          </Field>
          <Field label="Platform product for QuickBooks items that match nothing" hint="A platform product id." error={errorFor('defaults.platformProductId')}>
            {(props) => <input {...props} type="text" value={defaults.platformProductId ?? ''} onChange={(e) => setDefaults({ ...defaults, platformProductId: e.target.value === '' ? null : e.target.value })} />}
          </Field>
          <Field label="Bill profile for customers created from QuickBooks" hint="A platform bill profile id." error={errorFor('defaults.billProfileId')}>
            {(props) => <input {...props} type="text" value={defaults.billProfileId ?? ''} onChange={(e) => setDefaults({ ...defaults, billProfileId: e.target.value === '' ? null : e.target.value })} />}
          </Field>
        </div>
      </fieldset>
      {localError !== undefined && (
        <p className="notice notice-error" role="alert">
          {localError}
        </p>
      )}
      {error !== undefined && <ErrorBox error={error} title={error instanceof ApiError && error.status === 412 ? 'Someone else changed the mappings meanwhile; reload to see them.' : 'The mappings were not saved.'} />}
      {!readOnly && (
        <div className="actions sticky-actions">
          <button type="submit" className="btn btn-primary" disabled={saving}>
            {saving ? 'Saving…' : 'Save mappings'}
          </button>
        </div>
      )}
    </form>
  );
}

interface RowTableProps<T> {
  rows: Array<Row<T>>;
  setRows: (rows: Array<Row<T>>) => void;
  newValue: T;
  keyLabel: string;
  valueLabel: string;
  addLabel: string;
  emptyText: string;
  errorFor: (row: Row<T>) => string | undefined;
  renderValue: (row: Row<T>, props: { 'aria-label': string }, set: (value: T) => void) => React.ReactNode;
}

function RowTable<T>({ rows, setRows, newValue, keyLabel, valueLabel, addLabel, emptyText, errorFor, renderValue }: RowTableProps<T>) {
  const replace = (i: number, row: Row<T>) => setRows(rows.map((r, j) => (j === i ? row : r)));
  return (
    <>
      {rows.length === 0 ? (
        <p className="hint">{emptyText}</p>
      ) : (
        <table className="table table-form">
          <thead>
            <tr>
              <th scope="col">{keyLabel}</th>
              <th scope="col">{valueLabel}</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => {
              const err = errorFor(row);
              const name = row.key === '' ? `row ${i + 1}` : row.key;
              return (
                <tr key={i} className={err !== undefined ? 'row-invalid' : undefined}>
                  <td>
                    <input type="text" aria-label={`${keyLabel} (${name})`} value={row.key} onChange={(e) => replace(i, { ...row, key: e.target.value })} />
                  </td>
                  <td>
                    {renderValue(row, { 'aria-label': `${valueLabel} for ${name}` }, (value) => replace(i, { ...row, value }))}
                    {err !== undefined && <p className="field-error">{err}</p>}
                  </td>
                  <td>
                    <button type="button" className="btn btn-secondary btn-small" aria-label={`Remove ${name}`} onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                      Remove
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <button type="button" className="btn btn-secondary btn-small" onClick={() => setRows([...rows, { key: '', value: newValue }])}>
        {addLabel}
      </button>
    </>
  );
}
