package org.winnow.platform.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.winnow.engine.Signal;
import org.winnow.platform.data.Comments;
import org.winnow.platform.data.Moderations;

/**
 * The numbers on the stats page for one site over the last {@code days} days.
 *
 * @param received        comments that arrived
 * @param published       published on arrival
 * @param held            held for moderation on arrival
 * @param spam            sent to spam (or trash) on arrival
 * @param caught          arrived as spam and no moderator disagreed
 * @param missed          arrived published or held and a moderator marked them spam
 * @param falsePositives  arrived as spam and a moderator published them
 * @param falsePositiveRate falsePositives / spam, 0 when there was no spam
 * @param dailyChart      SVG: comments and spam per day
 * @param reasonsChart    SVG: the reasons most often behind holds and spam
 * @param topReasons      reason name → count, largest first
 */
public record Dashboard(int days, long received, long published, long held, long spam, long caught, long missed,
                        long falsePositives, double falsePositiveRate, String dailyChart, String reasonsChart,
                        Map<String, Long> topReasons) {

    public static Dashboard compute(Comments comments, Moderations moderations, long siteId, int days, long now) {
        long dayNow = Math.floorDiv(now, 86_400_000L);
        long since = (dayNow - days + 1) * 86_400_000L;
        long[] pub = new long[days], held = new long[days], spam = new long[days];
        for (Object[] row : comments.arrivalsPerDay(siteId, since)) {
            int i = (int) ((long) row[0] - (dayNow - days + 1));
            if (i < 0 || i >= days) continue;
            long n = (long) row[2];
            switch ((String) row[1]) {
                case "approved" -> pub[i] += n;
                case "pending" -> held[i] += n;
                default -> spam[i] += n;
            }
        }
        long published = sum(pub), heldTotal = sum(held), spamTotal = sum(spam);
        long missed = 0, fp = 0;
        for (String[] o : moderations.outcomes(siteId, since)) {
            boolean arrivedSpam = o[0].equals("spam") || o[0].equals("trash");
            if (!arrivedSpam && o[1].equals("spam")) missed++;
            if (arrivedSpam && o[1].equals("approved")) fp++;
        }
        Map<String, Long> counts = new HashMap<>();
        for (List<Signal> reasons : comments.reasonsOfCaught(siteId, since, 5000))
            reasons.stream().filter(s -> s.weight() > 0 || s.name().startsWith("site:")).map(Signal::name).distinct()
                    .forEach(name -> counts.merge(name, 1L, Long::sum));
        Map<String, Long> top = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                .forEach(e -> top.put(e.getKey(), e.getValue()));

        List<String> labels = new ArrayList<>();
        for (int i = 0; i < days; i++) {
            LocalDate d = LocalDate.ofInstant(Instant.ofEpochMilli((dayNow - days + 1 + i) * 86_400_000L), ZoneOffset.UTC);
            labels.add(d.getMonthValue() + "/" + d.getDayOfMonth());
        }
        String daily = Svg.stackedBars("Comments per day: published, held and spam", labels, List.of(
                new Svg.Series("published", "s-pub", pub), new Svg.Series("held", "s-held", held),
                new Svg.Series("spam", "s-spam", spam)));
        String reasons = Svg.hBars("Top reasons for holding or catching a comment", new ArrayList<>(top.keySet()),
                top.values().stream().mapToLong(Long::longValue).toArray());
        return new Dashboard(days, published + heldTotal + spamTotal, published, heldTotal, spamTotal,
                Math.max(0, spamTotal - fp), missed, fp, spamTotal == 0 ? 0 : (double) fp / spamTotal, daily, reasons, top);
    }

    private static long sum(long[] a) {
        long s = 0;
        for (long v : a) s += v;
        return s;
    }
}
