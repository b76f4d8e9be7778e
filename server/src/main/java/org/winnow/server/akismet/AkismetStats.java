package org.winnow.server.akismet;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import org.winnow.server.http.Replies;
import org.winnow.store.Checks.SiteMonth;

/** The bodies of key-sites, usage-limit and get-stats / get-key-stats, built from the store's counts. */
final class AkismetStats {

    /** Seconds a moderator would have spent on one spam comment, for {@code time_saved}. */
    static final long SECONDS_SAVED_PER_SPAM = 50;

    private AkismetStats() {}

    /** key-sites parameters, already validated. */
    record SitesQuery(YearMonth month, String filter, String order, int limit, int offset) {}

    /** key-sites as JSON: {@code {"YYYY-MM":[…], "limit":…, "offset":…, "total":…}} with numbers as strings. */
    static String keySitesJson(List<SiteMonth> rows, SitesQuery q) {
        List<SiteMonth> page = page(rows, q);
        List<Map<String, Object>> sites = new ArrayList<>();
        for (SiteMonth s : page) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("site", s.siteUrl());
            m.put("api_calls", Long.toString(s.apiCalls()));
            m.put("spam", Long.toString(s.spam()));
            m.put("ham", Long.toString(s.ham()));
            m.put("missed_spam", Long.toString(s.missedSpam()));
            m.put("false_positives", Long.toString(s.falsePositives()));
            m.put("is_revoked", false);
            sites.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(q.month().toString(), sites);
        out.put("limit", q.limit());
        out.put("offset", q.offset());
        out.put("total", filtered(rows, q).size());
        return Replies.toJson(out);
    }

    /** key-sites as CSV, in the documented layout (title line, column line, one line per site). */
    static String keySitesCsv(List<SiteMonth> rows, SitesQuery q, String key) {
        List<SiteMonth> page = page(rows, q);
        StringBuilder sb = new StringBuilder();
        sb.append("Active sites for ").append(key).append(" during ").append(q.month())
                .append(" (limit:").append(q.limit()).append(", offset: ").append(q.offset())
                .append(", total: ").append(filtered(rows, q).size()).append(")\n");
        sb.append("Site,Total API Calls,Spam,Ham,Missed Spam,False Positives,Is Revoked");
        for (SiteMonth s : page) {
            sb.append('\n').append(csvCell(s.siteUrl())).append(',').append(s.apiCalls()).append(',')
                    .append(s.spam()).append(',').append(s.ham()).append(',').append(s.missedSpam()).append(',')
                    .append(s.falsePositives()).append(",false");
        }
        return sb.toString();
    }

    private static String csvCell(String v) {
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) return v;
        return '"' + v.replace("\"", "\"\"") + '"';
    }

    private static List<SiteMonth> filtered(List<SiteMonth> rows, SitesQuery q) {
        String f = q.filter() == null ? "" : q.filter().toLowerCase(Locale.ROOT);
        return rows.stream().filter(s -> f.isEmpty() || s.siteUrl().toLowerCase(Locale.ROOT).contains(f)).toList();
    }

    private static List<SiteMonth> page(List<SiteMonth> rows, SitesQuery q) {
        Comparator<SiteMonth> by = switch (q.order()) {
            case "spam" -> Comparator.comparingLong(SiteMonth::spam);
            case "ham" -> Comparator.comparingLong(SiteMonth::ham);
            case "missed_spam" -> Comparator.comparingLong(SiteMonth::missedSpam);
            case "false_positives" -> Comparator.comparingLong(SiteMonth::falsePositives);
            default -> Comparator.comparingLong(SiteMonth::apiCalls);
        };
        List<SiteMonth> sorted = new ArrayList<>(filtered(rows, q));
        sorted.sort(by.reversed().thenComparing(SiteMonth::siteUrl));
        int from = Math.min(q.offset(), sorted.size());
        int to = (int) Math.min((long) from + q.limit(), sorted.size());
        return sorted.subList(from, to);
    }

    /** usage-limit: unlimited plan, calls this month. */
    static String usageLimitJson(long usage, boolean extended) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("limit", "none");
        out.put("usage", usage);
        out.put("percentage", "0.00");
        out.put("throttled", false);
        if (extended) {
            out.put("notice_level", "NOTICE_NONE");
            out.put("upgrade", false);
        }
        return Replies.toJson(out);
    }

    /**
     * get-stats / get-key-stats: totals over the months given (oldest first), accuracy, time saved,
     * and a per-month breakdown with numbers as strings.
     */
    static String statsJson(SortedMap<YearMonth, List<SiteMonth>> months) {
        long spam = 0, ham = 0, missed = 0, falsePositives = 0;
        Map<String, Object> breakdown = new LinkedHashMap<>();
        for (Map.Entry<YearMonth, List<SiteMonth>> e : months.entrySet()) {
            long s = 0, h = 0, m = 0, fp = 0, blogs = 0;
            for (SiteMonth r : e.getValue()) {
                s += r.spam();
                h += r.ham();
                m += r.missedSpam();
                fp += r.falsePositives();
                if (r.apiCalls() > 0 || r.spam() > 0 || r.ham() > 0 || r.missedSpam() > 0 || r.falsePositives() > 0) {
                    blogs++;
                }
            }
            spam += s;
            ham += h;
            missed += m;
            falsePositives += fp;
            Map<String, Object> month = new LinkedHashMap<>();
            month.put("spam", Long.toString(s));
            month.put("ham", Long.toString(h));
            month.put("missed_spam", Long.toString(m));
            month.put("false_positives", Long.toString(fp));
            month.put("blogs", Long.toString(blogs));
            month.put("da", LocalDate.of(e.getKey().getYear(), e.getKey().getMonth(), 1).toString());
            breakdown.put(e.getKey().toString(), month);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("spam", spam);
        out.put("ham", ham);
        out.put("missed_spam", missed);
        out.put("false_positives", falsePositives);
        out.put("accuracy", accuracy(spam, ham, missed, falsePositives));
        out.put("time_saved", spam * SECONDS_SAVED_PER_SPAM);
        out.put("breakdown", breakdown);
        return Replies.toJson(out);
    }

    /** Share of verdicts nobody had to correct, in percent with two decimals ({@code "100.00"} with no traffic). */
    static String accuracy(long spam, long ham, long missed, long falsePositives) {
        long total = spam + ham;
        if (total <= 0) return "100.00";
        double wrong = Math.min(total, missed + falsePositives);
        return String.format(Locale.ROOT, "%.2f", 100.0 * (total - wrong) / total);
    }

    /** The months a get-stats {@code from} covers, oldest first, ending with {@code now}'s month. */
    static List<YearMonth> monthsFor(String from, YearMonth now, YearMonth keyCreated, LocalDate today) {
        YearMonth first = switch (from == null ? "" : from.strip().toLowerCase(Locale.ROOT)) {
            case "all" -> keyCreated == null || keyCreated.isAfter(now) ? now : keyCreated;
            case "year" -> now.minusMonths(11);
            case "60-days" -> YearMonth.from(today.minusDays(60));
            default -> now.minusMonths(5); // "6-months", the plugin's default
        };
        if (first.isBefore(now.minusMonths(239))) first = now.minusMonths(239); // at most 20 years
        List<YearMonth> out = new ArrayList<>();
        for (YearMonth m = first; !m.isAfter(now); m = m.plusMonths(1)) out.add(m);
        return out;
    }
}
