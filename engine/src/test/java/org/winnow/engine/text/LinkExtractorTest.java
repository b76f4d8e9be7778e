package org.winnow.engine.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LinkExtractorTest {
    private final LinkExtractor links = new LinkExtractor();

    @Test
    void findsPlainUrlsAndRegisteredDomains() {
        LinkExtractor.Links l = links.extract("see https://www.shop.example.com/x?y=1 and bit.ly/abc");
        assertThat(l.domains()).containsExactly("example.com", "bit.ly");
        assertThat(l.hasScheme()).isTrue();
        assertThat(l.obfuscated()).isFalse();
    }

    @Test
    void findsObfuscatedDomains() {
        assertThat(links.extract("go to example[dot]com today").domains()).containsExactly("example.com");
        assertThat(links.extract("go to example dot com today").domains()).containsExactly("example.com");
        assertThat(links.extract("go to example (dot) net").domains()).containsExactly("example.net");
        LinkExtractor.Links l = links.extract("hxxp://evil.example.org/login");
        assertThat(l.domains()).containsExactly("example.org");
        assertThat(l.obfuscated()).isTrue();
        assertThat(l.hasScheme()).isTrue();
    }

    @Test
    void keepsCountryCodeSecondLevelDomains() {
        assertThat(links.extract("www.shop.example.co.uk").domains()).containsExactly("example.co.uk");
    }

    @Test
    void ordinarySentencesHaveNoLinks() {
        assertThat(links.extract("ok.so i was at home.at 5. the dot com bubble, e.g. this").domains()).isEmpty();
    }

    @Test
    void findsEmailsAndPhones() {
        LinkExtractor.Links l = links.extract("mail win@prizes.co.uk or call 0800 123 4567, ref weton88");
        assertThat(l.emailDomains()).containsExactly("prizes.co.uk");
        assertThat(l.domains()).isEmpty();
        assertThat(l.phoneCount()).isEqualTo(1);
        assertThat(links.extract("in 2015 i had 3 cats").phoneCount()).isZero();
        assertThat(links.extract("c++ and a+ grades, call+44 20 7946 0018").phoneCount()).isEqualTo(1);
    }

    @Test
    void hostsEndingASentenceOrWithEmptyLabelsAndDeepSubdomains() {
        assertThat(links.extract("see example.com. then www.a.b.shop.example.co.uk.. ok").domains())
                .containsExactly("example.com", "example.co.uk");
        assertThat(links.extract("foo..bar.com and .com and com.").domains()).isEmpty();
        assertThat(links.extract("a.b.c.d.e.f.com co.uk x.co.uk").domains()).containsExactly("f.com", "co.uk", "x.co.uk");
        assertThat(links.extract("http://a.b.c.d.e.f.com").tlds()).containsExactly("com");
    }
}
