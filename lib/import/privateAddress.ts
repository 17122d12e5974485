import { BlockList, isIP } from 'node:net';

/*
 * Addresses a redirect must not lead the importer to: this machine, its network, the cloud's
 * metadata service (169.254.169.254), multicast and the reserved. BlockList also matches an
 * IPv4-mapped IPv6 address (::ffff:127.0.0.1) against the IPv4 ranges.
 */

const IPV4: [string, number][] = [
  ['0.0.0.0', 8], // "this network", 0.0.0.0 included
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, the metadata service
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3], // multicast, reserved, broadcast
];

const IPV6: [string, number][] = [
  ['::', 96], // unspecified, loopback (::1) and the old IPv4-compatible ::a.b.c.d
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local, deprecated
  ['ff00::', 8], // multicast
];

const blocked = new BlockList();
for (const [address, prefix] of IPV4) {
  blocked.addSubnet(address, prefix, 'ipv4');
  // The same IPv4 ranges reached through NAT64's well-known prefix.
  blocked.addSubnet(`64:ff9b::${address}`, 96 + prefix, 'ipv6');
}
for (const [address, prefix] of IPV6) blocked.addSubnet(address, prefix, 'ipv6');

/** Whether an IP address (v4 or v6) is private, loopback, link-local or otherwise not the public internet's. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) throw new Error(`not an IP address: ${address}`);
  return blocked.check(address, family === 4 ? 'ipv4' : 'ipv6');
}
