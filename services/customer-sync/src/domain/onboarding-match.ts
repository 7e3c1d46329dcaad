/**
 * Onboarding: propose a platform record for each QBO record (no I/O).
 * - employees by email (case-insensitive); an employee without email needs one;
 * - customers by name and email: the same name and the same email, or the same name
 *   where one side has no email, is a confident match; the same name with different
 *   emails, the same email with another name, or several candidates need an admin;
 * - items by SKU (both have one and they are equal), else by name.
 * A platform record is proposed for at most one QBO record: a second claimant needs an admin.
 */

export type OnboardingEntity = 'customer' | 'employee' | 'item';

export interface DirectoryEntry {
  platformId: string;
  name: string;
  email?: string | undefined;
  sku?: string | undefined;
}

export interface QboCandidate {
  qboId: string;
  name: string;
  email?: string | undefined;
  sku?: string | undefined;
}

export type Proposal =
  | { kind: 'match'; platformId: string; matchedBy: string }
  | { kind: 'import' }
  | { kind: 'attention'; reason: string; message: string; candidates?: string[] };

export function normName(v: string | undefined): string {
  return (v ?? '').trim().replace(/\s+/g, ' ').toLowerCase();
}
function normEmail(v: string | undefined): string | undefined {
  const t = (v ?? '').trim().toLowerCase();
  return t === '' ? undefined : t;
}

interface Index {
  byName: Map<string, DirectoryEntry[]>;
  byEmail: Map<string, DirectoryEntry[]>;
  bySku: Map<string, DirectoryEntry[]>;
}

function push(map: Map<string, DirectoryEntry[]>, key: string | undefined, e: DirectoryEntry): void {
  if (key === undefined || key === '') return;
  const list = map.get(key);
  if (list) list.push(e);
  else map.set(key, [e]);
}

export function indexDirectory(entries: readonly DirectoryEntry[]): Index {
  const index: Index = { byName: new Map(), byEmail: new Map(), bySku: new Map() };
  for (const e of entries) {
    push(index.byName, normName(e.name), e);
    push(index.byEmail, normEmail(e.email), e);
    push(index.bySku, normName(e.sku) || undefined, e);
  }
  return index;
}

function single(list: DirectoryEntry[] | undefined): DirectoryEntry | undefined {
  return list !== undefined && list.length === 1 ? list[0] : undefined;
}

export function proposeEmployee(index: Index, q: QboCandidate): Proposal {
  const email = normEmail(q.email);
  if (email === undefined) {
    return { kind: 'attention', reason: 'employee_email_missing', message: `QBO employee "${q.name}" has no email; add one in QuickBooks (employees are matched by email) or link it by hand.` };
  }
  const list = index.byEmail.get(email);
  const one = single(list);
  if (one) return { kind: 'match', platformId: one.platformId, matchedBy: 'email' };
  if (list && list.length > 1) return { kind: 'attention', reason: 'ambiguous_match', message: `several platform employees have the email ${email}`, candidates: list.map((e) => e.platformId) };
  return { kind: 'import' };
}

export function proposeCustomer(index: Index, q: QboCandidate): Proposal {
  const name = normName(q.name);
  const email = normEmail(q.email);
  const byName = index.byName.get(name) ?? [];
  const byEmail = email === undefined ? [] : (index.byEmail.get(email) ?? []);
  const candidates = [...new Map([...byName, ...byEmail].map((e) => [e.platformId, e])).values()];
  if (candidates.length === 0) return { kind: 'import' };
  const confident = candidates.filter((c) => normName(c.name) === name && (normEmail(c.email) === email || normEmail(c.email) === undefined || email === undefined));
  const best = confident.length === 1 ? confident[0] : undefined;
  if (best && candidates.length === 1) {
    return { kind: 'match', platformId: best.platformId, matchedBy: email !== undefined && normEmail(best.email) === email ? 'name_and_email' : 'name' };
  }
  return {
    kind: 'attention',
    reason: 'ambiguous_match',
    message: `QBO customer "${q.name}" resembles ${candidates.length} platform customer(s) without a confident match (same name and email); link or import it by hand.`,
    candidates: candidates.map((c) => c.platformId),
  };
}

export function proposeItem(index: Index, q: QboCandidate): Proposal {
  const sku = normName(q.sku);
  if (sku !== '') {
    const one = single(index.bySku.get(sku));
    if (one) return { kind: 'match', platformId: one.platformId, matchedBy: 'sku' };
  }
  const list = index.byName.get(normName(q.name));
  const one = single(list);
  if (one) return { kind: 'match', platformId: one.platformId, matchedBy: 'name' };
  if (list && list.length > 1) return { kind: 'attention', reason: 'ambiguous_match', message: `several platform products are named "${q.name}"`, candidates: list.map((e) => e.platformId) };
  return { kind: 'import' };
}

/**
 * Propose for a whole list; a platform record claimed by two QBO records goes to the
 * admin for both (nothing is linked twice).
 */
export function proposeAll(entity: OnboardingEntity, directory: readonly DirectoryEntry[], records: readonly QboCandidate[]): Map<string, Proposal> {
  const index = indexDirectory(directory);
  const propose = entity === 'employee' ? proposeEmployee : entity === 'customer' ? proposeCustomer : proposeItem;
  const out = new Map<string, Proposal>();
  const claims = new Map<string, string[]>();
  for (const r of records) {
    const p = propose(index, r);
    out.set(r.qboId, p);
    if (p.kind === 'match') claims.set(p.platformId, [...(claims.get(p.platformId) ?? []), r.qboId]);
  }
  for (const [platformId, qboIds] of claims) {
    if (qboIds.length < 2) continue;
    for (const id of qboIds) {
      out.set(id, { kind: 'attention', reason: 'ambiguous_match', message: `platform record ${platformId} matches ${qboIds.length} QBO records; link one by hand`, candidates: [platformId] });
    }
  }
  return out;
}
