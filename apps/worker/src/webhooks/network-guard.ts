import { BlockList, isIP } from 'node:net';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';

/*
 * The SSRF guard: an endpoint's host is resolved and every address checked before connecting, at
 * connect time (the address checked is the address connected to, so a DNS answer that changes in
 * between cannot slip a private address through). Loopback, link-local, private, shared (CGNAT),
 * unspecified, multicast and reserved addresses are refused, unless the endpoint is allowed private
 * addresses or the address is in the operator's allowlist (WEBHOOK_ALLOW_PRIVATE_NETWORKS).
 */

const REFUSED_V4 = [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // shared address space (CGNAT)
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const;

const REFUSED_V6 = [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
  ['64:ff9b::', 96], // NAT64: embeds an IPv4 address
  ['2001:db8::', 32], // documentation
] as const;

const refused = new BlockList();
for (const [address, prefix] of REFUSED_V4) refused.addSubnet(address, prefix, 'ipv4');
for (const [address, prefix] of REFUSED_V6) refused.addSubnet(address, prefix, 'ipv6');

/** An IPv4-mapped IPv6 address (`::ffff:10.0.0.1`) as its IPv4 address. */
const unmapped = (address: string) => (/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1] ?? address);

/** The operator's allowlist, from WEBHOOK_ALLOW_PRIVATE_NETWORKS (comma-separated CIDRs). */
export function allowedNetworks(cidrs: string | undefined): BlockList {
  const allowed = new BlockList();
  for (const cidr of (cidrs ?? '').split(',').map((item) => item.trim()).filter(Boolean)) {
    const [address, prefix] = cidr.split('/') as [string, string];
    allowed.addSubnet(address, Number(prefix), isIP(address) === 6 ? 'ipv6' : 'ipv4');
  }
  return allowed;
}

export class RefusedAddress extends Error {
  constructor(readonly host: string, readonly address: string) {
    super(`refused to connect to ${host} (${address}): a loopback, link-local or private address (allow it for the endpoint, or in WEBHOOK_ALLOW_PRIVATE_NETWORKS)`);
  }
}

/** Whether `address` may be connected to. */
export function isAddressAllowed(address: string, options: { allowPrivate: boolean; allowed: BlockList }): boolean {
  if (options.allowPrivate) return true;
  const plain = unmapped(address);
  const family = isIP(plain) === 6 ? 'ipv6' : 'ipv4';
  return !refused.check(plain, family) || options.allowed.check(plain, family);
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http.request that resolves the host as usual and refuses it if any of its
 * addresses is not allowed (one refused address is enough: a client may connect to any of them).
 */
export function guardedLookup(options: { allowPrivate: boolean; allowed: BlockList }) {
  return (hostname: string, lookupOptions: { all?: boolean }, callback: LookupCallback): void => {
    dnsLookup(hostname, { all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const bad = addresses.find((entry) => !isAddressAllowed(entry.address, options));
      if (bad) return callback(Object.assign(new RefusedAddress(hostname, bad.address), { code: 'ESSRF' }), []);
      if (lookupOptions.all) return callback(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}
