/**
 * Which URLs an endpoint may have, and which addresses a delivery may connect to (SSRF guard).
 * A webhook URL is chosen by a tenant's admin, so the service must not be turned into a way to
 * reach the cloud metadata service or the machine it runs on:
 * - link-local addresses (169.254.0.0/16, fe80::/10: the metadata endpoints of AWS, GCP, Azure …),
 *   the unspecified addresses (0.0.0.0/8, ::) and the metadata host names are always refused;
 * - loopback (127.0.0.0/8, ::1, localhost) only when the deployment allows it (tests, the demo).
 * The URL is checked when it is saved, and every address a host name resolves to is checked again
 * when a delivery connects (a name may point anywhere, and may change). Pure: no I/O.
 */
import { isIP } from 'node:net';

export interface AddressPolicy {
  /** Allow 127.0.0.0/8, ::1 and localhost (tests and the demo only). */
  allowLoopback: boolean;
}

/** Host names that are the metadata service or the machine itself, whatever they resolve to. */
const METADATA_HOSTS = new Set(['metadata.google.internal', 'metadata', 'metadata.azure.internal', 'instance-data', 'instance-data.ec2.internal']);

function ipv4Octets(ip: string): number[] | undefined {
  const parts = ip.split('.').map(Number);
  return parts.length === 4 && parts.every((p) => Number.isInteger(p) && p >= 0 && p <= 255) ? parts : undefined;
}

/** The IPv4 address inside an IPv4-mapped or -compatible IPv6 address (`::ffff:169.254.169.254`), if any. */
function embeddedIpv4(ip: string): string | undefined {
  const m = /^::(?:ffff:)?(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (m) return m[1];
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(ip);
  if (hex) {
    const hi = parseInt(hex[1] as string, 16);
    const lo = parseInt(hex[2] as string, 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return undefined;
}

export type AddressClass = 'link_local' | 'loopback' | 'unspecified' | 'public_or_private';

/** Classifies an IP address (v4 or v6, no brackets). */
export function classifyAddress(ip: string): AddressClass {
  const version = isIP(ip);
  if (version === 4) {
    const [a, b] = ipv4Octets(ip) as number[];
    if (a === 169 && b === 254) return 'link_local';
    if (a === 127) return 'loopback';
    if (a === 0) return 'unspecified';
    return 'public_or_private';
  }
  if (version === 6) {
    const lower = ip.toLowerCase();
    const v4 = embeddedIpv4(lower);
    if (v4 !== undefined) return classifyAddress(v4);
    if (lower === '::1') return 'loopback';
    if (lower === '::') return 'unspecified';
    // fe80::/10, and AWS's IPv6 metadata address fd00:ec2::254.
    if (/^fe[89ab][0-9a-f]?:/.test(lower) || lower === 'fd00:ec2::254') return 'link_local';
    return 'public_or_private';
  }
  return 'public_or_private';
}

/** Why a delivery may not connect to `ip`, or undefined when it may. */
export function addressProblem(ip: string, policy: AddressPolicy): string | undefined {
  switch (classifyAddress(ip)) {
    case 'link_local':
      return 'link-local and metadata addresses (169.254.0.0/16, fe80::/10) are refused';
    case 'unspecified':
      return 'the unspecified address is refused';
    case 'loopback':
      return policy.allowLoopback ? undefined : 'loopback addresses are refused (WEBHOOKS_ALLOW_LOOPBACK is off)';
    default:
      return undefined;
  }
}

/** Why a host name (not an IP) is refused before any lookup, or undefined. */
export function hostNameProblem(host: string, policy: AddressPolicy): string | undefined {
  const name = host.toLowerCase().replace(/\.$/, '');
  if (METADATA_HOSTS.has(name)) return 'metadata host names are refused';
  if (name === 'localhost' || name.endsWith('.localhost')) {
    return policy.allowLoopback ? undefined : 'localhost is refused (WEBHOOKS_ALLOW_LOOPBACK is off)';
  }
  return undefined;
}

export const MAX_URL_LENGTH = 2048;

/** Why `value` cannot be an endpoint URL, or undefined when it can. */
export function endpointUrlProblem(value: string, policy: AddressPolicy): string | undefined {
  if (value.length > MAX_URL_LENGTH) return `a URL has at most ${MAX_URL_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'not a URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `only http and https URLs are allowed, not ${url.protocol.replace(/:$/, '')}`;
  // Credentials in a URL end up in logs and proxies: the signature authenticates us to the receiver instead.
  if (url.username !== '' || url.password !== '') return 'a URL with user:password@ is refused; the receiver verifies the signature instead';
  if (url.hostname === '') return 'the URL has no host';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return isIP(host) === 0 ? hostNameProblem(host, policy) : addressProblem(host, policy);
}

/** Scheme, host and port of a URL: what may be shown where the path or query (a token) may not. */
export function originOf(value: string): string {
  return new URL(value).origin;
}
