package org.winnow.training.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads labelled files for the commands: TSV ({@link Tsv}) or CSV with a header that names a label
 * column ({@code label}, {@code class}) and a text column ({@code text}, {@code content}, {@code comment}…).
 */
public final class LabelledFiles {
    private static final List<String> LABEL_COLUMNS = List.of("label", "class", "spam");
    private static final List<String> TEXT_COLUMNS = List.of("text", "content", "comment", "comments", "message", "komentar");

    private LabelledFiles() {}

    public static List<Example> read(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".csv")) return Tsv.read(file);
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<List<String>> rows = Csv.parse(r);
            if (rows.isEmpty()) return List.of();
            List<String> header = rows.getFirst().stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
            int label = firstIndex(header, LABEL_COLUMNS);
            int text = firstIndex(header, TEXT_COLUMNS);
            if (label < 0 || text < 0) throw new IOException(file + ": CSV header needs a label and a text column, got " + header);
            String source = name.replace(".csv", "");
            List<Example> out = new ArrayList<>();
            for (List<String> row : rows.subList(1, rows.size())) {
                if (row.size() <= Math.max(label, text)) continue;
                String l = row.get(label).trim().toLowerCase(Locale.ROOT);
                out.add(new Example(l.equals("1") || l.equals("spam") || l.equals("true"), source, source, row.get(text)));
            }
            return out;
        }
    }

    public static List<Example> readAll(List<Path> files) throws IOException {
        List<Example> all = new ArrayList<>();
        for (Path f : files) all.addAll(read(f));
        return all;
    }

    private static int firstIndex(List<String> header, List<String> names) {
        for (String n : names) {
            int i = header.indexOf(n);
            if (i >= 0) return i;
        }
        return -1;
    }
}
