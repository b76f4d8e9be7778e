package org.winnow.training.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The adaptation chart is well-formed SVG with one line per stream and panel, placed by its values. */
class AdaptationPlotTest {

    private static OnlineAdaptation.Window window(int corrections, int tp, int fp, int tn, int fn) {
        return new OnlineAdaptation.Window(corrections * 10, corrections, new Metrics(tp, fp, tn, fn, 0.5, 0, 0));
    }

    @Test
    void drawsEachStreamInBothPanels() throws Exception {
        List<OnlineAdaptation.Window> a = List.of(window(10, 50, 10, 90, 50), window(40, 90, 2, 98, 10));
        List<OnlineAdaptation.Window> b = List.of(window(20, 30, 30, 70, 70));
        String svg = new AdaptationPlot().add("stream <a> & b", "#123456", false, a).add("other", "#654321", true, b).svg();

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        NodeList lines = doc.getElementsByTagName("polyline");
        assertThat(lines.getLength()).isEqualTo(4); // two streams, two panels
        Element f1OfA = (Element) lines.item(0);
        assertThat(f1OfA.getAttribute("stroke")).isEqualTo("#123456");
        assertThat(f1OfA.getAttribute("points").split(" ")).hasSize(2);
        assertThat(((Element) lines.item(1)).getAttribute("stroke-dasharray")).isNotEmpty();
        // a higher F1 is drawn higher up (smaller y)
        String[] points = f1OfA.getAttribute("points").split(" ");
        double y0 = Double.parseDouble(points[0].split(",")[1]), y1 = Double.parseDouble(points[1].split(",")[1]);
        assertThat(y1).isLessThan(y0);
        assertThat(svg).contains("stream &lt;a&gt; &amp; b").doesNotContain("<script").doesNotContain("href");
    }

    @Test
    void roundsAxesUpToOneTwoOrFourTimesAPowerOfTen() {
        assertThat(AdaptationPlot.niceCeiling(304)).isEqualTo(400.0);
        assertThat(AdaptationPlot.niceCeiling(832)).isEqualTo(1000.0);
        assertThat(AdaptationPlot.niceCeiling(1000)).isEqualTo(1000.0);
        assertThat(AdaptationPlot.niceCeiling(0.117)).isCloseTo(0.2, within(1e-12));
        assertThat(AdaptationPlot.niceCeiling(0.21)).isCloseTo(0.4, within(1e-12));
    }

    @Test
    void labelsPercentagesWithADecimalOnlyWhenNeeded() {
        String svg = new AdaptationPlot().add("s", "#000", false, List.of(window(10, 50, 5, 95, 50))).svg(); // FPR 5 %: axis to 10 %
        assertThat(svg).contains(">2.5%<").contains(">5%<").contains(">10%<").doesNotContain(">5.0%<");
    }
}
