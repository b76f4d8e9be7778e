package org.winnow.training.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TsvTest {
    @Test
    void readsPeersLayoutWithEscapesAndHeader() throws Exception {
        String tsv = "label\ttext\nspam\tline one\\nline two\\tTAB \\\\ end\nham\tplain\n";
        List<Example> rows = Tsv.read(new ByteArrayInputStream(tsv.getBytes(StandardCharsets.UTF_8)), "x");
        assertThat(rows).containsExactly(
                new Example(true, "x", "x", "line one\nline two\tTAB \\ end"),
                new Example(false, "x", "x", "plain"));
    }

    @Test
    void corpusLayoutRoundTripsThroughGzip(@TempDir Path dir) throws Exception {
        List<Example> in = List.of(new Example(true, "youtube", "01-psy", "check\tmy\nchannel \\o/"),
                new Example(false, "sms", "sms", "see you at 5"));
        Path file = dir.resolve("c.tsv.gz");
        Tsv.writeCorpus(file, in);
        assertThat(Tsv.read(file)).isEqualTo(in);
    }

    @Test
    void dedupeKeepsFirstOccurrenceIgnoringOuterSpaceAndBom() {
        List<Example> rows = List.of(new Example(true, "a", "a", "same text"),
                new Example(false, "a", "a", " same text\uFEFF"), new Example(false, "a", "a", "Same text"));
        assertThat(PublicDatasets.dedupe(rows)).extracting(Example::text).containsExactly("same text", "Same text");
    }
}
