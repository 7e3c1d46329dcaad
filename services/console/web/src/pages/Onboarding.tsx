import { useEffect, useState } from 'react';
import { ApiError, unwrap } from '../api/client';
import type { CustomerSyncPaths } from '../api/client';
import { canChange } from '../session';
import { Badge, Card, Empty, ErrorBox, Field, Loading, ReadOnlyNote, formatTime, useConsole, useLoad } from '../ui';

type Run = CustomerSyncPaths['/v1/tenants/{tenant}/onboarding/runs/{runId}']['get']['responses'][200]['content']['application/json'];
type RecordRow = CustomerSyncPaths['/v1/tenants/{tenant}/onboarding/records']['get']['responses'][200]['content']['application/json']['records'][number];
type Mode = Run['mode'];
type Entity = 'customer' | 'employee' | 'item';
type Status = 'proposed' | 'needs_attention' | 'imported' | 'linked' | 'refused';

/** Seed 001's steps, by the record types customer-sync onboards. */
const ENTITIES: Array<{ value: Entity | ''; label: string }> = [
  { value: '', label: 'Every type' },
  { value: 'employee', label: 'Employees' },
  { value: 'customer', label: 'Projects and customers' },
  { value: 'item', label: 'Cost codes and materials' },
];
const ENTITY_LABEL: Record<string, string> = { employee: 'Employee', customer: 'Customer', item: 'Item' };
const STATUSES: Array<{ value: Status | ''; label: string }> = [
  { value: '', label: 'Every status' },
  { value: 'proposed', label: 'To approve' },
  { value: 'needs_attention', label: 'Needs attention' },
  { value: 'imported', label: 'Imported' },
  { value: 'linked', label: 'Linked' },
  { value: 'refused', label: 'Refused' },
];
const STATUS_WORDS: Record<string, string> = { proposed: 'to approve', needs_attention: 'need attention', imported: 'imported', linked: 'linked', refused: 'refused' };
/** Rows drawn at once (the API answers every record; a filter narrows them). */
const SHOWN = 100;

function runHref(runId: string): string {
  return `#/onboarding?run=${encodeURIComponent(runId)}`;
}

function proposalText(r: RecordRow): string {
  if (r.proposal === 'match' && r.proposedPlatformId !== null) return `Link to ${r.proposedPlatformId}${r.matchedBy !== null ? ` (same ${r.matchedBy.replace(/_/g, ' ')})` : ''}`;
  if (r.proposal === 'import') return 'Import as a new record';
  return 'Choose by hand';
}

export function OnboardingPage({ runParam }: { runParam: string | undefined }) {
  const { api, session } = useConsole();
  const tenant = session.tenant;
  const mayRun = canChange(session.role);
  const [mode, setMode] = useState<Mode>('auto');
  const [starting, setStarting] = useState<{ busy: boolean; error?: Error }>({ busy: false });
  const [run, setRun] = useState<{ data?: Run; error?: Error }>({});
  const [entity, setEntity] = useState<Entity | ''>('');
  const [status, setStatus] = useState<Status | ''>('');

  const records = useLoad(
    async () =>
      unwrap(
        await api.customerSync.GET('/v1/tenants/{tenant}/onboarding/records', {
          params: { path: { tenant }, query: { ...(entity === '' ? {} : { entity }), ...(status === '' ? {} : { status }) } },
        }),
      ),
    `${tenant}|${entity}|${status}`,
  );
  const reloadRecords = records.reload;

  // Follows the run named in the address every second while it runs; then reads the records again.
  useEffect(() => {
    if (runParam === undefined) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async (): Promise<void> => {
      try {
        const data = unwrap(await api.customerSync.GET('/v1/tenants/{tenant}/onboarding/runs/{runId}', { params: { path: { tenant, runId: runParam } } }));
        if (!live) return;
        setRun({ data });
        if (data.status === 'running') timer = setTimeout(() => void poll(), 1000);
        else reloadRecords();
      } catch (err) {
        if (live) setRun({ error: err instanceof Error ? err : new Error(String(err)) });
      }
    };
    setRun({});
    void poll();
    return () => {
      live = false;
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [api, tenant, runParam, reloadRecords]);

  const start = async (): Promise<void> => {
    setStarting({ busy: true });
    try {
      const started = unwrap(await api.customerSync.POST('/v1/tenants/{tenant}/onboarding/runs', { params: { path: { tenant } }, body: { mode } }));
      setStarting({ busy: false });
      window.location.hash = runHref(started.runId);
    } catch (err) {
      setStarting({ busy: false, error: err instanceof Error ? err : new Error(String(err)) });
    }
  };

  const running = run.data?.status === 'running';
  return (
    <>
      <Card title="Import from QuickBooks">
        <p className="hint onboarding-intro">
          Brings the company's employees, projects and customers, cost codes and materials into the platform. Each QuickBooks record is matched to a platform record that already exists (by email, name or SKU) or
          imported as a new one.
        </p>
        {mayRun ? (
          <>
            <fieldset disabled={starting.busy || running} className="mode-choice">
              <legend>How to import</legend>
              <label className="check">
                <input type="radio" name="onboarding-mode" value="auto" checked={mode === 'auto'} onChange={() => setMode('auto')} />
                Import automatically: link the confident matches and import the rest
              </label>
              <label className="check">
                <input type="radio" name="onboarding-mode" value="manual" checked={mode === 'manual'} onChange={() => setMode('manual')} />
                Review first: propose the matches, then approve or change them one by one
              </label>
            </fieldset>
            <div className="actions">
              <button type="button" className="btn btn-primary" onClick={() => void start()} disabled={starting.busy || running}>
                {starting.busy ? 'Starting…' : running ? 'An import is running' : 'Start the import'}
              </button>
            </div>
            {starting.error !== undefined && <ErrorBox error={starting.error} title="Could not start the import." />}
          </>
        ) : (
          <ReadOnlyNote />
        )}
        {runParam !== undefined && <RunStatus run={run.data} error={run.error} />}
      </Card>
      <Card
        title="Records from QuickBooks"
        actions={
          <button type="button" className="btn btn-secondary btn-small" onClick={records.reload}>
            Refresh
          </button>
        }
      >
        <div className="filters" role="search" aria-label="Filter the onboarding records">
          <Field label="Record type">
            {(props) => (
              <select {...props} value={entity} onChange={(e) => setEntity(e.target.value as Entity | '')}>
                {ENTITIES.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Status">
            {(props) => (
              <select {...props} value={status} onChange={(e) => setStatus(e.target.value as Status | '')}>
                {STATUSES.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        {records.state === 'loading' && <Loading label="Loading the records…" />}
        {records.state === 'error' && <ErrorBox error={records.error} onRetry={records.reload} title="Could not load the records." />}
        {records.state === 'ready' && records.data.records.length === 0 && (
          <Empty title={entity === '' && status === '' ? 'Nothing imported yet.' : 'No records match these filters.'}>
            <p>{entity === '' && status === '' ? 'Connect QuickBooks, then start the import above: the records and their proposed matches show here.' : 'Choose another type or status.'}</p>
          </Empty>
        )}
        {records.state === 'ready' && records.data.records.length > 0 && <RecordTable rows={records.data.records} mayDecide={mayRun} />}
      </Card>
    </>
  );
}

function RunStatus({ run, error }: { run: Run | undefined; error: Error | undefined }) {
  if (error !== undefined) return <ErrorBox error={error} title="Could not read the import." />;
  if (run === undefined) return <Loading label="Reading the import…" />;
  const { listed, decided, toDecide } = run.progress;
  return (
    <section className="onboarding-run" aria-label="The import" aria-live="polite" data-status={run.status}>
      <p className="onboarding-run-head">
        <Badge value={run.status} /> {run.mode === 'auto' ? 'Automatic import' : 'Review first'} · started {formatTime(run.startedAt)}
        {run.endedAt !== null && <> · ended {formatTime(run.endedAt)}</>}
      </p>
      {run.status === 'running' && (
        <div className="phase-progress">
          {run.phase === 'decide' && toDecide !== null ? (
            <>
              <span>
                Importing and linking: {decided} of {toDecide}
              </span>
              <progress max={Math.max(toDecide, 1)} value={decided} aria-label="Records imported or linked" />
            </>
          ) : (
            <>
              <span>Reading QuickBooks: {listed} records listed</span>
              <progress aria-label="Reading QuickBooks" />
            </>
          )}
        </div>
      )}
      {run.error !== null && (
        <p className="notice notice-error">
          <strong>The import stopped.</strong> {run.error.message} <span className="code">({run.error.code})</span>
        </p>
      )}
      {run.counts !== null && (
        <dl className="facts onboarding-counts">
          {Object.entries(run.counts).map(([s, n]) => (
            <div key={s} data-status={s}>
              <dt>{STATUS_WORDS[s] === undefined ? s : STATUS_WORDS[s][0]!.toUpperCase() + STATUS_WORDS[s].slice(1)}</dt>
              <dd className="onboarding-count">{n}</dd>
            </div>
          ))}
        </dl>
      )}
      {run.status !== 'running' && run.mode === 'manual' && (run.counts?.proposed ?? 0) > 0 && <p className="hint">Approve or change each proposed match below.</p>}
    </section>
  );
}

function RecordTable({ rows, mayDecide }: { rows: RecordRow[]; mayDecide: boolean }) {
  const [overrides, setOverrides] = useState<Record<string, RecordRow>>({});
  const shown = rows.slice(0, SHOWN).map((r) => overrides[`${r.entity}/${r.qboId}`] ?? r);
  return (
    <>
      {rows.length > SHOWN && (
        <p className="hint">
          Showing the first {SHOWN} of {rows.length} records: filter by type or status to see the others.
        </p>
      )}
      {/* Focusable: at phone width the table scrolls sideways, and a keyboard must reach that too. */}
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Records from QuickBooks (scrolls sideways)">
        <table className="table onboarding-records">
          <thead>
            <tr>
              <th scope="col">QuickBooks record</th>
              <th scope="col">Proposed</th>
              <th scope="col">Status</th>
              <th scope="col">{mayDecide ? 'Decide' : <span className="visually-hidden">Decide</span>}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <RecordRowView key={`${r.entity}/${r.qboId}`} row={r} mayDecide={mayDecide} onDecided={(row) => setOverrides((o) => ({ ...o, [`${row.entity}/${row.qboId}`]: row }))} />
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function RecordRowView({ row, mayDecide, onDecided }: { row: RecordRow; mayDecide: boolean; onDecided: (row: RecordRow) => void }) {
  const { api, session } = useConsole();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | undefined>();
  const [platformId, setPlatformId] = useState(row.proposedPlatformId ?? row.candidates?.[0] ?? '');
  const open = row.status === 'proposed' || row.status === 'needs_attention';
  const entity = row.entity as Entity;
  const path = { tenant: session.tenant, entity, qboId: row.qboId };

  const decide = async (kind: 'link' | 'import', id?: string): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      const updated =
        kind === 'link'
          ? unwrap(await api.customerSync.POST('/v1/tenants/{tenant}/onboarding/records/{entity}/{qboId}/link', { params: { path }, body: { platformId: id ?? '' } }))
          : unwrap(await api.customerSync.POST('/v1/tenants/{tenant}/onboarding/records/{entity}/{qboId}/import', { params: { path } }));
      onDecided(updated);
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
    } finally {
      setBusy(false);
    }
  };
  const approve = (): Promise<void> => (row.proposal === 'match' && row.proposedPlatformId !== null ? decide('link', row.proposedPlatformId) : decide('import'));
  const label = `${ENTITY_LABEL[row.entity] ?? row.entity} ${row.name}`;
  return (
    <tr data-status={row.status} data-qbo-id={row.qboId}>
      <td>
        <span className="entity">{ENTITY_LABEL[row.entity] ?? row.entity}</span> {row.name}
        <div className="hint">QBO #{row.qboId}</div>
      </td>
      <td>
        {row.status === 'linked' || row.status === 'imported' ? (
          <>
            {row.status === 'linked' ? 'Linked to' : 'Imported as'} {row.platformId ?? '—'}
          </>
        ) : (
          proposalText(row)
        )}
        {row.message !== null && (
          <div className="hint">
            {row.message} {row.reason !== null && <span className="code">({row.reason})</span>}
          </div>
        )}
      </td>
      <td>
        <Badge value={row.status} />
      </td>
      <td className="decide">
        {mayDecide && open && (
          <div className="decide-controls">
            {(row.proposal === 'match' || row.proposal === 'import') && (
              <button type="button" className="btn btn-primary btn-small" disabled={busy} onClick={() => void approve()} aria-label={`Approve: ${proposalText(row)} for ${label}`}>
                Approve
              </button>
            )}
            <div className="decide-link">
              <label className="visually-hidden" htmlFor={`link-${row.entity}-${row.qboId}`}>
                Platform id to link {label} to
              </label>
              <input id={`link-${row.entity}-${row.qboId}`} type="text" value={platformId} onChange={(e) => setPlatformId(e.target.value)} placeholder="platform id" list={row.candidates !== null ? `cand-${row.entity}-${row.qboId}` : undefined} />
              {row.candidates !== null && (
                <datalist id={`cand-${row.entity}-${row.qboId}`}>
                  {row.candidates.map((c) => (
                    <option key={c} value={c} />
                  ))}
                </datalist>
              )}
              <button type="button" className="btn btn-secondary btn-small" disabled={busy || platformId.trim() === ''} onClick={() => void decide('link', platformId.trim())} aria-label={`Link ${label}`}>
                Link
              </button>
            </div>
            {row.proposal !== 'import' && (
              <button type="button" className="btn btn-link" disabled={busy} onClick={() => void decide('import')} aria-label={`Import as new: ${label}`}>
                Import as new
              </button>
            )}
          </div>
        )}
        {error !== undefined && (
          <p className="field-error" role="alert">
            {error.message}
            {error instanceof ApiError && <span className="code"> ({error.code})</span>}
          </p>
        )}
      </td>
    </tr>
  );
}
