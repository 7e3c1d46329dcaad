import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { ApiError, unwrap } from '../api/client';
import type { MappingPaths } from '../api/client';
import { PHASE_LABELS, RUN_KINDS, clockTime, failedTotal, isActive, phaseProgress, runHref, runIdOf, runLines, startedByText } from '../runs';
import type { Run, RunPhase } from '../runs';
import { canChange } from '../session';
import { Badge, Card, Empty, ErrorBox, Loading, ReasonText, useConsole, useLoad } from '../ui';

type Integration = MappingPaths['/v1/tenants/{tenant}/integration']['get']['responses'][200]['content']['application/json'];
type Blocker = Integration['blockers'][number];
type Direction = 'off' | 'to_qbo' | 'from_qbo' | 'both';
type RunRecord = MappingPaths['/v1/tenants/{tenant}/sync-runs/{runId}/records']['get']['responses'][200]['content']['application/json']['records'][number];

/** How often a running run is read again (the run's figures move record by record). */
const POLL_MS = 1_000;
const HISTORY_PAGE = 10;
const FAILED_PAGE = 100;

/** Seed 004's list: each entity with a green check or a red cross, and its direction. */
const ENTITIES: Array<{ key: 'customers' | 'items' | 'employees' | 'invoices' | 'payments'; label: string }> = [
  { key: 'customers', label: 'Customers' },
  { key: 'items', label: 'Items' },
  { key: 'employees', label: 'Employees' },
  { key: 'invoices', label: 'Invoices' },
  { key: 'payments', label: 'Payments' },
];
const DIRECTIONS: Record<Direction, string> = {
  off: 'Not synchronized',
  to_qbo: 'Platform → QuickBooks',
  from_qbo: 'QuickBooks → Platform',
  both: 'Both ways',
};

/** What stops when an admin disables the integration (shown in the confirmation). */
const DISABLE_EFFECTS = [
  'Nothing more is sent to QuickBooks: new and changed records are held ("sync disabled") and wait.',
  'A synchronization that is running now is cancelled.',
  'Enable Integration later sends every held record in one synchronization.',
  'The connection, your settings, mappings and the sync log stay as they are.',
];

/** A random Idempotency-Key: a click that is sent twice starts one run. (getRandomValues works outside secure contexts too.) */
function idempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `console-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** Where a blocking field is fixed: mappings and their defaults on the Mappings page, the rest in the settings. */
function fixPage(field: string): { href: string; label: string } {
  return /^(mappings\.|paymentMethods|glCodes|productTypes|defaults)/.test(field) ? { href: '#/mappings', label: 'Fix in Mappings' } : { href: '#/settings', label: 'Fix in Sync settings' };
}

function errorOf(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

/**
 * The run shown on the page, read again every second while it is queued or running and left
 * alone once it has ended. `prime` shows a run the page already has (the answer that started it)
 * without waiting for the first read.
 */
function useFollowedRun(runId: string | undefined, onEnded: () => void) {
  const { api, session } = useConsole();
  const tenant = session.tenant;
  const [run, setRun] = useState<Run | undefined>();
  const [error, setError] = useState<Error | undefined>();
  const [tick, setTick] = useState(0);
  const primed = useRef<Run | undefined>(undefined);
  const endedRef = useRef(onEnded);
  endedRef.current = onEnded;

  useEffect(() => {
    if (runId === undefined) {
      setRun(undefined);
      setError(undefined);
      return;
    }
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let wasActive: boolean | undefined;
    const seen = (data: Run): void => {
      setRun(data);
      setError(undefined);
      if (wasActive === true && !isActive(data)) endedRef.current();
      wasActive = isActive(data);
    };
    const read = async (): Promise<void> => {
      try {
        const data = unwrap(await api.mapping.GET('/v1/tenants/{tenant}/sync-runs/{runId}', { params: { path: { tenant, runId } } }));
        if (!live) return;
        seen(data);
        if (isActive(data)) timer = setTimeout(() => void read(), POLL_MS);
      } catch (err) {
        if (!live) return;
        setError(errorOf(err));
        // While following a run a failed read is tried again (a little slower); a run never read waits for "Try again".
        if (wasActive === true) timer = setTimeout(() => void read(), POLL_MS * 3);
      }
    };
    const first = primed.current?.runId === runId ? primed.current : undefined;
    primed.current = undefined;
    if (first !== undefined) {
      seen(first);
      timer = setTimeout(() => void read(), POLL_MS);
    } else {
      setRun((current) => (current?.runId === runId ? current : undefined));
      void read();
    }
    return () => {
      live = false;
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [api, tenant, runId, tick]);

  const prime = useCallback((r: Run) => {
    primed.current = r;
  }, []);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { run: run?.runId === runId ? run : undefined, error, prime, reload };
}

export function SyncPage({ runParam }: { runParam: string | undefined }) {
  const { api, session } = useConsole();
  const tenant = session.tenant;
  const mayChange = canChange(session.role);
  const integration = useLoad<Integration>(async () => unwrap(await api.mapping.GET('/v1/tenants/{tenant}/integration', { params: { path: { tenant } } })), tenant);
  const [historyKey, setHistoryKey] = useState(0);
  const [busy, setBusy] = useState<'enable' | 'sync' | 'disable' | 'cancel' | undefined>();
  const [actionError, setActionError] = useState<Error | undefined>();
  const [notice, setNotice] = useState<{ tone: 'success' | 'info'; text: string } | undefined>();
  const dialog = useRef<HTMLDialogElement>(null);
  const blockersId = useId();

  const data = integration.state === 'ready' ? integration.data : undefined;
  const shownId = runParam ?? data?.activeRun?.runId ?? data?.lastRun?.runId;
  const reloadIntegration = integration.reload;
  const refreshAll = useCallback(() => {
    reloadIntegration();
    setHistoryKey((k) => k + 1);
  }, [reloadIntegration]);
  const followed = useFollowedRun(shownId, refreshAll);
  const running = followed.run !== undefined && isActive(followed.run);

  const show = (run: Run): void => {
    followed.prime(run);
    setHistoryKey((k) => k + 1);
    if (window.location.hash === runHref(run.runId)) followed.reload();
    else window.location.hash = runHref(run.runId);
  };

  const start = async (what: 'enable' | 'sync'): Promise<void> => {
    setBusy(what);
    setActionError(undefined);
    setNotice(undefined);
    try {
      const header = { 'idempotency-key': idempotencyKey() };
      const result =
        what === 'enable'
          ? await api.mapping.POST('/v1/tenants/{tenant}/integration/enable', { params: { path: { tenant }, header } })
          : await api.mapping.POST('/v1/tenants/{tenant}/sync-runs', { params: { path: { tenant }, header } });
      const run = unwrap(result);
      setNotice({ tone: 'success', text: what === 'enable' ? 'The integration is enabled and its first synchronization has started.' : 'A synchronization has started.' });
      integration.reload();
      show(run);
    } catch (err) {
      const running = err instanceof ApiError && err.code === 'run_in_progress' ? runIdOf(err.details) : undefined;
      if (running !== undefined) {
        // Someone (another admin, a service account, the platform) started one meanwhile: follow it instead.
        setNotice({ tone: 'info', text: 'A synchronization is already in progress. It is shown below; start another when it has ended.' });
        integration.reload();
        window.location.hash = runHref(running);
      } else {
        setActionError(errorOf(err));
        if (err instanceof ApiError && err.status === 422) integration.reload();
      }
    } finally {
      setBusy(undefined);
    }
  };

  const disable = async (): Promise<void> => {
    setBusy('disable');
    setActionError(undefined);
    setNotice(undefined);
    try {
      unwrap(await api.mapping.POST('/v1/tenants/{tenant}/integration/disable', { params: { path: { tenant } } }));
      dialog.current?.close();
      setNotice({ tone: 'info', text: 'The integration is disabled. New records are held until you enable it again.' });
      refreshAll();
      followed.reload();
    } catch (err) {
      setActionError(errorOf(err));
    } finally {
      setBusy(undefined);
    }
  };

  const cancel = async (run: Run): Promise<void> => {
    setBusy('cancel');
    setActionError(undefined);
    try {
      const after = unwrap(await api.mapping.DELETE('/v1/tenants/{tenant}/sync-runs/{runId}', { params: { path: { tenant, runId: run.runId } } }));
      setNotice({ tone: 'info', text: 'Cancel requested: no further phase starts and no further record is queued.' });
      followed.prime(after);
      followed.reload();
      refreshAll();
    } catch (err) {
      // It ended meanwhile: show how it ended.
      if (err instanceof ApiError && err.code === 'run_finished') followed.reload();
      else setActionError(errorOf(err));
    } finally {
      setBusy(undefined);
    }
  };

  const connected = data?.connection?.status === 'connected';
  const blocked = data !== undefined && data.blockers.length > 0;
  const knownActive = running || (data?.activeRun !== null && data?.activeRun !== undefined);
  const enableReason = !connected ? 'Connect QuickBooks first.' : blocked ? 'Fix what is listed above first.' : knownActive ? 'A synchronization is running.' : undefined;

  return (
    <>
      {running && followed.run !== undefined && <SyncingBanner run={followed.run} />}
      {notice !== undefined && (
        <p className={`notice notice-${notice.tone}`} role="status">
          {notice.text}
        </p>
      )}
      {actionError !== undefined && <ActionError error={actionError} />}
      <Card
        title="Integration"
        actions={
          <button type="button" className="btn btn-secondary btn-small" onClick={refreshAll}>
            Refresh
          </button>
        }
      >
        {integration.state === 'loading' && <Loading label="Loading the integration…" />}
        {integration.state === 'error' && <ErrorBox error={integration.error} onRetry={integration.reload} title="Could not load the integration." />}
        {data !== undefined && (
          <>
            <dl className="facts">
              <div>
                <dt>QuickBooks company</dt>
                <dd>
                  {data.connection === null ? (
                    <>
                      Not connected · <a href="#/connection">Connect QuickBooks</a>
                    </>
                  ) : (
                    <>
                      {data.connection.companyName} <Badge value={data.connection.status} />
                    </>
                  )}
                </dd>
              </div>
              <div>
                <dt>Integration</dt>
                <dd>
                  <Badge value={data.enabled ? 'enabled' : 'not_enabled'} />
                </dd>
              </div>
              <div>
                <dt>Last synchronized</dt>
                <dd>{data.lastRun !== null && isActive(data.lastRun) ? 'synchronizing now' : clockTime(data.lastRun?.endedAt ?? null)}</dd>
              </div>
            </dl>
            <h3 id={`${blockersId}-entities`}>What synchronizes</h3>
            <ul className="entity-checks" aria-labelledby={`${blockersId}-entities`}>
              {ENTITIES.map(({ key, label }) => {
                const e = data.entities[key];
                const on = e?.on === true;
                return (
                  <li key={key} className={on ? 'entity-on' : 'entity-off'} data-entity={key}>
                    <span className={`mark ${on ? 'mark-on' : 'mark-off'}`} aria-hidden="true">
                      {on ? '✓' : '✗'}
                    </span>
                    <span className="entity-name">{label}</span>
                    <span className="visually-hidden">:</span>
                    <span className="entity-direction">{on ? DIRECTIONS[e?.direction ?? 'off'] : 'Off'}</span>
                  </li>
                );
              })}
            </ul>
            <p className="hint">
              Change these in <a href="#/settings">Sync settings</a>.
            </p>
            {blocked && <Blockers blockers={data.blockers} id={blockersId} />}
            {mayChange ? (
              <div className="actions">
                {!data.enabled && (
                  <>
                    <button
                      type="button"
                      className="btn btn-primary"
                      onClick={() => void start('enable')}
                      disabled={busy !== undefined || enableReason !== undefined}
                      aria-describedby={enableReason !== undefined ? `${blockersId}-reason` : undefined}
                    >
                      {busy === 'enable' ? 'Enabling…' : 'Enable Integration'}
                    </button>
                    {enableReason !== undefined && (
                      <span className="hint" id={`${blockersId}-reason`}>
                        {enableReason}
                      </span>
                    )}
                  </>
                )}
                {data.enabled && (
                  <>
                    <button type="button" className="btn btn-primary" onClick={() => void start('sync')} disabled={busy !== undefined || running || !connected}>
                      {busy === 'sync' ? 'Starting…' : 'Synchronize now'}
                    </button>
                    <button type="button" className="btn btn-secondary" onClick={() => dialog.current?.showModal()} disabled={busy !== undefined}>
                      Disable integration…
                    </button>
                    {!connected && <span className="hint">Connect QuickBooks first.</span>}
                    {connected && running && <span className="hint">A synchronization is running; it is shown below.</span>}
                  </>
                )}
              </div>
            ) : (
              <p className="hint">An admin or the account owner can enable the integration and start a synchronization.</p>
            )}
          </>
        )}
      </Card>

      <Card title={running ? 'Synchronizing with QuickBooks' : shownId !== undefined && shownId === data?.lastRun?.runId ? 'Last Synchronization Details' : 'Synchronization Details'}>
        {shownId === undefined && integration.state === 'ready' && (
          <Empty title="No synchronization has run yet.">
            <p>{data?.enabled === false ? 'Enable Integration starts the first one.' : 'Synchronize now sends everything that is not in QuickBooks yet.'}</p>
          </Empty>
        )}
        {shownId === undefined && integration.state === 'loading' && <Loading label="Loading the last synchronization…" />}
        {shownId !== undefined && followed.run === undefined && followed.error === undefined && <Loading label="Loading the synchronization…" />}
        {followed.error !== undefined && (
          <ErrorBox error={followed.error} onRetry={followed.reload} title={followed.run === undefined ? 'Could not load the synchronization.' : 'Could not refresh the synchronization; trying again.'} />
        )}
        {followed.run !== undefined && <RunDetails run={followed.run} mayCancel={mayChange} cancelling={busy === 'cancel'} onCancel={() => void cancel(followed.run!)} />}
      </Card>

      <RunHistory reloadKey={historyKey} selected={followed.run} />

      <dialog ref={dialog} className="dialog" aria-labelledby="disable-title" aria-describedby="disable-what">
        <h2 id="disable-title">Disable the integration?</h2>
        <div id="disable-what">
          <p>When you disable the integration:</p>
          <ul>
            {DISABLE_EFFECTS.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        </div>
        <div className="actions">
          <button type="button" className="btn btn-secondary" onClick={() => dialog.current?.close()} autoFocus>
            Keep it enabled
          </button>
          <button type="button" className="btn btn-danger" onClick={() => void disable()} disabled={busy === 'disable'}>
            {busy === 'disable' ? 'Disabling…' : 'Disable integration'}
          </button>
        </div>
      </dialog>
    </>
  );
}

/** The API's answer to a refused start, with each blocking field it names. */
function ActionError({ error }: { error: Error }) {
  const fields = error instanceof ApiError ? [...error.fields] : [];
  return (
    <div className="action-error">
      <ErrorBox error={error} title="That did not work." />
      {fields.length > 0 && (
        <ul className="blocker-list">
          {fields.map(([field, message]) => (
            <li key={field}>
              {message} <span className="code">({field})</span> <a href={fixPage(field).href}>{fixPage(field).label}</a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Blockers({ blockers, id }: { blockers: Blocker[]; id: string }) {
  return (
    <div className="blockers" id={id} role="note" aria-labelledby={`${id}-title`}>
      <p className="blockers-title" id={`${id}-title`}>
        <strong>Before the integration can be enabled</strong> ({blockers.length} {blockers.length === 1 ? 'thing' : 'things'} to fix):
      </p>
      <ul className="blocker-list">
        {blockers.map((b) => {
          const fix = fixPage(b.field);
          return (
            <li key={`${b.field}|${b.code}`} data-field={b.field}>
              <span>{b.message[0]!.toUpperCase() + b.message.slice(1)}</span> <span className="code">({b.field})</span>{' '}
              <a href={fix.href} aria-label={`${fix.label}: ${b.field}`}>
                {fix.label}
              </a>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** Seed 003's "Syncing with QBO" banner: which phase is working now. */
function SyncingBanner({ run }: { run: Run }) {
  const phase = run.phases.find((p) => p.status === 'running');
  return (
    <div className="banner" role="status">
      <span className="spinner" aria-hidden="true" />
      <strong>Syncing with QuickBooks</strong>
      <span>{phase !== undefined ? `— ${PHASE_LABELS[phase.phase]}` : run.status === 'queued' ? '— starting' : ''}</span>
    </div>
  );
}

function RunDetails({ run, mayCancel, cancelling, onCancel }: { run: Run; mayCancel: boolean; cancelling: boolean; onCancel: () => void }) {
  const active = isActive(run);
  const lines = runLines(run);
  const byPhase = new Map(run.phases.map((p) => [p.phase, p]));
  return (
    <div className="run" data-run-id={run.runId} data-status={run.status}>
      <dl className="facts">
        <div>
          <dt>Status</dt>
          <dd>
            <Badge value={run.status} />
          </dd>
        </div>
        <div>
          <dt>Started by</dt>
          <dd className="started-by">
            {startedByText(run)} <span className="hint">({RUN_KINDS[run.kind]})</span>
          </dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>{clockTime(run.startedAt ?? run.createdAt)}</dd>
        </div>
        <div>
          <dt>Ended</dt>
          <dd>{active ? 'still running' : clockTime(run.endedAt)}</dd>
        </div>
      </dl>
      {run.error !== null && (
        <p className="notice notice-error">
          <strong>The run failed:</strong> {run.error}
        </p>
      )}
      {run.cancelRequestedAt !== null && (
        <p className="hint">
          Cancel requested {clockTime(run.cancelRequestedAt)}
          {run.cancelRequestedBy !== null ? ` by ${run.cancelRequestedBy}` : ''}.
        </p>
      )}
      {active && mayCancel && run.cancelRequestedAt === null && (
        <div className="actions">
          <button type="button" className="btn btn-secondary" onClick={onCancel} disabled={cancelling}>
            {cancelling ? 'Cancelling…' : 'Cancel synchronization'}
          </button>
        </div>
      )}
      <h3>Synchronization Details</h3>
      <ol className="run-lines">
        {lines.map((line) => {
          const phase = byPhase.get(line.phase);
          return (
            <li key={`${line.phase}-${line.kind}`} data-kind={line.kind} data-phase={line.phase}>
              <span className="run-line">
                {line.at !== null ? <time dateTime={line.at}>{clockTime(line.at)}</time> : <span className="run-line-pending">waiting</span>}{' '}
                <span className="run-line-sep">–</span> <span className="run-line-text">{line.text}</span>
              </span>
              {line.kind === 'start' && phase?.status === 'running' && <PhaseProgress phase={phase} />}
            </li>
          );
        })}
      </ol>
      <p className="hint">
        Run <span className="code">{run.runId}</span> · <a href={`#/sync-log?runId=${encodeURIComponent(run.runId)}`}>Its records in the sync log</a>
      </p>
      {failedTotal(run) > 0 && <FailedRecords run={run} />}
    </div>
  );
}

function PhaseProgress({ phase }: { phase: RunPhase }) {
  const id = useId();
  const progress = phaseProgress(phase);
  return (
    <div className="phase-progress">
      <label htmlFor={id}>
        {PHASE_LABELS[phase.phase]}: {progress === undefined ? 'finding the records to send…' : `${progress.settled} of ${progress.queued} settled`}
      </label>
      {/* Without a value the bar is indeterminate: the phase's owner has not answered with its figures yet. */}
      {progress === undefined ? <progress id={id} /> : <progress id={id} max={progress.queued} value={progress.settled} />}
    </div>
  );
}

/** The run's failures, each with its reason and the way to its sync-log line (where it can be retried). */
function FailedRecords({ run }: { run: Run }) {
  const { api, session } = useConsole();
  const tenant = session.tenant;
  const total = failedTotal(run);
  const failed = useLoad(
    async () => unwrap(await api.mapping.GET('/v1/tenants/{tenant}/sync-runs/{runId}/records', { params: { path: { tenant, runId: run.runId }, query: { outcome: 'failed', limit: FAILED_PAGE } } })),
    // Read again when the count moves, not on every poll.
    `${run.runId}|${total}|${isActive(run)}`,
  );
  return (
    <section className="failed-records" aria-labelledby={`failed-${run.runId}`}>
      <h3 id={`failed-${run.runId}`}>
        Failed records ({total})
      </h3>
      {failed.state === 'loading' && <Loading label="Loading the failed records…" />}
      {failed.state === 'error' && <ErrorBox error={failed.error} onRetry={failed.reload} title="Could not load the failed records." />}
      {failed.state === 'ready' && (
        <>
          <div className="table-scroll">
            <table className="table table-compact">
              <thead>
                <tr>
                  <th scope="col">Record</th>
                  <th scope="col">Phase</th>
                  <th scope="col">Reason</th>
                  <th scope="col">
                    <span className="visually-hidden">Sync log</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {failed.data.records.map((r: RunRecord) => (
                  <tr key={`${r.entity}|${r.platformId}`} data-platform-id={r.platformId}>
                    <td>
                      <span className="entity">{r.entity}</span> {r.platformId}
                    </td>
                    <td>{PHASE_LABELS[r.phase as RunPhase['phase']] ?? r.phase}</td>
                    <td className="reason">{r.reason === null ? '—' : <ReasonText reason={r.reason} />}</td>
                    <td className="nowrap">
                      <a href={`#/sync-log?entity=${encodeURIComponent(r.entity)}&platformId=${encodeURIComponent(r.platformId)}`} aria-label={`Open in sync log: ${r.entity} ${r.platformId}`}>
                        Open in sync log
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="hint">
            Fix the cause (a mapping, the record), then retry them from the <a href="#/sync-log?outcome=failed">sync log</a>
            {failed.data.next !== null ? ` (the first ${failed.data.records.length} are listed here)` : ''}.
          </p>
        </>
      )}
    </section>
  );
}

function RunHistory({ reloadKey, selected }: { reloadKey: number; selected: Pick<Run, 'runId' | 'status'> | undefined }) {
  const { api, session } = useConsole();
  const tenant = session.tenant;
  const [older, setOlder] = useState<{ runs: Run[]; next: string | null } | undefined>();
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<Error | undefined>();
  const history = useLoad(async () => {
    setOlder(undefined);
    return unwrap(await api.mapping.GET('/v1/tenants/{tenant}/sync-runs', { params: { path: { tenant }, query: { limit: HISTORY_PAGE } } }));
  }, `${tenant}|${reloadKey}`);
  const runs = history.state === 'ready' ? [...history.data.runs, ...(older?.runs ?? [])] : [];
  const next = older?.next ?? (history.state === 'ready' ? history.data.next : null);

  // The run shown above started, moved on or ended since the list was read (or came from elsewhere): read the list again, once per change.
  const stale = selected !== undefined && history.state === 'ready' && !runs.some((r) => r.runId === selected.runId && r.status === selected.status);
  const tried = useRef(new Set<string>());
  const reloadHistory = history.reload;
  useEffect(() => {
    if (!stale || selected === undefined) return;
    const key = `${selected.runId}|${selected.status}`;
    if (tried.current.has(key)) return;
    tried.current.add(key);
    reloadHistory();
  }, [stale, selected, reloadHistory]);

  const loadMore = async (): Promise<void> => {
    if (next === null) return;
    setLoadingMore(true);
    setMoreError(undefined);
    try {
      const page = unwrap(await api.mapping.GET('/v1/tenants/{tenant}/sync-runs', { params: { path: { tenant }, query: { limit: HISTORY_PAGE, before: next } } }));
      setOlder((prev) => ({ runs: [...(prev?.runs ?? []), ...page.runs], next: page.next }));
    } catch (err) {
      setMoreError(errorOf(err));
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <Card title="Synchronization history">
      {history.state === 'loading' && <Loading label="Loading the synchronizations…" />}
      {history.state === 'error' && <ErrorBox error={history.error} onRetry={history.reload} title="Could not load the synchronizations." />}
      {history.state === 'ready' && runs.length === 0 && (
        <Empty title="No synchronizations yet.">
          <p>Every Enable Integration, Synchronize now and bulk retry is listed here with how it went.</p>
        </Empty>
      )}
      {runs.length > 0 && (
        <div className="table-scroll">
          <table className="table run-history">
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">What, by whom</th>
                <th scope="col">Status</th>
                <th scope="col" className="hide-narrow">
                  Ended
                </th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr key={r.runId} data-run-id={r.runId} className={r.runId === selected?.runId ? 'row-selected' : undefined}>
                  <td className="run-started">
                    <a href={runHref(r.runId)} aria-current={r.runId === selected?.runId ? 'true' : undefined} aria-label={`${clockTime(r.startedAt ?? r.createdAt)}: details of this ${RUN_KINDS[r.kind]}`}>
                      <DateTime iso={r.startedAt ?? r.createdAt} />
                    </a>
                  </td>
                  <td>
                    {RUN_KINDS[r.kind]}
                    <div className="hint">by {startedByText(r)}</div>
                  </td>
                  <td>
                    <Badge value={r.status} />
                  </td>
                  <td className="nowrap hide-narrow">{isActive(r) ? 'running' : clockTime(r.endedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {moreError !== undefined && <ErrorBox error={moreError} title="Could not load older synchronizations." />}
      {next !== null && history.state === 'ready' && (
        <button type="button" className="btn btn-secondary" onClick={() => void loadMore()} disabled={loadingMore}>
          {loadingMore ? 'Loading…' : 'Show older synchronizations'}
        </button>
      )}
    </Card>
  );
}

/** `2026-12-02 10:15:03` that wraps between the date and the time only (phone width). */
function DateTime({ iso }: { iso: string }) {
  const [day, time] = clockTime(iso).split(' ');
  return (
    <>
      <span className="nowrap">{day}</span> <span className="nowrap">{time}</span>
    </>
  );
}
