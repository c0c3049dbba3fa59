import ipaddr from 'ipaddr.js';

/**
 * Address ranges a scan must never reach unless `--allow-private`: a scanner inside a government network
 * must not become a probe of that network. ipaddr.js names every special-purpose range; only
 * 'unicast' is public.
 */
export function isPrivateAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return parsed.range() !== 'unicast';
}

/** True when a URL host is an IP literal (v4 or bracketed v6). */
export function ipLiteral(host: string): string | null {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  return ipaddr.isValid(bare) ? bare : null;
}
