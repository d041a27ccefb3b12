import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

// Server-side request forgery: a webhook URL is typed by an admin but called by the server, from
// inside its network. Unless the deployment allows it (SAYSO_WEBHOOK_ALLOW_PRIVATE, for tests and
// receivers on the same machine), only globally routable unicast addresses may be called: never
// loopback, private (RFC 1918), link-local (169.254/16 with the cloud metadata service, fe80::/10),
// unique-local (fc00::/7), unspecified, carrier-grade NAT, multicast, reserved, nor IPv6 forms that
// embed an IPv4 address (IPv4-mapped, NAT64, 6to4, Teredo). ipaddr.js classifies the addresses: it
// knows every special-purpose range of both families, which a hand-written list would miss some of.

/** An address a host name resolved to, as `dns.lookup` answers it. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has (default: the system resolver, as connections use). */
export type HostLookup = (hostname: string) => Promise<ResolvedAddress[]>;

/** Which webhook destinations the server may call. */
export interface WebhookAddressPolicy {
  /** Loopback, private and link-local destinations allowed (SAYSO_WEBHOOK_ALLOW_PRIVATE=true). */
  allowPrivate: boolean;
  /** Tests stand in for DNS with it. */
  lookup?: HostLookup;
}

/** A destination the policy refuses, or a host that does not resolve; `message` says which. */
export class RefusedDestination extends Error {
  override name = 'RefusedDestination';
}

const systemLookup: HostLookup = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));

/** A globally routable unicast address, IPv4-mapped IPv6 judged as the IPv4 address it maps. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

/** The URL's host without the brackets of an IPv6 literal. */
const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

/** Why a URL cannot be a webhook destination by its form alone; `undefined` when it can. */
export function webhookUrlProblem(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'url must be an absolute http:// or https:// URL.';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `url must use https or http, not ${url.protocol.slice(0, -1)}.`;
  if (!url.hostname) return 'url must name a host.';
  return undefined;
}

/**
 * The addresses the server may connect to for `url`: every address its host resolves to must be
 * allowed (a name that resolves to a public and a private address is refused, since either may be
 * picked). An IP literal is judged as it is. Throws {@link RefusedDestination}.
 */
export async function permittedAddresses(url: URL, policy: WebhookAddressPolicy): Promise<ResolvedAddress[]> {
  const host = hostOf(url);
  const literal = isIP(host);
  let addresses: ResolvedAddress[];
  if (literal) {
    addresses = [{ address: host, family: literal === 6 ? 6 : 4 }];
  } else {
    try {
      addresses = await (policy.lookup ?? systemLookup)(host);
    } catch (error) {
      throw new RefusedDestination(`The host "${host}" does not resolve (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
    }
    if (addresses.length === 0) throw new RefusedDestination(`The host "${host}" does not resolve.`);
  }
  if (policy.allowPrivate) return addresses;
  const refused = addresses.find((resolved) => !isPublicAddress(resolved.address));
  if (refused) {
    const how = literal ? '' : ` resolves to ${refused.address}, which`;
    throw new RefusedDestination(
      `The host "${host}"${how} is not a public address (loopback, private, link-local and other special ranges are refused; SAYSO_WEBHOOK_ALLOW_PRIVATE=true allows them).`,
    );
  }
  return addresses;
}
