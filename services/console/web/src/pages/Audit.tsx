import { useState } from 'react';
import { unwrap } from '../api/client';
import type { MappingPaths } from '../api/client';
import { runHref } from '../runs';
import { Card, Empty, ErrorBox, Field, Loading, formatTime, useConsole, useLoad } from '../ui';

type AuditBody = MappingPaths['/v1/tenants/{tenant}/audit']['get']['responses'][200]['content']['application/json'];
type Entry = AuditBody['entries'][number];

/** The resources the mapping service audits (its `resource` column). */
const RESOURCES: Array<{ value: string; label: string }> = [
  { value: '', label: 'Everything' },
  { value: 'settings', label: 'Sync settings and integration' },
  { value: 'mappings', label: 'Mappings' },
  { value: 'sync-runs', label: 'Synchronizations' },
  { value: 'sync-log', label: 'Sync log retries' },
  { value: 'links', label: 'Links to QuickBooks' },
  { value: 'dead-letters', label: 'Dead letters' },
];

const ACTIONS: Record<string, string> = {
  'settings.updated': 'Saved the sync settings',
  'mappings.updated': 'Saved the mappings',
  'integration.enabled': 'Enabled the integration',
  'integration.disabled': 'Disabled the integration',
  'sync_run.started': 'Started a synchronization',
  'sync_run.cancelled': 'Cancelled a synchronization',
  'sync.retry_requested': 'Asked to retry a record',
  'link.created': 'Linked a record to QuickBooks',
  'link.removed': 'Removed a link to QuickBooks',
  'dead_letters.replayed': 'Replayed dead letters',
};
const PAGE = 25;
/** Changed fields shown at once; the rest behind "N more changes". */
const SHOWN = 6;

export interface Change {
  path: string;
  before: string;
  after: string;
}

/** A leaf's value in a few words (objects and arrays as compact JSON). */
function show(value: unknown): string {
  if (value === undefined) return 'not set';
  if (value === null) return 'none';
  if (typeof value === 'string') return value === '' ? '""' : value;
  const text = typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' ? String(value) : (JSON.stringify(value) ?? '');
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

function flatten(value: unknown, prefix: string, out: Map<string, unknown>): void {
  // An empty object has no leaves: `{}` → `{ card: "6" }` reads as one added field, not as two changes.
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) flatten(v, prefix === '' ? k : `${prefix}.${k}`, out);
  } else if (prefix !== '') out.set(prefix, value);
}

/** The fields that differ between `before` and `after`, as "path: before → after" (the compact diff of an audit entry). */
export function diff(before: unknown, after: unknown): Change[] {
  const a = new Map<string, unknown>();
  const b = new Map<string, unknown>();
  flatten(before, '', a);
  flatten(after, '', b);
  const paths = [...new Set([...a.keys(), ...b.keys()])];
  return paths
    .filter((p) => JSON.stringify(a.get(p)) !== JSON.stringify(b.get(p)))
    .map((p) => ({ path: p, before: show(a.get(p)), after: show(b.get(p)) }));
}

function runIdIn(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const id = (value as { runId?: unknown }).runId;
  return typeof id === 'string' ? id : undefined;
}

export function AuditPage() {
  const { api, session } = useConsole();
  const tenant = session.tenant;
  const [resource, setResource] = useState('');
  const [extra, setExtra] = useState<{ entries: Entry[]; next: string | null } | undefined>();
  const [more, setMore] = useState<{ busy: boolean; error?: Error }>({ busy: false });

  const query = (before?: string) => ({ limit: PAGE, ...(resource === '' ? {} : { resource }), ...(before === undefined ? {} : { before }) });
  const log = useLoad(async () => {
    setExtra(undefined);
    return unwrap(await api.mapping.GET('/v1/tenants/{tenant}/audit', { params: { path: { tenant }, query: query() } }));
  }, `${tenant}|${resource}`);
  const entries = log.state === 'ready' ? [...log.data.entries, ...(extra?.entries ?? [])] : [];
  const next = extra?.next ?? (log.state === 'ready' ? log.data.next : null);

  const loadMore = async (): Promise<void> => {
    if (next === null) return;
    setMore({ busy: true });
    try {
      const page = unwrap(await api.mapping.GET('/v1/tenants/{tenant}/audit', { params: { path: { tenant }, query: query(next) } }));
      setExtra((prev) => ({ entries: [...(prev?.entries ?? []), ...page.entries], next: page.next }));
      setMore({ busy: false });
    } catch (err) {
      setMore({ busy: false, error: err instanceof Error ? err : new Error(String(err)) });
    }
  };

  return (
    <Card
      title="Who changed what"
      actions={
        <button type="button" className="btn btn-secondary btn-small" onClick={log.reload}>
          Refresh
        </button>
      }
    >
      <p className="hint audit-intro">Every change to this integration, newest first: by a person or by a service account, with what it was before and after.</p>
      <div className="filters" role="search" aria-label="Filter the audit log">
        <Field label="What changed">
          {(props) => (
            <select {...props} value={resource} onChange={(e) => setResource(e.target.value)}>
              {RESOURCES.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {log.state === 'loading' && <Loading label="Loading the audit log…" />}
      {log.state === 'error' && <ErrorBox error={log.error} onRetry={log.reload} title="Could not load the audit log." />}
      {log.state === 'ready' && entries.length === 0 && (
        <Empty title={resource === '' ? 'No changes yet.' : 'No changes of this kind.'}>
          <p>{resource === '' ? 'Saving the sync settings or mappings, enabling the integration or starting a synchronization shows here with who did it.' : 'Choose "Everything" to see every change.'}</p>
        </Empty>
      )}
      {entries.length > 0 && (
        <ol className="audit-list">
          {entries.map((e) => (
            <AuditItem key={e.id} entry={e} />
          ))}
        </ol>
      )}
      {more.error !== undefined && <ErrorBox error={more.error} onRetry={() => void loadMore()} title="Could not load older changes." />}
      {next !== null && log.state === 'ready' && (
        <button type="button" className="btn btn-secondary" onClick={() => void loadMore()} disabled={more.busy}>
          {more.busy ? 'Loading…' : 'Show older changes'}
        </button>
      )}
    </Card>
  );
}

function AuditItem({ entry }: { entry: Entry }) {
  const changes = diff(entry.before, entry.after);
  const runId = runIdIn(entry.after) ?? runIdIn(entry.before);
  const line = (c: Change) => (
    <li key={c.path}>
      <span className="code">{c.path}</span>: <del>{c.before}</del> <span aria-hidden="true">→</span>
      <span className="visually-hidden"> changed to </span> <ins>{c.after}</ins>
    </li>
  );
  return (
    <li className="audit-entry" data-resource={entry.resource} data-action={entry.action}>
      <div className="audit-head">
        <time dateTime={entry.at} className="audit-time">
          {formatTime(entry.at)}
        </time>
        <span className="audit-actor">
          <strong>{entry.actor.sub}</strong> <span className={`badge ${entry.actor.isService ? 'badge-service' : 'badge-user'}`}>{entry.actor.isService ? 'Service account' : 'User'}</span>
        </span>
      </div>
      <p className="audit-action">
        {ACTIONS[entry.action] ?? entry.action} <span className="code">({entry.action} · {entry.resource})</span>
        {runId !== undefined && (
          <>
            {' '}
            <a href={runHref(runId)}>Open the synchronization</a>
          </>
        )}
      </p>
      {changes.length === 0 ? (
        <p className="hint">No field changed.</p>
      ) : (
        <>
          <ul className="audit-diff" aria-label="Changes">
            {changes.slice(0, SHOWN).map(line)}
          </ul>
          {changes.length > SHOWN && (
            <details className="audit-more">
              <summary>
                {changes.length - SHOWN} more {changes.length - SHOWN === 1 ? 'change' : 'changes'}
              </summary>
              <ul className="audit-diff">{changes.slice(SHOWN).map(line)}</ul>
            </details>
          )}
        </>
      )}
    </li>
  );
}
