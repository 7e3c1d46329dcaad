import { createContext, useCallback, useContext, useEffect, useId, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { ApiError } from './api/client';
import type { Clients } from './api/client';
import type { Session } from './session';

export interface ConsoleContext {
  session: Session;
  api: Clients;
}

export const Ctx = createContext<ConsoleContext | undefined>(undefined);

export function useConsole(): ConsoleContext {
  const ctx = useContext(Ctx);
  if (ctx === undefined) throw new Error('useConsole outside the console');
  return ctx;
}

export type Loaded<T> = { state: 'loading' } | { state: 'error'; error: ApiError | Error } | { state: 'ready'; data: T };

/** Loads once per `key` change; `reload()` fetches again while keeping the current data on screen. */
export function useLoad<T>(load: () => Promise<T>, key: string): Loaded<T> & { reload: () => void } {
  const [value, setValue] = useState<Loaded<T>>({ state: 'loading' });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    let live = true;
    loadRef.current().then(
      (data) => live && setValue({ state: 'ready', data }),
      (error: unknown) => live && setValue({ state: 'error', error: error instanceof Error ? error : new Error(String(error)) }),
    );
    return () => {
      live = false;
    };
  }, [key, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...value, reload };
}

export function Loading({ label }: { label: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

export function ErrorBox({ error, onRetry, title }: { error: Error; onRetry?: () => void; title?: string }) {
  const code = error instanceof ApiError ? error.code : undefined;
  return (
    <div className="notice notice-error" role="alert">
      <strong>{title ?? 'Something went wrong.'}</strong> {error.message}
      {code !== undefined && <span className="code"> ({code})</span>}
      {onRetry !== undefined && (
        <button type="button" className="btn btn-secondary btn-small" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <p className="empty-title">{title}</p>
      {children}
    </div>
  );
}

export function Card({ title, children, actions, id }: { title: string; children: ReactNode; actions?: ReactNode; id?: string }) {
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId} id={id}>
      <header className="card-header">
        <h2 id={headingId}>{title}</h2>
        {actions}
      </header>
      {children}
    </section>
  );
}

const STATUS_LABELS: Record<string, string> = {
  connected: 'Connected',
  reauthorization_required: 'Reauthorization required',
  disconnected: 'Disconnected',
  succeeded: 'Succeeded',
  failed: 'Failed',
  skipped: 'Skipped',
  held: 'Held',
  requested: 'Requested',
  info: 'Info',
  queued: 'Queued',
  running: 'Running',
  partially_failed: 'Partially failed',
  cancelled: 'Cancelled',
  enabled: 'Enabled',
  not_enabled: 'Not enabled',
  interrupted: 'Interrupted',
  proposed: 'To approve',
  needs_attention: 'Needs attention',
  imported: 'Imported',
  linked: 'Linked',
  refused: 'Refused',
  stale: 'Stale',
  current: 'Up to date',
  pending: 'Waiting for import',
};

export function Badge({ value }: { value: string }) {
  return <span className={`badge badge-${value}`}>{STATUS_LABELS[value] ?? value}</span>;
}

/** A labelled control with its hint and the API's error for it (aria-describedby points at both). */
export function Field({ label, hint, error, children }: { label: string; hint?: string; error?: string; children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ReactNode }) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint !== undefined ? hintId : undefined, error !== undefined ? errorId : undefined].filter(Boolean).join(' ');
  return (
    <div className={`field${error !== undefined ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, ...(describedBy === '' ? {} : { 'aria-describedby': describedBy }), ...(error !== undefined ? { 'aria-invalid': true } : {}) })}
      {hint !== undefined && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      {error !== undefined && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

export function formatTime(iso: string | null | undefined): string {
  if (iso === null || iso === undefined) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Shown instead of the save buttons for viewers. */
export function ReadOnlyNote() {
  return <p className="notice notice-info">You have view access. An admin or the account owner can change these settings.</p>;
}

/** Hold and skip reasons in words (the code stays visible next to it). */
const REASONS: Record<string, string> = {
  not_connected: 'QuickBooks is not connected',
  settings_missing: 'the sync settings are not saved yet',
  sync_disabled: 'sync is off (the integration is disabled, or this kind of record is off)',
  customer_not_synced: 'its customer is not in QuickBooks yet',
  invoice_not_synced: 'its invoice is not in QuickBooks yet',
  sync_data_after: 'dated before "sync data after"',
  before_sync_data_after: 'dated before "sync data after"',
  market_segment: 'not in the chosen market segment',
};

export function ReasonText({ reason }: { reason: string }) {
  const words = REASONS[reason];
  // A message in words reads as text; only a bare code is set as code.
  if (words === undefined) return /\s/.test(reason.trim()) ? <span className="reason-text">{reason}</span> : <span className="code">{reason}</span>;
  return (
    <>
      {words} <span className="code">({reason})</span>
    </>
  );
}
