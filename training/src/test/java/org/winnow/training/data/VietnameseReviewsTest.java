package org.winnow.training.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reads a tiny zip laid out like ViSpamReviews v1; never the real set. */
class VietnameseReviewsTest {
    private static final String HEADER = "Rating,Comment,Label,SpamLabel\n";

    @Test
    void readsEachSplitWithQuotedCommasNewlinesAndQuotes(@TempDir Path dir) throws Exception {
        Path zip = dir.resolve("vispam.zip");
        writeZip(zip, Map.of(
                "dataset/train.csv", HEADER
                        + "5,\"Chất lượng tốt, giao nhanh\",0,0\n"
                        + "4,\"Dòng một\nDòng hai\",1,3\n"
                        + "5,Tốt,1,3\n",
                "dataset/dev.csv", HEADER + "3,\"Shop nói \"\"chính hãng\"\" nhưng không\",0,0\r\n",
                "dataset/test.csv", HEADER
                        + "5,\"[QC] Tặng 1GB data, soạn tin ngay\",1,1\n"
                        + "2,hàng lỗi,0,0\n"
                        + "5,nhãn lạ,x,0\n"));

        PublicDatasets.ViSpamSplits s = PublicDatasets.vietnameseReviews(zip);

        assertThat(s.train()).containsExactly(
                new Example(false, "vispam", "train", "Chất lượng tốt, giao nhanh"),
                new Example(true, "vispam", "train", "Dòng một\nDòng hai"),
                new Example(true, "vispam", "train", "Tốt"));
        assertThat(s.dev()).containsExactly(
                new Example(false, "vispam", "dev", "Shop nói \"chính hãng\" nhưng không"));
        // the row whose label is neither 0 nor 1 is left out
        assertThat(s.test()).containsExactly(
                new Example(true, "vispam", "test", "[QC] Tặng 1GB data, soạn tin ngay"),
                new Example(false, "vispam", "test", "hàng lỗi"));
    }

    @Test
    void aMissingSplitIsAnError(@TempDir Path dir) throws Exception {
        Path zip = dir.resolve("partial.zip");
        writeZip(zip, Map.of("dataset/train.csv", HEADER, "dataset/test.csv", HEADER));
        assertThatThrownBy(() -> PublicDatasets.vietnameseReviews(zip))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("dataset/dev.csv");
    }

    @Test
    void testItemsSeenInTrainingAreDroppedByText() {
        var train = java.util.List.of(new Example(true, "vispam", "train", "Tốt"), new Example(false, "vispam", "dev", "hàng ok"));
        var test = java.util.List.of(new Example(true, "vispam", "test", " Tốt "), new Example(false, "vispam", "test", "tốt"),
                new Example(false, "vispam", "test", "hàng ok\uFEFF"), new Example(false, "vispam", "test", "hàng lỗi"));
        assertThat(PublicDatasets.withoutTextsOf(test, train)).extracting(Example::text).containsExactly("tốt", "hàng lỗi");
    }

    private static void writeZip(Path zip, Map<String, String> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
    }
}
