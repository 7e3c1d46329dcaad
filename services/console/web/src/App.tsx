import { useEffect, useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { createClients } from './api/client';
import { AuditPage } from './pages/Audit';
import { ConnectionPage } from './pages/Connection';
import { MappingsPage } from './pages/Mappings';
import { MetricsPage } from './pages/Metrics';
import { OnboardingPage } from './pages/Onboarding';
import { SettingsPage } from './pages/Settings';
import { SyncPage } from './pages/Sync';
import { SyncLogPage } from './pages/SyncLog';
import { loadSession, saveSession, sessionFromToken, signOut } from './session';
import type { Session } from './session';
import { Ctx } from './ui';

const PAGES = [
  { route: 'connection', title: 'Connection' },
  { route: 'settings', title: 'Sync settings' },
  { route: 'mappings', title: 'Mappings' },
  { route: 'sync', title: 'Synchronize' },
  { route: 'sync-log', title: 'Sync log' },
  { route: 'onboarding', title: 'Onboarding import' },
  { route: 'metrics', title: 'Metrics' },
  { route: 'audit', title: 'Audit' },
] as const;
type Route = (typeof PAGES)[number]['route'];

/** `#/sync-log?outcome=failed` → the route and its parameters (links between pages carry filters and run ids). */
function routeOf(hash: string): { route: Route; query: string } {
  const [name = '', query = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  return { route: PAGES.find((p) => p.route === name)?.route ?? 'connection', query };
}

const ROLE_LABEL = { viewer: 'Viewer', admin: 'Admin', owner: 'Owner' } as const;

/**
 * Embedding parameters a SaaS platform passes in the frame's URL: /embed?accent=%23RRGGBB&logo=https://…/logo.svg
 * (the server answers 400 naming a bad one on /embed; here a bad one is ignored, as on any other path).
 */
function embedding(): { accent: string | undefined; logo: string | undefined; embedded: boolean } {
  const params = new URLSearchParams(window.location.search);
  const accent = params.get('accent') ?? undefined;
  const logo = params.get('logo') ?? undefined;
  return {
    accent: accent !== undefined && /^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(accent) ? accent : undefined,
    logo: logo !== undefined && logo.length <= 2048 && /^(https:\/\/|\/(?!\/))[^\s"'<>\\]+$/.test(logo) ? logo : undefined,
    embedded: /^\/embed\/?$/.test(window.location.pathname),
  };
}

/** Text on the accent colour: white on a dark accent, near-black on a light one (WCAG relative luminance). */
export function inkOn(accent: string): string {
  const hex = accent.length === 4 ? accent.slice(1).replace(/./g, (c) => c + c) : accent.slice(1, 7);
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // Contrast with white (1.05 / (L + 0.05)) against contrast with #1d2330 ((L + 0.05) / 0.0675).
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.0675 ? '#ffffff' : '#1d2330';
}

export function App() {
  const [initial] = useState(() => loadSession());
  const [session, setSession] = useState<Session | undefined>(initial !== undefined && 'token' in initial ? initial : undefined);
  const [{ route, query }, setLocation] = useState(() => routeOf(window.location.hash));
  const [returned] = useState(() => {
    // Back from Intuit: the connector's callback redirects here with ?status=…&realmId=…
    const params = new URLSearchParams(window.location.search);
    const status = params.get('status');
    const realmId = params.get('realmId');
    return status !== null && realmId !== null ? { status, realmId } : undefined;
  });
  const brand = useMemo(embedding, []);

  useEffect(() => {
    const onHash = () => setLocation(routeOf(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    if (brand.accent === undefined) return;
    document.documentElement.style.setProperty('--accent', brand.accent);
    const ink = inkOn(brand.accent);
    document.documentElement.style.setProperty('--accent-ink', ink);
    // A light accent is too pale for link text on white: links keep the default blue then.
    if (ink !== '#ffffff') document.documentElement.style.setProperty('--accent-text', '#2456c9');
  }, [brand.accent]);
  useEffect(() => {
    document.documentElement.classList.toggle('embedded', brand.embedded);
  }, [brand.embedded]);
  useEffect(() => {
    const page = PAGES.find((p) => p.route === route);
    document.title = `${page?.title ?? 'Console'} · QuickBooks integration`;
  }, [route]);

  const api = useMemo(() => createClients(() => session?.token ?? ''), [session]);

  if (session === undefined) {
    return <SignIn problem={initial !== undefined && 'problem' in initial ? initial.problem : undefined} onSignIn={setSession} logo={brand.logo} />;
  }
  return (
    <Ctx.Provider value={{ session, api }}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="brand">
          {brand.logo !== undefined && <img src={brand.logo} alt="" className="logo" />}
          <span className="product">Settings › Integrations › QuickBooks</span>
        </div>
        <div className="who">
          <span>
            {session.subject} · <strong>{ROLE_LABEL[session.role]}</strong> · {session.tenant}
          </span>
          <button
            type="button"
            className="btn btn-link"
            onClick={() => {
              signOut();
              setSession(undefined);
            }}
          >
            Sign out
          </button>
        </div>
      </header>
      <div className="layout">
        <nav className="nav" aria-label="Console sections">
          <ul>
            {PAGES.map((p) => (
              <li key={p.route}>
                <a href={`#/${p.route}`} aria-current={p.route === route ? 'page' : undefined}>
                  {p.title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" tabIndex={-1}>
          <h1>{PAGES.find((p) => p.route === route)?.title}</h1>
          {route === 'connection' && <ConnectionPage returned={returned} />}
          {route === 'settings' && <SettingsPage />}
          {route === 'mappings' && <MappingsPage />}
          {route === 'sync' && <SyncPage runParam={new URLSearchParams(query).get('run') ?? undefined} />}
          {/* Keyed by its filters: a link with other filters starts the page afresh. */}
          {route === 'sync-log' && <SyncLogPage key={query} filters={new URLSearchParams(query)} />}
          {route === 'onboarding' && <OnboardingPage runParam={new URLSearchParams(query).get('run') ?? undefined} />}
          {route === 'metrics' && <MetricsPage metricParam={new URLSearchParams(query).get('metric') ?? undefined} />}
          {route === 'audit' && <AuditPage />}
        </main>
      </div>
    </Ctx.Provider>
  );
}

function SignIn({ problem, onSignIn, logo }: { problem: string | undefined; onSignIn: (s: Session) => void; logo: string | undefined }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState(problem);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const session = sessionFromToken(token);
    if ('problem' in session) return setError(session.problem);
    saveSession(session);
    onSignIn(session);
  };
  return (
    <main className="signin" id="main">
      {logo !== undefined && <img src={logo} alt="" className="logo" />}
      <h1>Sign in to the QuickBooks integration</h1>
      <p>Paste the access token (JWT) your platform issued for you. It stays in this browser tab only.</p>
      <form onSubmit={submit}>
        <div className={`field${error !== undefined ? ' field-invalid' : ''}`}>
          <label htmlFor="token">Access token</label>
          <textarea id="token" rows={4} value={token} onChange={(e) => setToken(e.target.value)} aria-invalid={error !== undefined} aria-describedby={error !== undefined ? 'token-error' : undefined} />
          {error !== undefined && (
            <p className="field-error" id="token-error">
              {error}
            </p>
          )}
        </div>
        <button type="submit" className="btn btn-primary">
          Sign in
        </button>
      </form>
    </main>
  );
}
