package org.winnow.training.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small SVG chart of prequential adaptation: window F1 (left panel) and window false-positive rate
 * (right panel) against the corrections learned so far, one line per stream. Plain SVG with no
 * script, font file or external reference, so the docs show it as it is.
 */
public final class AdaptationPlot {
    /** One line: its name in the legend, its colour and whether it is dashed, and its points (corrections, value). */
    public record Series(String name, String colour, boolean dashed, List<double[]> f1, List<double[]> fpr) {}

    private static final int PANEL_WIDTH = 360, PANEL_HEIGHT = 240, LEFT = 56, TOP = 36, GAP = 80, BOTTOM = 52;
    private static final int LEGEND_LINE = 18;

    private final List<Series> series = new ArrayList<>();

    /** Adds the windows of one stream as a line. */
    public AdaptationPlot add(String name, String colour, boolean dashed, List<OnlineAdaptation.Window> windows) {
        List<double[]> f1 = new ArrayList<>(), fpr = new ArrayList<>();
        for (OnlineAdaptation.Window w : windows) {
            f1.add(new double[] {w.corrections(), w.metrics().f1()});
            fpr.add(new double[] {w.corrections(), w.metrics().fpr()});
        }
        series.add(new Series(name, colour, dashed, f1, fpr));
        return this;
    }

    /** The chart as an SVG document. */
    public String svg() {
        double maxX = 1;
        double maxFpr = 0.05;
        for (Series s : series) {
            for (double[] p : s.f1()) maxX = Math.max(maxX, p[0]);
            for (double[] p : s.fpr()) maxFpr = Math.max(maxFpr, p[1]);
        }
        maxX = niceCeiling(maxX);
        maxFpr = niceCeiling(maxFpr);
        int width = LEFT + 2 * PANEL_WIDTH + GAP + 20;
        int height = TOP + PANEL_HEIGHT + BOTTOM + LEGEND_LINE * series.size() + 10;
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", width, height, width, height));
        b.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        panel(b, LEFT, "window F1", 1.0, maxX, true);
        panel(b, LEFT + PANEL_WIDTH + GAP, "window false-positive rate", maxFpr, maxX, false);
        int legendY = TOP + PANEL_HEIGHT + BOTTOM;
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            int y = legendY + i * LEGEND_LINE;
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
                    LEFT, y - 4, LEFT + 30, y - 4, s.colour(), s.dashed() ? " stroke-dasharray=\"6 4\"" : ""));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", LEFT + 38, y, escape(s.name())));
        }
        b.append("</svg>\n");
        return b.toString();
    }

    /** One panel: frame, grid, axis labels and every series' line for the F1 or the FPR values. */
    private void panel(StringBuilder b, int x0, String title, double maxY, double maxX, boolean f1) {
        int y0 = TOP;
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>%n", x0, y0 - 12, escape(title)));
        b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#444\"/>%n",
                x0, y0, PANEL_WIDTH, PANEL_HEIGHT));
        for (int t = 0; t <= 4; t++) {
            double v = maxY * t / 4;
            double y = y0 + PANEL_HEIGHT - PANEL_HEIGHT * t / 4.0;
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", x0, y, x0 + PANEL_WIDTH, y));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", x0 - 6, y + 4,
                    f1 ? String.format(Locale.ROOT, "%.2f", v) : percent(v)));
            double xv = maxX * t / 4;
            double x = x0 + PANEL_WIDTH * t / 4.0;
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.0f</text>%n", x, y0 + PANEL_HEIGHT + 16, xv));
        }
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">corrections learned so far</text>%n",
                x0 + PANEL_WIDTH / 2, y0 + PANEL_HEIGHT + 34));
        for (Series s : series) {
            StringBuilder points = new StringBuilder();
            for (double[] p : f1 ? s.f1() : s.fpr()) {
                double x = x0 + PANEL_WIDTH * p[0] / maxX;
                double y = y0 + PANEL_HEIGHT - PANEL_HEIGHT * Math.min(p[1], maxY) / maxY;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            b.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s points=\"%s\"/>%n",
                    s.colour(), s.dashed() ? " stroke-dasharray=\"6 4\"" : "", points.toString().strip()));
        }
    }

    /** The smallest of 1, 2 or 4 times a power of ten that is at least {@code v}: quarters of it read well. */
    static double niceCeiling(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 4, 10}) if (m * p >= v * (1 - 1e-12)) return m * p;
        return 10 * p;
    }

    /** A percentage with a decimal only when it needs one (2.5 %, but 10 %). */
    private static String percent(double v) {
        double pct = Math.round(1000 * v) / 10.0;
        return pct == Math.rint(pct) ? String.format(Locale.ROOT, "%.0f%%", pct) : String.format(Locale.ROOT, "%.1f%%", pct);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
