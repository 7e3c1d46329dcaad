import { useEffect, useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { createClients } from './api/client';
import { AuditPage } from './pages/Audit';
import { ConnectionPage } from './pages/Connection';
import { MappingsPage } from './pages/Mappings';
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
  { route: 'audit', title: 'Audit' },
] as const;
type Route = (typeof PAGES)[number]['route'];

/** `#/sync-log?outcome=failed` → the route and its parameters (links between pages carry filters and run ids). */
function routeOf(hash: string): { route: Route; query: string } {
  const [name = '', query = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  return { route: PAGES.find((p) => p.route === name)?.route ?? 'connection', query };
}

const ROLE_LABEL = { viewer: 'Viewer', admin: 'Admin', owner: 'Owner' } as const;

/** Embedding parameters a SaaS platform passes in the frame's URL: ?accent=%23RRGGBB&logo=https://…/logo.svg */
function embedding(): { accent: string | undefined; logo: string | undefined } {
  const params = new URLSearchParams(window.location.search);
  const accent = params.get('accent') ?? undefined;
  const logo = params.get('logo') ?? undefined;
  return {
    accent: accent !== undefined && /^#[0-9a-fA-F]{3,8}$/.test(accent) ? accent : undefined,
    logo: logo !== undefined && /^(https:\/\/|\/)[^\s"'<>]+$/.test(logo) ? logo : undefined,
  };
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
    if (brand.accent !== undefined) document.documentElement.style.setProperty('--accent', brand.accent);
  }, [brand.accent]);
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
