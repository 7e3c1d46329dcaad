import { LedgerbusError } from '@ledgerbus/kit';

/** One reason a valid-looking request cannot be applied, naming its field. */
export interface Violation {
  /** Dotted path of the field in the request body (e.g. "accounts.income"). */
  field: string;
  code: string;
  message: string;
  /** For references into QBO: the object and why it is refused. */
  entity?: string;
  qboId?: string;
  reason?: string;
}

/** HTTP 422: the body parses, but breaks a rule (the first violation's code; all in details). */
export class UnprocessableError extends LedgerbusError {
  readonly violations: Violation[];
  constructor(violations: Violation[]) {
    const first = violations[0];
    if (first === undefined) throw new RangeError('UnprocessableError needs at least one violation');
    const message = violations.map((v) => `${v.field}: ${v.message}`).join('; ');
    super(first.code, message, { statusCode: 422, details: { violations } });
    this.violations = violations;
  }
}

/** HTTP 428: an update must say which version it changes. */
export class PreconditionRequiredError extends LedgerbusError {
  constructor(currentVersion: number) {
    super('if_match_required', 'send If-Match with the ETag of the version you read (GET), so that two admins cannot overwrite each other', {
      statusCode: 428,
      details: { currentEtag: etagOf(currentVersion) },
    });
  }
}

/** HTTP 412: someone else changed it since it was read. */
export class VersionConflictError extends LedgerbusError {
  constructor(currentVersion: number, given: string) {
    super('version_conflict', `the settings changed since you read them (you sent If-Match ${given}, the current ETag is ${etagOf(currentVersion)}); reload and apply your change again`, {
      statusCode: 412,
      details: { currentEtag: etagOf(currentVersion), ifMatch: given },
    });
  }
}

export function etagOf(version: number): string {
  return `"${version}"`;
}

/** True when an If-Match header names this version (`"3"`, `W/"3"`, a list, or `*`). */
export function ifMatchAccepts(ifMatch: string, version: number): boolean {
  const wanted = etagOf(version);
  return ifMatch
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === '*' || t === wanted);
}
