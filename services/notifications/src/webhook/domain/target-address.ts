/*
 * A first check, when an endpoint is registered, that its URL does not name an internal address literally. It is
 * not the guard: a hostname can resolve anywhere, and change what it resolves to, so every delivery connects
 * through a filtering agent that checks the address it actually connects to.
 */

const ipv4Octets = (host: string): number[] | null => {
  const parts = host.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return null;
  const octets = parts.map(Number);
  return octets.every((o) => o <= 255) ? octets : null;
};

/** Loopback, "this network", private, shared (CGNAT), link-local, benchmarking, multicast and reserved IPv4 ranges. */
const internalIpv4 = ([a, b, c]: number[]): boolean =>
  a === 0 || a === 10 || a === 127 || a >= 224 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) ||
  (a === 192 && b === 168) || (a === 192 && b === 0 && c === 0) || (a === 198 && (b === 18 || b === 19));

/** The eight 16-bit groups of an IPv6 address, or null when it is not one. */
const ipv6Groups = (host: string): number[] | null => {
  if (!host.includes(':')) return null;
  let text = host;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const o = ipv4Octets(v4[1]);
    if (!o) return null;
    text = `${text.slice(0, -v4[1].length)}${((o[0] << 8) | o[1]).toString(16)}:${((o[2] << 8) | o[3]).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const parse = (s: string) => (s === '' ? [] : s.split(':').map((g) => (/^[0-9a-f]{1,4}$/i.test(g) ? parseInt(g, 16) : NaN)));
  const [head, tail] = [parse(halves[0]), halves.length === 2 ? parse(halves[1]) : []];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  return groups.some(Number.isNaN) ? null : groups;
};

const internalIpv6 = (g: number[]): boolean => {
  const zeroPrefix = g.slice(0, 5).every((x) => x === 0);
  if (zeroPrefix && g[5] === 0xffff) return internalIpv4([g[6] >> 8, g[6] & 0xff, g[7] >> 8]); // IPv4-mapped
  // ::/96: the unspecified address, loopback and the deprecated IPv4-compatible form (::a.b.c.d, RFC 4291 2.5.5.1).
  if (zeroPrefix && g[5] === 0) return true;
  return (g[0] & 0xfe00) === 0xfc00 || (g[0] & 0xffc0) === 0xfe80 || (g[0] & 0xff00) === 0xff00;
};

/** Whether a URL's hostname (as `new URL` gives it, IPv6 in brackets) is an IP literal of a non-public address. */
export const isInternalAddressLiteral = (hostname: string): boolean => {
  const host = hostname.replace(/^\[|\]$/g, '');
  const v4 = ipv4Octets(host);
  if (v4) return internalIpv4(v4);
  const v6 = ipv6Groups(host);
  return v6 !== null && internalIpv6(v6);
};
