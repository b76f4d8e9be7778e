package org.winnow.engine.authors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.winnow.engine.Comment;
import org.winnow.engine.Signal;

class AuthorHistoryTest {
    static final int SITE = 17, OTHER_SITE = 18;

    static Comment by(String name, String email, String url) {
        return Comment.builder().content("some words").author(name).authorEmail(email).authorUrl(url).build();
    }

    @Test
    void anAuthorNobodyLabelledGetsNothing() {
        AuthorHistory h = AuthorHistory.withDefaults();
        assertThat(h.assess(SITE, by("Ann Smith", "ann@example.org", "https://ann.example"))).isNull();
        h.learn(SITE, by("Ann Smith", "ann@example.org", ""), true);
        assertThat(h.assess(SITE, by("Bob Jones", "bob@example.org", "https://bob.example"))).isNull();
        assertThat(h.assess(SITE, Comment.ofText("no author fields at all"))).isNull();
    }

    @Test
    void oneSpamLabelOnAWebsiteCountsAgainstTheNextCommentFromItWhateverTheOtherFields() {
        AuthorHistory h = AuthorHistory.withDefaults();
        h.learn(SITE, by("payday loans", "zabu1234@gmail.com", "http://payday-loans-kimo.xyz/offer"), true);
        Signal s = h.assess(SITE, by("Someone Else", "other99@gmail.com", "https://www.PAYDAY-LOANS-KIMO.xyz/"));
        assertThat(s).isNotNull();
        assertThat(s.name()).isEqualTo("author_history");
        assertThat(s.weight()).isCloseTo(Math.log(1.5 / 0.5), within(1e-12));
        assertThat(s.detail()).isEqualTo("this website was labelled spam once and ham 0 times on this site");
    }

    @Test
    void moreLabelsWeighMoreUpToTheCapAndHamLabelsPullTheOtherWay() {
        AuthorHistory h = AuthorHistory.withDefaults();
        Comment spammer = by("", "bulk@spam.example", "");
        for (int i = 0; i < 3; i++) h.learn(SITE, spammer, true);
        assertThat(h.assess(SITE, spammer).weight()).isCloseTo(Math.log(3.5 / 0.5), within(1e-12));
        for (int i = 0; i < 100; i++) h.learn(SITE, spammer, true);
        assertThat(h.assess(SITE, spammer).weight()).isEqualTo(AuthorHistory.MAX_LOG_ODDS);

        Comment reader = by("", "reader@example.org", "");
        h.learn(SITE, reader, false);
        Signal trusted = h.assess(SITE, reader);
        assertThat(trusted.weight()).isCloseTo(-Math.log(3), within(1e-12));
        assertThat(trusted.detail()).isEqualTo("this e-mail address was labelled spam 0 times and ham once on this site");
        h.learn(SITE, reader, true); // one of each: no evidence either way
        assertThat(h.assess(SITE, reader)).isNull();
    }

    @Test
    void aNameCountsHalfAndTheStrongestFieldSpeaksForTheAuthor() {
        AuthorHistory h = AuthorHistory.withDefaults();
        h.learn(SITE, by("Casino  Bonus", "", ""), true);
        Signal name = h.assess(SITE, by("casino bonus", "new@example.org", ""));
        assertThat(name.weight()).isCloseTo(0.5 * Math.log(3), within(1e-12));
        assertThat(name.detail()).startsWith("this name ");

        h.learn(SITE, by("", "new@example.org", ""), true);
        h.learn(SITE, by("", "new@example.org", ""), true);
        Signal strongest = h.assess(SITE, by("casino bonus", "new@example.org", ""));
        assertThat(strongest.detail()).startsWith("this e-mail address ");
        assertThat(strongest.weight()).isCloseTo(Math.log(5), within(1e-12)); // not the sum of both fields
    }

    @Test
    void labelsStayOnTheirSite() {
        AuthorHistory h = AuthorHistory.withDefaults();
        h.learn(SITE, by("", "x@spam.example", ""), true);
        assertThat(h.assess(OTHER_SITE, by("", "x@spam.example", ""))).isNull();
    }

    @Test
    void addressesMatchWithoutCaseOrPlusTagsAndWebsitesByHost() {
        assertThat(AuthorHistory.email(" Ann.Smith+blog@Example.ORG ")).isEqualTo("ann.smith@example.org");
        assertThat(AuthorHistory.email("not an address")).isEmpty();
        assertThat(AuthorHistory.email("trailing@")).isEmpty();
        assertThat(AuthorHistory.website("HTTPS://www.Shop.example:8443/cheap?x=1")).isEqualTo("shop.example");
        assertThat(AuthorHistory.website("shop.example/path")).isEqualTo("shop.example");
        assertThat(AuthorHistory.website("http://user@shop.example.")).isEqualTo("shop.example");
        assertThat(AuthorHistory.website("localhost")).isEmpty();
        // shared hosts: the first path segment is the author
        assertThat(AuthorHistory.website("https://github.com/ann/repo")).isEqualTo("github.com/ann");
        assertThat(AuthorHistory.website("https://m.youtube.com/@someone")).isEqualTo("m.youtube.com/@someone");
        assertThat(AuthorHistory.website("https://github.com/")).isEmpty();
        assertThat(AuthorHistory.name("  Ann \t Smith ")).isEqualTo("ann smith");
    }

    @Test
    void twoReadersOnOneSharedHostAreTwoAuthors() {
        AuthorHistory h = AuthorHistory.withDefaults();
        h.learn(SITE, by("", "", "https://github.com/spammer"), true);
        assertThat(h.assess(SITE, by("", "", "https://github.com/reader"))).isNull();
        assertThat(h.assess(SITE, by("", "", "https://github.com/spammer/other-repo"))).isNotNull();
    }

    @Test
    void pastItsCapacityTheLeastRecentlyLabelledIdentityIsForgotten() {
        AuthorHistory h = AuthorHistory.withCapacity(2);
        Comment a = by("", "a@example.org", ""), b = by("", "b@example.org", ""), c = by("", "c@example.org", "");
        h.learn(SITE, a, true);
        h.learn(SITE, b, true);
        h.learn(SITE, a, true); // a is now the most recently labelled
        h.learn(SITE, c, true);
        assertThat(h.size()).isEqualTo(2);
        assertThat(h.assess(SITE, b)).isNull();
        assertThat(h.assess(SITE, a).weight()).isCloseTo(Math.log(5), within(1e-12));
        assertThat(h.assess(SITE, c)).isNotNull();
        assertThatThrownBy(() -> AuthorHistory.withCapacity(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void switchedOffItKeepsAndSaysNothing() {
        AuthorHistory h = AuthorHistory.off();
        h.learn(SITE, by("x", "x@spam.example", "http://spam.example"), true);
        assertThat(h.size()).isZero();
        assertThat(h.assess(SITE, by("x", "x@spam.example", "http://spam.example"))).isNull();
        assertThat(h.isOn()).isFalse();
    }
}
