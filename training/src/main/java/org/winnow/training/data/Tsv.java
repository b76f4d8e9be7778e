package org.winnow.training.data;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Labelled TSV files with backslash escapes ({@code \t \n \r \\}) in the text, as the peers harness
 * uses. Two layouts are read: {@code label<TAB>text} (peers) and {@code label<TAB>source<TAB>group<TAB>text}
 * (the project corpus). A first line starting with {@code label<TAB>} is a header. {@code .gz} files
 * are decompressed.
 */
public final class Tsv {
    private Tsv() {}

    public static List<Example> read(Path file) throws IOException {
        try (InputStream in = open(file)) {
            return read(in, file.getFileName().toString());
        }
    }

    public static List<Example> read(InputStream in, String defaultSource) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        List<Example> out = new ArrayList<>();
        String line;
        int lineNo = 0;
        while ((line = r.readLine()) != null) {
            lineNo++;
            if (line.isEmpty()) continue;
            if (lineNo == 1 && line.startsWith("label\t")) continue;
            String[] cols = line.split("\t", -1);
            boolean spam = parseLabel(cols[0], lineNo);
            if (cols.length >= 4) {
                out.add(new Example(spam, cols[1], cols[2], unescape(joinRest(cols, 3))));
            } else if (cols.length >= 2) {
                out.add(new Example(spam, defaultSource, defaultSource, unescape(joinRest(cols, 1))));
            } else {
                throw new IOException("line " + lineNo + ": expected label<TAB>text");
            }
        }
        return out;
    }

    private static String joinRest(String[] cols, int from) {
        return from == cols.length - 1 ? cols[from] : String.join("\t", java.util.Arrays.copyOfRange(cols, from, cols.length));
    }

    private static boolean parseLabel(String s, int lineNo) throws IOException {
        return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "spam", "1", "true" -> true;
            case "ham", "0", "false" -> false;
            default -> throw new IOException("line " + lineNo + ": unknown label '" + s + "'");
        };
    }

    /** Writes the corpus layout {@code label source group text}, with a header. */
    public static void writeCorpus(Path file, List<Example> examples) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
             OutputStream out = file.toString().endsWith(".gz") ? new GZIPOutputStream(raw, 1 << 16) : raw;
             Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
            w.write("label\tsource\tgroup\ttext\n");
            for (Example e : examples) {
                w.write(e.label() + '\t' + e.source() + '\t' + e.group() + '\t' + escape(e.text()) + '\n');
            }
        }
    }

    /** Writes the peers harness layout {@code label text} ({@code spam}/{@code ham}), with a header. */
    public static void writePeers(Path file, List<Example> examples) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("label\ttext\n");
            for (Example e : examples) w.write(e.label() + '\t' + escape(e.text()) + '\n');
        }
    }

    static InputStream open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        return file.toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
    }

    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    public static String unescape(String s) {
        if (s.indexOf('\\') < 0) return s;
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                switch (n) {
                    case 't' -> b.append('\t');
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case '\\' -> b.append('\\');
                    default -> b.append('\\').append(n);
                }
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
