package org.winnow.engine.traffic;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IpRangeTest {
    @Test
    void ipv4AddressesOfOneSlash24ShareTheirRange() {
        IpRange a = IpRange.of("203.0.113.7");
        IpRange b = IpRange.of(" 203.0.113.250 ");
        IpRange c = IpRange.of("203.0.114.7");
        assertThat(a).isNotNull();
        assertThat(a.narrow()).isEqualTo(b.narrow()).isNotEqualTo(c.narrow());
        assertThat(a.v6()).isFalse();
        assertThat(a.describeNarrow()).isEqualTo("203.0.113.0/24");
    }

    @Test
    void ipv6KeepsTheSlash64AndTheSlash48() {
        IpRange a = IpRange.of("2001:db8:abcd:12:1::5");
        IpRange sameHome = IpRange.of("[2001:db8:abcd:12:ffff:1:2:3]");
        IpRange sameCustomer = IpRange.of("2001:0db8:abcd:0099::1");
        assertThat(a.v6()).isTrue();
        assertThat(a.narrow()).isEqualTo(sameHome.narrow()).isNotEqualTo(sameCustomer.narrow());
        assertThat(a.wide()).isEqualTo(sameCustomer.wide());
        assertThat(a.describeNarrow()).isEqualTo("2001:db8:abcd:12::/64");
        assertThat(a.describeWide()).isEqualTo("2001:db8:abcd::/48");
    }

    @Test
    void ipv4MappedIpv6CountsAsIpv4() {
        assertThat(IpRange.of("::ffff:198.51.100.20").narrow()).isEqualTo(IpRange.of("198.51.100.99").narrow());
    }

    @Test
    void garbageAndNonGlobalAddressesGiveNoRange() {
        for (String s : new String[] {"", "localhost", "example.com", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1..2.3",
                "2001:db8::1::2", "2001:db8:1:2:3:4:5:6:7", "12345::", "1:2", "127.0.0.1", "10.1.2.3", "192.168.0.10",
                "172.20.1.1", "100.64.3.4", "169.254.1.1", "::1", "fe80::1%eth0", "fd12:3456::1"}) {
            assertThat(IpRange.of(s)).as(s).isNull();
        }
        assertThat(IpRange.of("172.32.1.1")).isNotNull();
    }
}
