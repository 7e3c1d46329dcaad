/**
 * QuickBooks Metrics (seed 000): the metrics a tenant defines as "dataset + accounts (or a category)", their
 * values by month (or quarter, year), and whether they are stale and why (after a disconnect, a failed import).
 * Everything from the metrics service's API (`/api/metrics/v1/...`), typed by its generated OpenAPI client.
 */
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError, fieldError, unwrap } from '../api/client';
import type { MetricsPaths } from '../api/client';
import { canChange } from '../session';
import { Badge, Card, Empty, ErrorBox, Field, Loading, ReadOnlyNote, formatTime, useConsole, useLoad } from '../ui';

type DatasetsBody = MetricsPaths['/v1/tenants/{tenant}/datasets']['get']['responses'][200]['content']['application/json'];
type Dataset = DatasetsBody['datasets'][number];
type StatusBody = MetricsPaths['/v1/tenants/{tenant}/import-status']['get']['responses'][200]['content']['application/json'];
type Metric = MetricsPaths['/v1/tenants/{tenant}/metrics']['get']['responses'][200]['content']['application/json']['metrics'][number];
type Series = MetricsPaths['/v1/tenants/{tenant}/metrics/{metricId}/values']['get']['responses'][200]['content']['application/json'];
type MetricInput = MetricsPaths['/v1/tenants/{tenant}/metrics']['post']['requestBody']['content']['application/json'];
type DatasetId = Dataset['id'];

const DATASET_SHORT: Record<string, string> = { profit_and_loss: 'Profit and Loss', balance_sheet: 'Balance Sheet', account_balances: 'Account balances', accounts: 'Chart of accounts' };
const AGGREGATION: Record<string, string> = { sum: 'Sum over the period', end_of_period: 'Value at the end of the period' };
const PERIOD: Record<string, string> = { month: 'Month', quarter: 'Quarter', year: 'Year' };

/** A reason from the API as a sentence (it may come without a full stop). */
const sentence = (text: string): string => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

export const metricHref = (id: string): string => `#/metrics?metric=${encodeURIComponent(id)}`;

/** "1234.5" → "1,234.50" (the company's currency is not in the API: amounts are shown without a symbol). */
export function formatAmount(value: string): string {
  const n = Number(value);
  return Number.isFinite(n) ? n.toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : value;
}

/** "2026-03" → "Mar 2026"; quarters ("2026-Q1") and years stay as they are. */
export function periodLabel(period: string, start: string): string {
  if (!/^[0-9]{4}-[0-9]{2}$/.test(period)) return period.replace('-', ' ');
  const d = new Date(`${start}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? period : d.toLocaleDateString(undefined, { month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** What a metric measures, in words: its category's label, or its accounts' names (from the dataset's rows). */
function measures(metric: Metric, datasets: Dataset[] | undefined): string {
  const dataset = datasets?.find((d) => d.id === metric.dataset);
  if (metric.category !== undefined) return dataset?.categories.find((c) => c.category === metric.category)?.label ?? metric.category;
  const names = (metric.accounts ?? []).map((id) => dataset?.rows.find((r) => r.accountId === id)?.label ?? `account #${id}`);
  return names.length <= 2 ? names.join(', ') : `${names.slice(0, 2).join(', ')} and ${names.length - 2} more`;
}

export function MetricsPage({ metricParam }: { metricParam: string | undefined }) {
  const { api, session } = useConsole();
  const tenant = session.tenant;
  const [version, setVersion] = useState(0);
  const status = useLoad(async () => unwrap(await api.metrics.GET('/v1/tenants/{tenant}/import-status', { params: { path: { tenant } } })), `${tenant}|${version}`);
  const datasets = useLoad(async () => unwrap(await api.metrics.GET('/v1/tenants/{tenant}/datasets', { params: { path: { tenant } } })), `${tenant}|${version}`);
  const list = useLoad(async () => unwrap(await api.metrics.GET('/v1/tenants/{tenant}/metrics', { params: { path: { tenant } } })).metrics, `${tenant}|${version}`);
  const metrics = list.state === 'ready' ? list.data : [];
  const selected = metrics.find((m) => m.id === metricParam) ?? metrics[0];
  const allDatasets = datasets.state === 'ready' ? datasets.data.datasets : undefined;
  const refresh = (): void => setVersion((v) => v + 1);

  return (
    <>
      <StatusCard status={status} onRefresh={refresh} />
      <Card title="Your metrics">
        {list.state === 'loading' && <Loading label="Loading the metrics…" />}
        {list.state === 'error' && <ErrorBox error={list.error} onRetry={list.reload} title="Could not load the metrics." />}
        {list.state === 'ready' && metrics.length === 0 && (
          <Empty title="No metrics yet.">
            <p>{canChange(session.role) ? 'Define one below: pick a dataset, then accounts or a total.' : 'An admin or the account owner can define metrics here.'}</p>
          </Empty>
        )}
        {metrics.length > 0 && (
          <div className="table-scroll">
            <table className="table metric-list">
              <thead>
                <tr>
                  <th scope="col">Metric</th>
                  <th scope="col" className="hide-narrow">
                    Dataset
                  </th>
                  <th scope="col">Measures</th>
                  <th scope="col">State</th>
                </tr>
              </thead>
              <tbody>
                {metrics.map((m) => (
                  <tr key={m.id} data-metric-id={m.id} data-stale={String(m.stale)} className={m.id === selected?.id ? 'row-selected' : undefined}>
                    <td>
                      <a href={metricHref(m.id)} aria-current={m.id === selected?.id ? 'true' : undefined}>
                        {m.name}
                      </a>
                      <div className="hint">by {PERIOD[m.period]?.toLowerCase() ?? m.period}</div>
                    </td>
                    <td className="hide-narrow">{DATASET_SHORT[m.dataset] ?? m.dataset}</td>
                    <td className="measures">{measures(m, allDatasets)}</td>
                    <td>{m.stale ? <Badge value="stale" /> : m.computedAt === null ? <Badge value="pending" /> : <Badge value="current" />}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      {selected !== undefined && <ValuesCard key={`${selected.id}|${version}`} metric={selected} datasets={allDatasets} onDeleted={refresh} />}
      {canChange(session.role) ? (
        <DefineCard datasets={datasets} onCreated={(id) => {
          refresh();
          window.location.hash = metricHref(id);
        }} />
      ) : (
        <ReadOnlyNote />
      )}
    </>
  );
}

function StatusCard({ status, onRefresh }: { status: ReturnType<typeof useLoad<StatusBody>>; onRefresh: () => void }) {
  return (
    <Card
      title="Imports from QuickBooks"
      actions={
        <button type="button" className="btn btn-secondary btn-small" onClick={onRefresh}>
          Refresh
        </button>
      }
    >
      {status.state === 'loading' && <Loading label="Loading the import status…" />}
      {status.state === 'error' && <ErrorBox error={status.error} onRetry={status.reload} title="Could not load the import status." />}
      {status.state === 'ready' && (
        <>
          {status.data.connection === null ? (
            <Empty title="QuickBooks is not connected.">
              <p>
                Metrics read the company's Profit and Loss and Balance Sheet. <a href="#/connection">Connect QuickBooks</a> first.
              </p>
            </Empty>
          ) : (
            <p className="metrics-company">
              <strong>{status.data.connection.companyName}</strong> <Badge value={status.data.connection.status} />
            </p>
          )}
          {status.data.stale && (
            <div className="notice notice-warning metrics-stale" role="status">
              <strong>The metrics are stale.</strong> {sentence(status.data.staleReason ?? 'They could not be brought up to date')} The values shown are the last ones imported.
            </div>
          )}
          {status.data.datasets.length > 0 && (
            <div className="table-scroll">
              <table className="table table-compact import-status">
                <thead>
                  <tr>
                    <th scope="col">Dataset</th>
                    <th scope="col">Last import</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {status.data.datasets.map((d) => (
                    <tr key={d.dataset} data-dataset={d.dataset}>
                      <td>
                        {DATASET_SHORT[d.dataset] ?? d.dataset}
                        {d.rangeStart !== null && d.rangeEnd !== null && (
                          <div className="hint">
                            {d.rangeStart} to {d.rangeEnd}
                          </div>
                        )}
                      </td>
                      <td>{formatTime(d.lastImportAt)}</td>
                      <td>
                        <Badge value={d.status} />
                        {d.error !== null && (
                          <div className="field-error">
                            {d.error.message} <span className="code">({d.error.code})</span>
                          </div>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {status.data.connection !== null && status.data.datasets.length === 0 && <p className="hint">The first import from QuickBooks has not finished yet.</p>}
          {status.data.nextImportAt !== null && <p className="hint">Next import: {formatTime(status.data.nextImportAt)}</p>}
        </>
      )}
    </Card>
  );
}

function ValuesCard({ metric, datasets, onDeleted }: { metric: Metric; datasets: Dataset[] | undefined; onDeleted: () => void }) {
  const { api, session } = useConsole();
  const tenant = session.tenant;
  const series = useLoad<Series>(async () => unwrap(await api.metrics.GET('/v1/tenants/{tenant}/metrics/{metricId}/values', { params: { path: { tenant, metricId: metric.id } } })), `${tenant}|${metric.id}`);
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState<{ busy: boolean; error?: Error }>({ busy: false });
  const values = series.state === 'ready' ? series.data.values : [];
  const max = Math.max(0, ...values.map((v) => Math.abs(Number(v.value)) || 0));

  const remove = async (): Promise<void> => {
    setDeleting({ busy: true });
    try {
      const result = await api.metrics.DELETE('/v1/tenants/{tenant}/metrics/{metricId}', { params: { path: { tenant, metricId: metric.id } } });
      if (!result.response.ok) unwrap(result);
      window.location.hash = '#/metrics';
      onDeleted();
    } catch (err) {
      setDeleting({ busy: false, error: err instanceof Error ? err : new Error(String(err)) });
    }
  };

  return (
    <Card
      title={`${metric.name} by ${PERIOD[metric.period]?.toLowerCase() ?? metric.period}`}
      id="metric-values"
      actions={
        canChange(session.role) && !confirming ? (
          <button type="button" className="btn btn-secondary btn-small" onClick={() => setConfirming(true)}>
            Delete…
          </button>
        ) : undefined
      }
    >
      <p className="hint metric-definition">
        {DATASET_SHORT[metric.dataset] ?? metric.dataset} · {measures(metric, datasets)} · {AGGREGATION[metric.aggregation] ?? metric.aggregation}
        {metric.target !== null && <> · target {formatAmount(metric.target)}</>}
      </p>
      {confirming && (
        <div className="notice notice-warning" role="alertdialog" aria-label={`Delete ${metric.name}?`}>
          <span>
            Delete <strong>{metric.name}</strong> and its values? Integrations reading it get no more updates.
          </span>
          <button type="button" className="btn btn-danger btn-small" onClick={() => void remove()} disabled={deleting.busy}>
            {deleting.busy ? 'Deleting…' : 'Delete metric'}
          </button>
          <button type="button" className="btn btn-secondary btn-small" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </div>
      )}
      {deleting.error !== undefined && <ErrorBox error={deleting.error} title="Could not delete the metric." />}
      {series.state === 'loading' && <Loading label="Loading the values…" />}
      {series.state === 'error' && <ErrorBox error={series.error} onRetry={series.reload} title="Could not load the values." />}
      {series.state === 'ready' && (
        <div className="metric-series" data-stale={String(series.data.stale)}>
          {series.data.stale && (
            <div className="notice notice-warning metric-stale" role="status">
              <strong>Stale.</strong> {sentence(series.data.staleReason ?? 'The values could not be brought up to date')}
              {metric.staleSince !== null && <span> Since {formatTime(metric.staleSince)}.</span>}
            </div>
          )}
          {values.length === 0 ? (
            <Empty title="No values yet.">
              <p>{series.data.computedAt === null ? 'The values appear once the first import from QuickBooks has finished.' : 'QuickBooks has no figures for these accounts in the imported months.'}</p>
            </Empty>
          ) : (
            <>
              <table className="table table-compact metric-values">
                <caption className="visually-hidden">Values of {metric.name}, oldest first</caption>
                <thead>
                  <tr>
                    <th scope="col">{PERIOD[metric.period] ?? 'Period'}</th>
                    <th scope="col" className="num">
                      Value
                    </th>
                    <th scope="col" className="bar-cell">
                      <span className="visually-hidden">Bar</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {values.map((v) => {
                    const n = Number(v.value);
                    const width = max === 0 ? 0 : Math.round((Math.abs(n) / max) * 100);
                    return (
                      <tr key={v.period} data-period={v.period}>
                        <td className="nowrap">
                          {periodLabel(v.period, v.start)}
                          {!v.complete && <span className="hint"> (so far)</span>}
                        </td>
                        <td className={`num${n < 0 ? ' negative' : ''}`}>{formatAmount(v.value)}</td>
                        <td className="bar-cell" aria-hidden="true">
                          <span className={`bar${n < 0 ? ' bar-negative' : ''}${v.complete ? '' : ' bar-partial'}`} style={{ width: `${width}%` }} />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              <p className="hint">Computed {formatTime(series.data.computedAt)}. Amounts in the company's currency.</p>
            </>
          )}
        </div>
      )}
    </Card>
  );
}

interface Draft {
  name: string;
  dataset: DatasetId | '';
  by: 'accounts' | 'category';
  accounts: string[];
  category: string;
  aggregation: 'sum' | 'end_of_period';
  period: 'month' | 'quarter' | 'year';
  target: string;
}

const EMPTY: Draft = { name: '', dataset: '', by: 'accounts', accounts: [], category: '', aggregation: 'sum', period: 'month', target: '' };

function DefineCard({ datasets, onCreated }: { datasets: ReturnType<typeof useLoad<DatasetsBody>>; onCreated: (id: string) => void }) {
  const { api, session } = useConsole();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [saving, setSaving] = useState<{ busy: boolean; error?: ApiError | Error; done?: string }>({ busy: false });
  const all = datasets.state === 'ready' ? datasets.data.datasets : [];
  const dataset = all.find((d) => d.id === draft.dataset);
  const accountRows = (dataset?.rows ?? []).filter((r) => r.accountId !== null);
  const fields = saving.error instanceof ApiError ? saving.error.fields : undefined;
  const nameTaken = saving.error instanceof ApiError && saving.error.code === 'metric_name_taken' ? saving.error.message : undefined;

  // A dataset that only knows balances takes "end of period" only.
  useEffect(() => {
    if (dataset !== undefined && !dataset.aggregations.includes(draft.aggregation)) setDraft((d) => ({ ...d, aggregation: dataset.aggregations[0] ?? 'end_of_period' }));
  }, [dataset, draft.aggregation]);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (draft.dataset === '') return setSaving({ busy: false, error: new ApiError(400, 'validation_failed', 'Choose a dataset.', new Map([['dataset', 'Choose a dataset.']])) });
    const body: MetricInput = {
      name: draft.name,
      dataset: draft.dataset,
      aggregation: draft.aggregation,
      period: draft.period,
      ...(draft.by === 'category' ? { category: draft.category } : { accounts: draft.accounts }),
      ...(draft.target.trim() === '' ? {} : { target: draft.target.trim() }),
    };
    setSaving({ busy: true });
    try {
      const created = unwrap(await api.metrics.POST('/v1/tenants/{tenant}/metrics', { params: { path: { tenant: session.tenant } }, body }));
      setSaving({ busy: false, done: created.name });
      setDraft(EMPTY);
      onCreated(created.id);
    } catch (err) {
      setSaving({ busy: false, error: err instanceof Error ? err : new Error(String(err)) });
    }
  };

  return (
    <Card title="Define a metric">
      {datasets.state === 'loading' && <Loading label="Loading the company's accounts…" />}
      {datasets.state === 'error' && <ErrorBox error={datasets.error} onRetry={datasets.reload} title="Could not load the datasets." />}
      {datasets.state === 'ready' && (
        <form onSubmit={(e) => void submit(e)} className="metric-form" noValidate>
          <div className="grid">
            <Field label="Metric name" error={nameTaken ?? fieldError(fields, 'name')}>
              {(props) => <input {...props} type="text" value={draft.name} maxLength={200} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />}
            </Field>
            <Field label="Dataset" error={fieldError(fields, 'dataset')}>
              {(props) => (
                <select {...props} value={draft.dataset} onChange={(e) => setDraft({ ...draft, dataset: e.target.value as DatasetId, accounts: [], category: '' })}>
                  <option value="">Choose a dataset</option>
                  {all.map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          {dataset !== undefined && (
            <>
              <fieldset className="metric-by">
                <legend>What it adds up</legend>
                <div className="checks">
                  <label className="check">
                    <input type="radio" name="metric-by" checked={draft.by === 'accounts'} onChange={() => setDraft({ ...draft, by: 'accounts' })} /> One or more accounts
                  </label>
                  <label className="check">
                    <input type="radio" name="metric-by" checked={draft.by === 'category'} onChange={() => setDraft({ ...draft, by: 'category' })} /> A total of the report (a category)
                  </label>
                </div>
              </fieldset>
              <div className="grid">
                {draft.by === 'accounts' ? (
                  <Field label="Accounts" hint={accountRows.length === 0 ? 'No account of this dataset has been imported yet.' : 'Hold Ctrl (⌘ on a Mac) or Shift to choose several.'} error={fieldError(fields, 'accounts')}>
                    {(props) => (
                      <select {...props} multiple size={Math.min(8, Math.max(3, accountRows.length))} value={draft.accounts} onChange={(e) => setDraft({ ...draft, accounts: [...e.target.selectedOptions].map((o) => o.value) })}>
                        {accountRows.map((r) => (
                          <option key={r.rowKey} value={r.accountId ?? ''}>
                            {r.label}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                ) : (
                  <Field label="Category" error={fieldError(fields, 'category')}>
                    {(props) => (
                      <select {...props} value={draft.category} onChange={(e) => setDraft({ ...draft, category: e.target.value })}>
                        <option value="">Choose a total</option>
                        {dataset.categories.map((c) => (
                          <option key={c.category} value={c.category}>
                            {c.label}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                )}
                <Field label="Aggregation" error={fieldError(fields, 'aggregation')}>
                  {(props) => (
                    <select {...props} value={draft.aggregation} onChange={(e) => setDraft({ ...draft, aggregation: e.target.value as Draft['aggregation'] })}>
                      {dataset.aggregations.map((a) => (
                        <option key={a} value={a}>
                          {AGGREGATION[a] ?? a}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field label="Values by" error={fieldError(fields, 'period')}>
                  {(props) => (
                    <select {...props} value={draft.period} onChange={(e) => setDraft({ ...draft, period: e.target.value as Draft['period'] })}>
                      {Object.entries(PERIOD).map(([value, label]) => (
                        <option key={value} value={value}>
                          {label}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field label="Target (optional)" hint="An amount, e.g. 25000.00" error={fieldError(fields, 'target')}>
                  {(props) => <input {...props} type="text" inputMode="decimal" value={draft.target} onChange={(e) => setDraft({ ...draft, target: e.target.value })} />}
                </Field>
              </div>
            </>
          )}
          {saving.error !== undefined && nameTaken === undefined && <ErrorBox error={saving.error} title="The metric was not saved." />}
          {saving.done !== undefined && (
            <p className="notice notice-success" role="status">
              Metric “{saving.done}” defined. Its values are computed from the imported reports.
            </p>
          )}
          <div className="actions">
            <button type="submit" className="btn btn-primary" disabled={saving.busy}>
              {saving.busy ? 'Saving…' : 'Define metric'}
            </button>
          </div>
        </form>
      )}
    </Card>
  );
}
