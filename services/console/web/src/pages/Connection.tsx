import { useEffect, useRef, useState } from 'react';
import { ApiError, unwrap } from '../api/client';
import type { ConnectorPaths } from '../api/client';
import { canChange, canDisconnect } from '../session';
import { Badge, Card, Empty, ErrorBox, Loading, formatTime, useConsole, useLoad } from '../ui';
import { UsageCard } from './Usage';

type ConnectionBody = ConnectorPaths['/v1/tenants/{tenant}/connection']['get']['responses'][200]['content']['application/json'];
type Connection = ConnectionBody['connection'];

/** What stops when the owner disconnects (shown in the confirmation). */
const STOPS = [
  'Customers, invoices and payments stop going to QuickBooks: new records are held until you connect again.',
  'Changes made in QuickBooks (webhooks and change polling) stop reaching the platform.',
  "ledgerbus's access is revoked at Intuit and the stored tokens are destroyed.",
  'Your settings, mappings and the sync log are kept for when you reconnect.',
];

export function ConnectionPage({ returned }: { returned: { status: string; realmId: string } | undefined }) {
  const { api, session } = useConsole();
  const tenant = session.tenant;
  const connection = useLoad<Connection | null>(async () => {
    const result = await api.connector.GET('/v1/tenants/{tenant}/connection', { params: { path: { tenant } } });
    if (result.response.status === 404) return null;
    return unwrap(result).connection;
  }, tenant);
  const [busy, setBusy] = useState<'connect' | 'disconnect' | undefined>();
  const [actionError, setActionError] = useState<Error | undefined>();
  const [notice, setNotice] = useState<string | undefined>(returned?.status === 'connected' ? 'QuickBooks is connected.' : undefined);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    if (returned === undefined) return;
    // Back from Intuit's consent: forget the callback's parameters in the address bar.
    window.history.replaceState(null, '', `${window.location.pathname}#/connection`);
  }, [returned]);

  const connect = async (realmId?: string): Promise<void> => {
    setBusy('connect');
    setActionError(undefined);
    try {
      const data = unwrap(await api.connector.GET('/v1/tenants/{tenant}/connection/connect-url', { params: { path: { tenant }, query: realmId === undefined ? {} : { realmId } } }));
      // Intuit's consent page cannot be framed: leave a frame for the whole window.
      (window.top ?? window).location.assign(data.url);
    } catch (err) {
      setActionError(err instanceof Error ? err : new Error(String(err)));
      setBusy(undefined);
    }
  };

  const disconnect = async (): Promise<void> => {
    setBusy('disconnect');
    setActionError(undefined);
    try {
      unwrap(await api.connector.DELETE('/v1/tenants/{tenant}/connection', { params: { path: { tenant } } }));
      dialog.current?.close();
      setNotice('QuickBooks is disconnected.');
      connection.reload();
    } catch (err) {
      setActionError(err instanceof Error ? err : new Error(String(err)));
    } finally {
      setBusy(undefined);
    }
  };

  const mayChange = canChange(session.role);
  const connectButton = (label: string, realmId?: string) =>
    mayChange ? (
      <button type="button" className="btn btn-primary" onClick={() => void connect(realmId)} disabled={busy !== undefined}>
        {busy === 'connect' ? 'Opening QuickBooks…' : label}
      </button>
    ) : (
      <p className="hint">An admin or the account owner can connect QuickBooks.</p>
    );

  return (
    <>
      {notice !== undefined && (
        <p className="notice notice-success" role="status">
          {notice}
        </p>
      )}
      {actionError !== undefined && <ErrorBox error={actionError} title={busy === 'connect' ? 'Could not start the connection.' : 'That did not work.'} />}
      <Card title="QuickBooks Online connection">
        {connection.state === 'loading' && <Loading label="Loading the connection…" />}
        {connection.state === 'error' && <ErrorBox error={connection.error} onRetry={connection.reload} title="Could not load the connection." />}
        {connection.state === 'ready' && connection.data === null && (
          <Empty title="QuickBooks is not connected yet.">
            <p>Connect your QuickBooks Online company to sync customers, invoices and payments. You will sign in at Intuit and choose the company.</p>
            {connectButton('Connect to QuickBooks')}
          </Empty>
        )}
        {connection.state === 'ready' && connection.data !== null && (
          <ConnectionDetails
            connection={connection.data}
            actions={
              <div className="actions">
                {connection.data.status === 'disconnected' && connectButton('Connect to QuickBooks')}
                {connection.data.status === 'reauthorization_required' && connectButton('Reconnect', connection.data.realmId)}
                {connection.data.status !== 'disconnected' &&
                  (canDisconnect(session.role) ? (
                    <button type="button" className="btn btn-danger" onClick={() => dialog.current?.showModal()} disabled={busy !== undefined}>
                      Disconnect…
                    </button>
                  ) : (
                    <p className="hint">Only the account owner can disconnect QuickBooks.</p>
                  ))}
              </div>
            }
          />
        )}
      </Card>
      {connection.state === 'ready' && connection.data !== null && <UsageCard />}
      <dialog ref={dialog} className="dialog" aria-labelledby="disconnect-title" aria-describedby="disconnect-what">
        <h2 id="disconnect-title">Disconnect from QuickBooks?</h2>
        <div id="disconnect-what">
          <p>When you disconnect {connection.state === 'ready' && connection.data !== null ? <strong>{connection.data.companyName}</strong> : 'the company'}:</p>
          <ul>
            {STOPS.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        </div>
        {actionError instanceof ApiError && <ErrorBox error={actionError} />}
        <div className="actions">
          <button type="button" className="btn btn-secondary" onClick={() => dialog.current?.close()} autoFocus>
            Cancel
          </button>
          <button type="button" className="btn btn-danger" onClick={() => void disconnect()} disabled={busy === 'disconnect'}>
            {busy === 'disconnect' ? 'Disconnecting…' : 'Disconnect'}
          </button>
        </div>
      </dialog>
    </>
  );
}

function ConnectionDetails({ connection, actions }: { connection: Connection; actions: React.ReactNode }) {
  const synced = Object.entries(connection.lastSyncByEntity ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return (
    <>
      <dl className="facts">
        <div>
          <dt>Company</dt>
          <dd className="company-name">{connection.companyName}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            <Badge value={connection.status} />
            {connection.statusReason !== undefined && <span className="hint"> {connection.statusReason}</span>}
          </dd>
        </div>
        <div>
          <dt>Company ID (realm)</dt>
          <dd>{connection.realmId}</dd>
        </div>
        <div>
          <dt>Connected by</dt>
          <dd>
            {connection.connectedBy ?? '—'}
            {connection.connectedAt !== undefined && <span className="hint"> on {formatTime(connection.connectedAt)}</span>}
          </dd>
        </div>
        <div>
          <dt>Last QuickBooks webhook</dt>
          <dd>{formatTime(connection.lastWebhookAt)}</dd>
        </div>
      </dl>
      {actions}
      <h3>Last sync from QuickBooks</h3>
      {synced.length === 0 ? (
        <p className="hint">Nothing has been read from QuickBooks yet.</p>
      ) : (
        <table className="table table-compact">
          <thead>
            <tr>
              <th scope="col">Entity</th>
              <th scope="col">Last synced</th>
            </tr>
          </thead>
          <tbody>
            {synced.map(([entity, at]) => (
              <tr key={entity}>
                <td>{entity}</td>
                <td>{formatTime(at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
