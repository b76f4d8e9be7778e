package org.winnow.engine.traffic;

import java.util.Locale;

/**
 * The network ranges a submitter's address belongs to, for burst counting: an IPv4 address's /24, an
 * IPv6 address's /64 (usually one household or one server) and /48 (usually one customer or one
 * hosting site). Parsed by hand from the literal, never resolved: a host name must not trigger a DNS
 * look-up on the judging path. IPv4-mapped IPv6 addresses count as IPv4. Addresses that are not
 * global (loopback, private, link-local, carrier-grade NAT, unique-local) give no range: behind a
 * proxy that does not forward the client's address every comment comes from one of those, which is
 * no burst.
 *
 * @param narrow the /24 (IPv4) or /64 (IPv6) as a number; tagged so the two families never collide
 * @param wide   the IPv6 /48, or 0 for IPv4 (which has no wider range here)
 * @param v6     whether the address is IPv6
 */
record IpRange(long narrow, long wide, boolean v6) {
    /** IPv4 keys live above every global-unicast IPv6 /64 (those start with 2000::/3). */
    private static final long V4_TAG = 0xFFFF_FFFF_0000_0000L;

    /** The ranges of {@code address}, or null when it is empty, not an IP literal or not a global address. */
    static IpRange of(String address) {
        String a = address.strip();
        if (a.startsWith("[") && a.endsWith("]")) a = a.substring(1, a.length() - 1);
        int zone = a.indexOf('%');
        if (zone >= 0) a = a.substring(0, zone);
        if (a.isEmpty()) return null;
        if (a.indexOf(':') < 0) {
            int v4 = parseV4(a);
            return v4 == -1 && !a.equals("255.255.255.255") ? null : ofV4(v4);
        }
        long[] v6 = parseV6(a);
        if (v6 == null) return null;
        if (v6[0] == 0 && (v6[1] >>> 32) == 0xFFFFL) return ofV4((int) v6[1]); // ::ffff:a.b.c.d
        int first = (int) (v6[0] >>> 48);
        if (v6[0] == 0 || (first & 0xFE00) == 0xFC00 || (first & 0xFFC0) == 0xFE80) return null; // ::/64, ULA, link-local
        return new IpRange(v6[0], v6[0] & 0xFFFF_FFFF_FFFF_0000L, true);
    }

    private static IpRange ofV4(int v4) {
        int a = v4 >>> 24, b = (v4 >>> 16) & 0xFF;
        if (a == 0 || a == 10 || a == 127 || a >= 224 || (a == 169 && b == 254) || (a == 172 && (b & 0xF0) == 16)
                || (a == 192 && b == 168) || (a == 100 && (b & 0xC0) == 64)) return null;
        return new IpRange(V4_TAG | ((v4 >>> 8) & 0xFF_FFFFL), 0, false);
    }

    /** A readable form of the narrow range, e.g. {@code 203.0.113.0/24} or {@code 2001:db8:1:2::/64}. */
    String describeNarrow() {
        if (!v6) {
            long p = narrow & 0xFF_FFFFL;
            return (p >>> 16) + "." + ((p >>> 8) & 0xFF) + "." + (p & 0xFF) + ".0/24";
        }
        return groups(narrow, 4) + "::/64";
    }

    /** A readable form of the IPv6 /48, e.g. {@code 2001:db8:1::/48}. */
    String describeWide() {
        return groups(wide, 3) + "::/48";
    }

    private static String groups(long bits, int n) {
        StringBuilder b = new StringBuilder();
        for (int g = 0; g < n; g++) {
            if (g > 0) b.append(':');
            b.append(Integer.toHexString((int) (bits >>> (48 - 16 * g)) & 0xFFFF));
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    /** The address as a 32-bit int, or -1 when it is not a dotted quad (255.255.255.255 is checked by the caller). */
    private static int parseV4(String s) {
        int value = 0, parts = 0, part = -1;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c == '.') {
                if (part < 0 || ++parts > 4) return -1;
                value = value << 8 | part;
                part = -1;
            } else if (c >= '0' && c <= '9') {
                part = part < 0 ? c - '0' : part * 10 + (c - '0');
                if (part > 255) return -1;
            } else {
                return -1;
            }
        }
        return parts == 4 ? value : -1;
    }

    /** The 128 bits as {high, low}, or null when it is not an IPv6 literal. */
    private static long[] parseV6(String s) {
        int[] groups = new int[8];
        int n = 0;
        int gap = -1; // index in groups where "::" stands
        int i = 0;
        int len = s.length();
        if (s.startsWith("::")) {
            gap = 0;
            i = 2;
        }
        while (i < len) {
            int end = i;
            while (end < len && s.charAt(end) != ':') end++;
            String token = s.substring(i, end);
            if (token.indexOf('.') >= 0) { // embedded IPv4 in the last 32 bits
                if (end != len || n > 6) return null;
                int v4 = parseV4(token);
                if (v4 == -1 && !token.equals("255.255.255.255")) return null;
                groups[n++] = v4 >>> 16;
                groups[n++] = v4 & 0xFFFF;
                i = end;
                break;
            }
            if (token.isEmpty() || token.length() > 4 || n == 8) return null;
            int g = 0;
            for (int k = 0; k < token.length(); k++) {
                int d = Character.digit(token.charAt(k), 16);
                if (d < 0) return null;
                g = g << 4 | d;
            }
            groups[n++] = g;
            i = end;
            if (i < len) { // at ':'
                if (i + 1 < len && s.charAt(i + 1) == ':') {
                    if (gap >= 0) return null;
                    gap = n;
                    i += 2;
                } else if (i + 1 == len) {
                    return null;
                } else {
                    i++;
                }
            }
        }
        if (gap >= 0) {
            if (n == 8) return null;
            int tail = n - gap;
            System.arraycopy(groups, gap, groups, 8 - tail, tail);
            java.util.Arrays.fill(groups, gap, 8 - tail, 0);
        } else if (n != 8) {
            return null;
        }
        long hi = 0, lo = 0;
        for (int g = 0; g < 4; g++) hi = hi << 16 | groups[g];
        for (int g = 4; g < 8; g++) lo = lo << 16 | groups[g];
        return new long[] {hi, lo};
    }
}
