package org.winnow.training.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Readers for the public data sets under {@code /work/shared/datasets}. Examples come out in file
 * order, which is chronological for YouTube. Author names are dropped (personal data).
 */
public final class PublicDatasets {
    /** Subject plus this much of an e-mail body: about the size of a long comment. */
    public static final int MAIL_BODY_CHARS = 1000;

    private PublicDatasets() {}

    /** YouTube Spam Collection: one CSV per video; the group is the video file name. */
    public static List<Example> youtube(Path dir) throws IOException {
        List<Example> out = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        for (Path f : files) {
            String video = f.getFileName().toString().replace(".csv", "");
            try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                List<List<String>> rows = Csv.parse(r);
                List<String> header = rows.getFirst();
                int content = header.indexOf("CONTENT");
                int cls = header.indexOf("CLASS");
                for (List<String> row : rows.subList(1, rows.size())) {
                    if (row.size() <= Math.max(content, cls)) continue;
                    out.add(new Example(row.get(cls).trim().equals("1"), "youtube", video, row.get(content)));
                }
            }
        }
        return out;
    }

    /** SMS Spam Collection: {@code label<TAB>text} without quoting. */
    public static List<Example> sms(Path file) throws IOException {
        List<Example> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int tab = line.indexOf('\t');
            if (tab < 0) continue;
            out.add(new Example(line.substring(0, tab).equals("spam"), "sms", "sms", line.substring(tab + 1)));
        }
        return out;
    }

    /** SpamAssassin public corpus as JSON lines of raw e-mails; the group is the corpus folder. */
    public static List<Example> spamAssassin(Path jsonlGz) throws IOException {
        List<Example> out = new ArrayList<>();
        try (InputStream in = Tsv.open(jsonlGz);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) continue;
                Map<String, Object> o = Json.parseObject(line);
                String text = Mail.toCommentText((String) o.get("text"), MAIL_BODY_CHARS);
                if (text.isBlank()) continue;
                out.add(new Example("spam".equals(o.get("label")), "spamassassin", (String) o.get("group"), text));
            }
        }
        return out;
    }

    /**
     * Indonesian online-gambling YouTube comments ({@code judionline}: 32 videos, human labels). Research
     * use only: for cross-domain and adaptation tests, never shipped. The group is the video id.
     */
    public static List<Example> indonesianGambling(Path datasetDir) throws IOException {
        Path f = datasetDir.resolve("datasets/kaggle/judionline/data_komentar_dengan_prediksi - data_komentar_dengan_prediksi(2).csv");
        List<Example> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            List<List<String>> rows = Csv.parse(r);
            List<String> header = rows.getFirst();
            int video = header.indexOf("video_id");
            int text = header.indexOf("komentar");
            int label = header.indexOf("label");
            for (List<String> row : rows.subList(1, rows.size())) {
                if (row.size() <= Math.max(text, label)) continue;
                String l = row.get(label).trim();
                if (!l.equals("0") && !l.equals("1")) continue;
                out.add(new Example(l.equals("1"), "id-gambling", row.get(video), row.get(text)));
            }
        }
        return out;
    }

    /** The three provided splits of ViSpamReviews, each in file order. */
    public record ViSpamSplits(List<Example> train, List<Example> dev, List<Example> test) {}

    /**
     * ViSpamReviews v1 (Vietnamese e-commerce review spam), read straight from its zip
     * ({@code dataset/train.csv}, {@code dev.csv}, {@code test.csv}, header {@code Rating,Comment,Label,SpamLabel}).
     * Research use only: an evaluation set, never shipped. Source {@code vispam}, the group is the split name.
     */
    public static ViSpamSplits vietnameseReviews(Path zip) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
            return new ViSpamSplits(viSpamSplit(z, "train"), viSpamSplit(z, "dev"), viSpamSplit(z, "test"));
        }
    }

    private static List<Example> viSpamSplit(ZipFile z, String split) throws IOException {
        ZipEntry entry = z.getEntry("dataset/" + split + ".csv");
        if (entry == null) throw new IOException(z.getName() + " has no dataset/" + split + ".csv");
        List<Example> out = new ArrayList<>();
        // Csv needs mark/reset, which a BufferedReader gives
        try (BufferedReader r = new BufferedReader(new InputStreamReader(z.getInputStream(entry), StandardCharsets.UTF_8))) {
            List<List<String>> rows = Csv.parse(r);
            List<String> header = rows.getFirst();
            int text = header.indexOf("Comment");
            int label = header.indexOf("Label");
            if (text < 0 || label < 0) throw new IOException(split + ".csv lacks a Comment or Label column: " + header);
            for (List<String> row : rows.subList(1, rows.size())) {
                if (row.size() <= Math.max(text, label)) continue;
                String l = row.get(label).trim();
                if (!l.equals("0") && !l.equals("1")) continue;
                out.add(new Example(l.equals("1"), "vispam", split, row.get(text)));
            }
        }
        return out;
    }

    /** Drops exact duplicate texts (after trimming whitespace and U+FEFF), keeping the first. */
    public static List<Example> dedupe(List<Example> examples) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        List<Example> out = new ArrayList<>(examples.size());
        for (Example e : examples) {
            if (seen.add(dedupeKey(e.text()))) out.add(e);
        }
        return out;
    }

    /** The examples of {@code data} whose text (compared as {@link #dedupe} does) is not among {@code seen}'s. */
    public static List<Example> withoutTextsOf(List<Example> data, List<Example> seen) {
        java.util.Set<String> known = new java.util.HashSet<>();
        for (Example e : seen) known.add(dedupeKey(e.text()));
        return data.stream().filter(e -> !known.contains(dedupeKey(e.text()))).toList();
    }

    static String dedupeKey(String text) {
        return text.replace("\uFEFF", "").strip();
    }
}
