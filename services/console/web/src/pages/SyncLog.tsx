import { useState } from 'react';
import { ApiError, unwrap } from '../api/client';
import type { MappingPaths } from '../api/client';
import { canChange } from '../session';
import { runHref, runIdOf } from '../runs';
import { Badge, Card, Empty, ErrorBox, Field, Loading, ReasonText, formatTime, useConsole, useLoad } from '../ui';

type LogBody = MappingPaths['/v1/tenants/{tenant}/sync-log']['get']['responses'][200]['content']['application/json'];
type Entry = LogBody['entries'][number];
type Outcome = Entry['outcome'];
type Summary = MappingPaths['/v1/tenants/{tenant}/sync-log/summary']['get']['responses'][200]['content']['application/json'];

const OUTCOMES: Array<{ value: Outcome | ''; label: string }> = [
  { value: '', label: 'All outcomes' },
  { value: 'failed', label: 'Failed' },
  { value: 'held', label: 'Held' },
  { value: 'skipped', label: 'Skipped' },
  { value: 'succeeded', label: 'Succeeded' },
  { value: 'requested', label: 'Requested' },
  { value: 'info', label: 'Info' },
];
const ENTITIES = ['', 'customer', 'invoice', 'payment', 'item', 'settings'];
/** The record types a bulk retry takes (a run pushes platform records). */
const BULK_RETRIABLE = ['customer', 'invoice', 'payment'] as const;
type BulkEntity = (typeof BULK_RETRIABLE)[number];
const isBulkEntity = (e: string): e is BulkEntity => (BULK_RETRIABLE as readonly string[]).includes(e);
const RETRIABLE: ReadonlySet<Outcome> = new Set(['failed', 'skipped', 'held']);
const PAGE = 50;


/** `filters`: the page's address parameters (`#/sync-log?outcome=failed&entity=invoice&platformId=…&runId=…`), set by links from other pages. */
export function SyncLogPage({ filters }: { filters: URLSearchParams }) {
  const { api, session } = useConsole();
  const tenant = session.tenant;
  const [outcome, setOutcome] = useState<Outcome | ''>(() => {
    const o = filters.get('outcome') ?? '';
    return OUTCOMES.some((x) => x.value === o) ? (o as Outcome | '') : '';
  });
  const [entity, setEntity] = useState(() => {
    const e = filters.get('entity') ?? '';
    return ENTITIES.includes(e) ? e : '';
  });
  // One record, or one run's records: from a link ("Open in sync log"), shown as a filter that can be removed.
  const [platformId, setPlatformId] = useState(() => filters.get('platformId') ?? undefined);
  const [runId, setRunId] = useState(() => filters.get('runId') ?? undefined);
  const [bulk, setBulk] = useState<{ busy: boolean; error?: Error; runningId?: string }>({ busy: false });
  const [extra, setExtra] = useState<{ entries: Entry[]; next: string | null } | undefined>();
  const [overrides, setOverrides] = useState<Record<string, Entry>>({});
  const [retrying, setRetrying] = useState<string | undefined>();
  const [retryError, setRetryError] = useState<Error | undefined>();
  const [loadingMore, setLoadingMore] = useState(false);

  const query = (before?: string) => ({
    limit: PAGE,
    ...(outcome === '' ? {} : { outcome }),
    ...(entity === '' ? {} : { entity }),
    ...(platformId === undefined ? {} : { platformId }),
    ...(runId === undefined ? {} : { runId }),
    ...(before === undefined ? {} : { before }),
  });
  const log = useLoad(async () => {
    setExtra(undefined);
    return unwrap(await api.mapping.GET('/v1/tenants/{tenant}/sync-log', { params: { path: { tenant }, query: query() } }));
  }, `${tenant}|${outcome}|${entity}|${platformId ?? ''}|${runId ?? ''}`);
  const summary = useLoad<Summary>(async () => unwrap(await api.mapping.GET('/v1/tenants/{tenant}/sync-log/summary', { params: { path: { tenant } } })), tenant);

  const next = extra?.next ?? (log.state === 'ready' ? log.data.next : null);
  const entries = log.state === 'ready' ? [...log.data.entries, ...(extra?.entries ?? [])].map((e) => overrides[e.id] ?? e) : [];

  const loadMore = async (): Promise<void> => {
    if (next === null) return;
    setLoadingMore(true);
    try {
      const page = unwrap(await api.mapping.GET('/v1/tenants/{tenant}/sync-log', { params: { path: { tenant }, query: query(next) } }));
      setExtra((prev) => ({ entries: [...(prev?.entries ?? []), ...page.entries], next: page.next }));
    } catch (err) {
      setRetryError(err instanceof Error ? err : new Error(String(err)));
    } finally {
      setLoadingMore(false);
    }
  };

  const retry = async (entry: Entry): Promise<void> => {
    setRetrying(entry.id);
    setRetryError(undefined);
    try {
      const updated = unwrap(await api.mapping.POST('/v1/tenants/{tenant}/sync-log/{id}/retry', { params: { path: { tenant, id: entry.id } } }));
      setOverrides((o) => ({ ...o, [entry.id]: updated }));
      summary.reload();
    } catch (err) {
      setRetryError(err instanceof Error ? err : new Error(String(err)));
    } finally {
      setRetrying(undefined);
    }
  };

  /** "Retry all failed": one retry run over the records whose latest outcome is failed (of the chosen type), then follow that run. */
  const retryAllFailed = async (): Promise<void> => {
    setBulk({ busy: true });
    try {
      const body = { outcome: 'failed' as const, ...(isBulkEntity(entity) ? { entity } : {}) };
      const run = unwrap(await api.mapping.POST('/v1/tenants/{tenant}/sync-log/retry', { params: { path: { tenant } }, body }));
      window.location.hash = runHref(run.runId);
    } catch (err) {
      const running = err instanceof ApiError && err.code === 'run_in_progress' ? runIdOf(err.details) : undefined;
      setBulk({ busy: false, error: err instanceof Error ? err : new Error(String(err)), ...(running === undefined ? {} : { runningId: running }) });
    }
  };

  const mayRetry = canChange(session.role);
  const bulkPossible = entity === '' || isBulkEntity(entity);
  const bulkLabel = `Retry all failed${isBulkEntity(entity) ? ` ${entity}s` : ''}`;
  return (
    <>
      <Card title="Held records">
        {summary.state === 'loading' && <Loading label="Counting held records…" />}
        {summary.state === 'error' && <ErrorBox error={summary.error} onRetry={summary.reload} title="Could not load the held records." />}
        {summary.state === 'ready' && <HeldSummary summary={summary.data} />}
      </Card>
      <Card
        title="Every record sent or received"
        actions={
          <div className="card-actions">
            {mayRetry && (
              <button type="button" className="btn btn-primary btn-small" onClick={() => void retryAllFailed()} disabled={bulk.busy || !bulkPossible} aria-describedby="bulk-retry-hint">
                {bulk.busy ? 'Starting the retry…' : bulkLabel}
              </button>
            )}
            <button
              type="button"
              className="btn btn-secondary btn-small"
              onClick={() => {
                log.reload();
                summary.reload();
              }}
            >
              Refresh
            </button>
          </div>
        }
      >
        {mayRetry && (
          <p className="hint bulk-hint" id="bulk-retry-hint">
            {bulkPossible
              ? `${bulkLabel}: every ${isBulkEntity(entity) ? entity : 'customer, invoice and payment'} whose latest outcome is failed is sent again, in one synchronization you can follow.`
              : 'Retry all failed takes customers, invoices and payments: choose one of them, or all types.'}
          </p>
        )}
        {bulk.error !== undefined && (
          <div className="notice notice-error" role="alert">
            {bulk.runningId !== undefined ? (
              <>
                <strong>A synchronization is already in progress.</strong> Retry when it has ended. <a href={runHref(bulk.runningId)}>Follow the running synchronization</a>
              </>
            ) : bulk.error instanceof ApiError && bulk.error.code === 'nothing_to_retry' ? (
              <>
                <strong>Nothing to retry.</strong> No {isBulkEntity(entity) ? entity : 'record'} has failed as its latest outcome.
              </>
            ) : (
              <>
                <strong>Could not start the retry.</strong> {bulk.error.message}
                {bulk.error instanceof ApiError && <span className="code"> ({bulk.error.code})</span>}
              </>
            )}
          </div>
        )}
        <div className="filters" role="search" aria-label="Filter the sync log">
          <Field label="Outcome">
            {(props) => (
              <select {...props} value={outcome} onChange={(e) => setOutcome(e.target.value as Outcome | '')}>
                {OUTCOMES.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Record type">
            {(props) => (
              <select {...props} value={entity} onChange={(e) => setEntity(e.target.value)}>
                {ENTITIES.map((e) => (
                  <option key={e} value={e}>
                    {e === '' ? 'All types' : e[0]!.toUpperCase() + e.slice(1)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        {(platformId !== undefined || runId !== undefined) && (
          <p className="notice notice-info filter-chips">
            {platformId !== undefined && (
              <>
                <span>
                  Only record <strong>{platformId}</strong>
                </span>
                <button type="button" className="btn btn-link" onClick={() => setPlatformId(undefined)}>
                  Show every record
                </button>
              </>
            )}
            {runId !== undefined && (
              <>
                <span>
                  Only synchronization <a href={runHref(runId)}>{runId.slice(0, 8)}</a>
                </span>
                <button type="button" className="btn btn-link" onClick={() => setRunId(undefined)}>
                  Show every synchronization
                </button>
              </>
            )}
          </p>
        )}
        {retryError !== undefined && <ErrorBox error={retryError} title="That did not work." />}
        {log.state === 'loading' && <Loading label="Loading the sync log…" />}
        {log.state === 'error' && <ErrorBox error={log.error} onRetry={log.reload} title="Could not load the sync log." />}
        {log.state === 'ready' && entries.length === 0 && (
          <Empty title={outcome === '' && entity === '' && platformId === undefined && runId === undefined ? 'Nothing has synced yet.' : 'No records match these filters.'}>
            <p>{outcome === '' && entity === '' && platformId === undefined && runId === undefined ? 'Once QuickBooks is connected and the settings are saved, every record sent or received shows here with its outcome.' : 'Choose other filters, or all outcomes.'}</p>
          </Empty>
        )}
        {entries.length > 0 && (
          <div className="table-scroll">
            <table className="table sync-log">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Record</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">QuickBooks</th>
                  <th scope="col">Reason</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.id} data-outcome={e.outcome}>
                    <td className="nowrap">{formatTime(e.occurredAt)}</td>
                    <td>
                      <span className="entity">{e.entity}</span> {e.platformId ?? '—'}
                      <div className="hint">{e.type}</div>
                    </td>
                    <td>
                      <Badge value={e.outcome} />
                    </td>
                    <td>{e.qboId !== null ? <>linked to QBO #{e.qboId}</> : e.outcome === 'info' || e.outcome === 'requested' ? '—' : <span className="hint">not linked</span>}</td>
                    <td className="reason">
                      {e.reason === null ? '—' : <ReasonText reason={e.reason} />}
                      {e.retryRequestedAt !== null && (
                        <div className="hint">
                          Retry requested {formatTime(e.retryRequestedAt)}
                          {e.retryRequestedBy !== null ? ` by ${e.retryRequestedBy}` : ''}
                        </div>
                      )}
                    </td>
                    <td>
                      {RETRIABLE.has(e.outcome) && mayRetry && (
                        <button type="button" className="btn btn-secondary btn-small" onClick={() => void retry(e)} disabled={retrying !== undefined} aria-label={`Retry ${e.entity} ${e.platformId ?? e.id}`}>
                          {retrying === e.id ? 'Retrying…' : 'Retry'}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {next !== null && log.state === 'ready' && (
          <button type="button" className="btn btn-secondary" onClick={() => void loadMore()} disabled={loadingMore}>
            {loadingMore ? 'Loading…' : 'Show older entries'}
          </button>
        )}
      </Card>
    </>
  );
}

function HeldSummary({ summary }: { summary: Summary }) {
  const entities = Object.entries(summary.held.byEntity).filter(([, v]) => v.total > 0);
  if (summary.held.total === 0) return <p className="hint held-none">No records are held. Everything that can sync has synced or has an outcome below.</p>;
  return (
    <>
      <p>
        <strong className="held-total">{summary.held.total}</strong> {summary.held.total === 1 ? 'record is' : 'records are'} waiting. Each is sent on its own once its reason clears, or retry it below.
      </p>
      <table className="table table-compact">
        <thead>
          <tr>
            <th scope="col">Record type</th>
            <th scope="col">Held</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {entities.map(([entity, v]) => (
            <tr key={entity}>
              <td>{entity}</td>
              <td>{v.total}</td>
              <td>
                {Object.entries(v.byReason).map(([reason, n]) => (
                  <div key={reason}>
                    {n} × <ReasonText reason={reason} />
                  </div>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
