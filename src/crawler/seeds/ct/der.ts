/**
 * Just enough DER (X.690) reading to take host names out of a certificate: the subject CN and the
 * subjectAltName dNSNames. Used for precertificate entries, whose TBSCertificate comes without a
 * signature so node:crypto's X509Certificate cannot read it.
 */

interface Tlv {
  readonly tag: number;
  /** Start and end of the content octets in the buffer. */
  readonly start: number;
  readonly end: number;
}

/** Reads the TLV at `pos`; throws on truncation or lengths it cannot trust. */
function readTlv(buf: Buffer, pos: number, limit = buf.length): Tlv {
  if (pos + 2 > limit) throw new Error('DER: truncated');
  const tag = buf[pos]!;
  if ((tag & 0x1f) === 0x1f) throw new Error('DER: multi-byte tags are not used in certificates');
  let len = buf[pos + 1]!;
  let start = pos + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || start + n > limit) throw new Error('DER: bad length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[start + i]!;
    start += n;
  }
  if (start + len > limit) throw new Error('DER: content beyond its container');
  return { tag, start, end: start + len };
}

function children(buf: Buffer, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let pos = parent.start; pos < parent.end; ) {
    const t = readTlv(buf, pos, parent.end);
    out.push(t);
    pos = t.end;
  }
  return out;
}

const OID_SAN = Buffer.from([0x55, 0x1d, 0x11]); // 2.5.29.17
const OID_CN = Buffer.from([0x55, 0x04, 0x03]); // 2.5.4.3

/** The subject CN and SAN dNSNames of a DER TBSCertificate (RFC 5280 §4.1). */
export function tbsNames(tbs: Buffer): { cn: string | null; dnsNames: string[] } {
  const root = readTlv(tbs, 0);
  if (root.tag !== 0x30) throw new Error('DER: TBSCertificate is not a SEQUENCE');
  const fields = children(tbs, root);
  // version [0] is optional (absent for v1); after it: serial, signature, issuer, validity, subject, spki.
  const offset = fields[0]?.tag === 0xa0 ? 1 : 0;
  const subject = fields[offset + 4];
  let cn: string | null = null;
  if (subject) {
    for (const rdn of children(tbs, subject)) {
      for (const atv of children(tbs, rdn)) {
        const [type, value] = children(tbs, atv);
        if (type && value && tbs.subarray(type.start, type.end).equals(OID_CN)) cn = tbs.subarray(value.start, value.end).toString('utf8');
      }
    }
  }
  const dnsNames: string[] = [];
  const extsWrapper = fields.find((f) => f.tag === 0xa3);
  if (extsWrapper) {
    const [exts] = children(tbs, extsWrapper);
    for (const ext of exts ? children(tbs, exts) : []) {
      const parts = children(tbs, ext);
      const id = parts[0];
      const value = parts.at(-1); // extnValue OCTET STRING (after the optional critical BOOLEAN)
      if (!id || !value || !tbs.subarray(id.start, id.end).equals(OID_SAN)) continue;
      const names = readTlv(tbs, value.start, value.end);
      for (const gn of children(tbs, names)) {
        if (gn.tag === 0x82) dnsNames.push(tbs.subarray(gn.start, gn.end).toString('ascii')); // dNSName [2] IA5String
      }
    }
  }
  return { cn, dnsNames };
}

/** The TBSCertificate (first element) of a DER Certificate. */
export function certificateTbs(cert: Buffer): Buffer {
  const root = readTlv(cert, 0);
  const [tbs] = children(cert, root);
  if (!tbs) throw new Error('DER: empty certificate');
  // The first child starts where the root's content starts; keep its own tag and length.
  return cert.subarray(root.start, tbs.end);
}
