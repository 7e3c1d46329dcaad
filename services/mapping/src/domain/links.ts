/** The link status a platform record's page shows (no I/O). */
export type LinkStatus = 'linked' | 'not_linked' | 'failed';

export interface LinkView {
  entity: string;
  platformId: string;
  status: LinkStatus;
  qboId: string | null;
  /** "linked to QBO #123", "not linked", "sync failed: …". */
  label: string;
}

export function linkView(
  entity: string,
  platformId: string,
  link: { qboId: string } | undefined,
  lastFailure: { reason: string | null } | undefined,
): LinkView {
  if (link !== undefined) {
    return { entity, platformId, status: 'linked', qboId: link.qboId, label: `linked to QBO #${link.qboId}` };
  }
  if (lastFailure !== undefined) {
    return { entity, platformId, status: 'failed', qboId: null, label: `sync failed: ${lastFailure.reason ?? 'no reason given'}` };
  }
  return { entity, platformId, status: 'not_linked', qboId: null, label: 'not linked' };
}
