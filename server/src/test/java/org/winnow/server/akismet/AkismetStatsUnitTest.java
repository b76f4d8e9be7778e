package org.winnow.server.akismet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.winnow.store.Checks.SiteMonth;

class AkismetStatsUnitTest {

    static final YearMonth NOW = YearMonth.of(2026, 3);
    static final LocalDate TODAY = LocalDate.of(2026, 3, 10);

    @Test
    void monthsForEveryFromValue() {
        assertThat(AkismetStats.monthsFor("6-months", NOW, null, TODAY)).hasSize(6).startsWith(YearMonth.of(2025, 10))
                .endsWith(NOW);
        assertThat(AkismetStats.monthsFor(null, NOW, null, TODAY)).hasSize(6);
        assertThat(AkismetStats.monthsFor("nonsense", NOW, null, TODAY)).hasSize(6);
        assertThat(AkismetStats.monthsFor("year", NOW, null, TODAY)).hasSize(12);
        assertThat(AkismetStats.monthsFor("60-days", NOW, null, TODAY))
                .containsExactly(YearMonth.of(2026, 1), YearMonth.of(2026, 2), NOW);
        assertThat(AkismetStats.monthsFor("all", NOW, YearMonth.of(2025, 12), TODAY))
                .containsExactly(YearMonth.of(2025, 12), YearMonth.of(2026, 1), YearMonth.of(2026, 2), NOW);
        assertThat(AkismetStats.monthsFor("all", NOW, YearMonth.of(1990, 1), TODAY)).hasSize(240);
        assertThat(AkismetStats.monthsFor("all", NOW, null, TODAY)).containsExactly(NOW);
    }

    @Test
    void accuracy() {
        assertThat(AkismetStats.accuracy(0, 0, 0, 0)).isEqualTo("100.00");
        assertThat(AkismetStats.accuracy(149, 242, 10, 10)).isEqualTo("94.88");
        assertThat(AkismetStats.accuracy(1, 0, 5, 5)).isEqualTo("0.00");
    }

    @Test
    void csvQuotesSitesThatNeedIt() {
        List<SiteMonth> rows = List.of(new SiteMonth(1, "https://a.example/x,y", NOW, 5, 1, 4, 0, 1),
                new SiteMonth(2, "https://b.example/\"q\"", NOW, 7, 7, 0, 0, 0));
        String csv = AkismetStats.keySitesCsv(rows, new AkismetStats.SitesQuery(NOW, "", "", 500, 0), "abc123def456");
        assertThat(csv).isEqualTo("Active sites for abc123def456 during 2026-03 (limit:500, offset: 0, total: 2)\n"
                + "Site,Total API Calls,Spam,Ham,Missed Spam,False Positives,Is Revoked\n"
                + "\"https://b.example/\"\"q\"\"\",7,7,0,0,0,false\n"
                + "\"https://a.example/x,y\",5,1,4,0,1,false");
    }

    @Test
    void orderAndPaging() {
        List<SiteMonth> rows = List.of(new SiteMonth(1, "https://a.example", NOW, 5, 1, 4, 0, 1),
                new SiteMonth(2, "https://b.example", NOW, 7, 7, 0, 0, 0),
                new SiteMonth(3, "https://c.example", NOW, 1, 0, 1, 0, 3));
        String fp = AkismetStats.keySitesJson(rows, new AkismetStats.SitesQuery(NOW, "", "false_positives", 2, 0));
        assertThat(fp).startsWith("{\"2026-03\":[{\"site\":\"https://c.example\"").contains("\"site\":\"https://a.example\"")
                .doesNotContain("b.example").endsWith("\"limit\":2,\"offset\":0,\"total\":3}");
        String beyond = AkismetStats.keySitesJson(rows, new AkismetStats.SitesQuery(NOW, "", "total", 10, 99));
        assertThat(beyond).isEqualTo("{\"2026-03\":[],\"limit\":10,\"offset\":99,\"total\":3}");
    }
}
