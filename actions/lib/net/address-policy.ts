import ipaddr from 'ipaddr.js';

/**
 * Whether an address is on the public internet. Only ipaddr.js's `unicast` range passes: private (RFC 1918),
 * loopback, link-local (169.254.0.0/16, where cloud metadata services such as 169.254.169.254 live), CGNAT
 * (100.64.0.0/10, Alibaba's metadata 100.100.100.200), unique-local IPv6 (fd00:ec2::254), multicast, reserved and
 * unspecified addresses are refused. IPv4-mapped IPv6 (::ffff:127.0.0.1) is judged as the IPv4 address it carries;
 * NAT64 and 6to4 forms are refused because they can carry any IPv4 address, and so is the whole deprecated
 * IPv4-compatible block ::/96 (RFC 4291 section 2.5.5.1: ::7f00:1 is 127.0.0.1, ::a9fe:a9fe is 169.254.169.254),
 * which ipaddr.js classes as unicast.
 */
export function isPublicAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!ipaddr.isValid(bare)) return false;
  let parsed = ipaddr.parse(bare);
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) parsed = v6.toIPv4Address();
    else if (v6.parts.slice(0, 6).every((part) => part === 0)) return false;
  }
  return parsed.range() === 'unicast';
}

export type AddressPolicy = (address: string) => boolean;
