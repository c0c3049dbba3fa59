import { describe, expect, it } from 'vitest';
import { hostingOf, lookupHosting } from './hosting.js';

// Facts of the shipped databases (@ip-location-db, RouteViews/DB-IP ASN and RIR country tables).
describe('hosting lookup in the bundled IP databases', () => {
  it('finds the network and country of an IPv4 address', () => {
    expect(lookupHosting('8.8.4.4')).toEqual({ ip: '8.8.4.4', asn: 15169, org: 'Google LLC', country: 'US' });
  });

  it('reads a mainland Chinese cloud address as CN', () => {
    expect(lookupHosting('47.104.213.61')).toMatchObject({ country: 'CN', asn: 37963 });
  });

  it('looks IPv6 and IPv4-mapped IPv6 addresses up too', () => {
    expect(lookupHosting('2001:4860:4860::8888')).toMatchObject({ asn: 15169, country: 'US' });
    expect(lookupHosting('::ffff:8.8.4.4')).toMatchObject({ asn: 15169 });
  });

  it('knows nothing of private addresses and garbage, without failing', () => {
    expect(lookupHosting('10.20.30.40')).toEqual({ ip: '10.20.30.40', asn: null, org: null, country: null });
    expect(lookupHosting('not-an-ip')).toEqual({ ip: 'not-an-ip', asn: null, org: null, country: null });
  });

  it('keeps an organisation name that contains a comma whole', () => {
    expect(lookupHosting('1.1.1.1').org).toBe('Cloudflare, Inc.');
  });

  it('lists each address once, in order', () => {
    expect(hostingOf(['8.8.4.4', '1.1.1.1', '8.8.4.4']).map((h) => h.ip)).toEqual(['8.8.4.4', '1.1.1.1']);
  });
});
