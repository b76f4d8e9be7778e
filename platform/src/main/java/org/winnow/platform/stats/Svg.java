package org.winnow.platform.stats;

import java.util.List;
import java.util.Locale;

/**
 * Small charts drawn on the server as inline SVG: no chart library, no script, readable without
 * colour (every series also has a text legend and the numbers are in a table beside it).
 */
public final class Svg {
    /** One series of a stacked bar chart. */
    public record Series(String name, String cssClass, long[] values) {}

    private Svg() {}

    /** Stacked vertical bars, one per label (day), with a y-axis scale. */
    public static String stackedBars(String title, List<String> labels, List<Series> series) {
        int n = labels.size();
        double w = 900, h = 260, left = 44, bottom = 28, top = 10;
        long max = 1;
        for (int i = 0; i < n; i++) {
            long sum = 0;
            for (Series s : series) sum += s.values()[i];
            max = Math.max(max, sum);
        }
        max = niceCeiling(max);
        double plotH = h - bottom - top, slot = (w - left - 8) / Math.max(1, n), barW = Math.max(2, slot * 0.7);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT,
                "<svg class=\"chart\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"%s\" xmlns=\"http://www.w3.org/2000/svg\">",
                w, h, esc(title)));
        for (int g = 0; g <= 4; g++) {
            double y = top + plotH - plotH * g / 4;
            sb.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>", left, w - 4, y, y));
            sb.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%d</text>",
                    left - 6, y + 4, max * g / 4));
        }
        for (int i = 0; i < n; i++) {
            double x = left + slot * i + (slot - barW) / 2, base = top + plotH;
            StringBuilder tip = new StringBuilder(labels.get(i));
            for (Series s : series) {
                long v = s.values()[i];
                tip.append(", ").append(s.name()).append(": ").append(v);
                if (v == 0) continue;
                double bh = plotH * v / max;
                base -= bh;
                sb.append(String.format(Locale.ROOT, "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>",
                        esc(s.cssClass()), x, base, barW, bh));
            }
            sb.append(String.format(Locale.ROOT,
                    "<rect class=\"hit\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"><title>%s</title></rect>",
                    left + slot * i, top, slot, plotH, esc(tip.toString())));
            if (n <= 10 || i % Math.max(1, n / 6) == 0)
                sb.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>",
                        left + slot * i + slot / 2, h - 8, esc(labels.get(i))));
        }
        sb.append("</svg>");
        return sb.toString();
    }

    /** Horizontal bars with their label and value, largest first as given. */
    public static String hBars(String title, List<String> labels, long[] values) {
        int n = labels.size();
        double w = 900, row = 26, labelW = 260, h = Math.max(1, n) * row + 8;
        long max = 1;
        for (long v : values) max = Math.max(max, v);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "<svg class=\"chart\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"%s\" xmlns=\"http://www.w3.org/2000/svg\">",
                w, h, esc(title)));
        if (n == 0) sb.append("<text class=\"axis\" x=\"4\" y=\"20\">Nothing caught in this period.</text>");
        for (int i = 0; i < n; i++) {
            double y = 4 + row * i, bw = (w - labelW - 60) * values[i] / max;
            String label = labels.get(i).length() > 34 ? labels.get(i).substring(0, 33) + "…" : labels.get(i);
            sb.append(String.format(Locale.ROOT, "<text class=\"label\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
                    labelW - 8, y + 17, esc(label)));
            sb.append(String.format(Locale.ROOT, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>",
                    labelW, y + 4, Math.max(1, bw), row - 8));
            sb.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%.1f\" y=\"%.1f\">%d</text>", labelW + bw + 6, y + 17, values[i]));
        }
        return sb.append("</svg>").toString();
    }

    /** The smallest 4 × (1, 2 or 5 × 10^k) at or above v, so the four grid lines get round numbers. */
    private static long niceCeiling(long v) {
        for (long p = 1; ; p *= 10)
            for (long m : new long[] {1, 2, 5})
                if (4 * m * p >= v) return 4 * m * p;
    }

    /** Escapes text for SVG (XML) content and attribute values. */
    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
