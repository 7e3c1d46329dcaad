/**
 * Sign-in: the same JWTs as the APIs. A link like `/#token=<jwt>` (printed by `make demo`) signs the
 * browser in: the token is kept in this tab's sessionStorage and removed from the address bar at once
 * (a fragment never reaches a server or its logs). The claims only decide what the page shows and
 * enables; every request is authorized by the services themselves.
 */
export type Role = 'viewer' | 'admin' | 'owner';

export interface Session {
  token: string;
  tenant: string;
  role: Role;
  subject: string;
  expiresAt: Date | undefined;
}

const KEY = 'ledgerbus.console.token';

function decodeClaims(token: string): Record<string, unknown> | undefined {
  const part = token.split('.')[1];
  if (part === undefined) return undefined;
  try {
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    const claims: unknown = JSON.parse(json);
    return typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The session a token gives, or the reason it gives none. */
export function sessionFromToken(token: string): Session | { problem: string } {
  const claims = decodeClaims(token.trim());
  if (claims === undefined) return { problem: 'That is not a JWT.' };
  const { tenant, role, sub, exp } = claims;
  if (typeof tenant !== 'string' || tenant === '*' || tenant === '') return { problem: 'The token names no tenant.' };
  if (role !== 'viewer' && role !== 'admin' && role !== 'owner') return { problem: 'The token has no console role (viewer, admin or owner).' };
  const expiresAt = typeof exp === 'number' ? new Date(exp * 1000) : undefined;
  if (expiresAt !== undefined && expiresAt.getTime() <= Date.now()) return { problem: 'The token has expired; sign in again.' };
  return { token: token.trim(), tenant, role, subject: typeof sub === 'string' ? sub : 'unknown', expiresAt };
}

/** Reads `#token=` (then forgets it in the address bar) or the tab's stored token. */
export function loadSession(): Session | { problem: string } | undefined {
  const hash = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const fromLink = hash.get('token');
  if (fromLink !== null) {
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/connection`);
    const session = sessionFromToken(fromLink);
    if ('token' in session) sessionStorage.setItem(KEY, session.token);
    return session;
  }
  const stored = sessionStorage.getItem(KEY);
  if (stored === null) return undefined;
  const session = sessionFromToken(stored);
  if (!('token' in session)) sessionStorage.removeItem(KEY);
  return session;
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(KEY, session.token);
}

export function signOut(): void {
  sessionStorage.removeItem(KEY);
}

export const canChange = (role: Role): boolean => role === 'admin' || role === 'owner';
export const canDisconnect = (role: Role): boolean => role === 'owner';
