package org.winnow.training.cli;

import org.winnow.engine.Comment;
import org.winnow.engine.Signal;
import org.winnow.engine.SpamEngine;
import org.winnow.engine.Verdict;
import org.winnow.engine.model.Model;
import org.winnow.training.DefaultModel;
import org.winnow.training.data.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code winnow check [FILE|-]}: judges comments, one per line (plain text) or JSON lines with Akismet
 * field names ({@code comment_content}, {@code comment_author}, {@code user_agent}…), and prints each
 * verdict with its strongest reasons.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Judge comments (one per line, or JSON lines) and print verdicts with reasons.")
public final class CheckCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "FILE", description = "input file, or - for stdin (default)")
    String input = "-";

    @Option(names = {"-m", "--model"}, paramLabel = "MODEL", description = "model file (default: the shipped default model)")
    Path modelFile;

    @Option(names = "--site", description = "site id for per-site adjustments (default: none)")
    String site = "";

    @Option(names = "--reasons", paramLabel = "N", description = "reasons to show per comment (default: ${DEFAULT-VALUE})")
    int reasons = 5;

    public CheckCommand() {}

    @Override
    public Integer call() throws Exception {
        Model model;
        if (modelFile == null) {
            model = DefaultModel.load();
        } else {
            try (InputStream in = Files.newInputStream(modelFile)) {
                model = Model.read(in);
            }
        }
        SpamEngine engine = SpamEngine.create(model);
        InputStream in = input.equals("-") ? System.in : Files.newInputStream(Path.of(input));
        PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) continue;
                Comment comment;
                try {
                    comment = parse(line);
                } catch (IllegalArgumentException e) {
                    System.err.printf("line %d: bad JSON: %s%n", lineNo, e.getMessage());
                    continue;
                }
                out.println(format(engine.judge(site, comment), comment.content()));
            }
        }
        out.flush();
        return 0;
    }

    static Comment parse(String line) {
        String t = line.strip();
        if (!t.startsWith("{")) return Comment.ofText(line);
        Map<String, Object> o = Json.parseObject(t);
        Object seconds = o.get("seconds_to_submit");
        return Comment.builder()
                .content(str(o, "comment_content", "content", "text"))
                .author(str(o, "comment_author", "author"))
                .authorEmail(str(o, "comment_author_email", "author_email"))
                .authorUrl(str(o, "comment_author_url", "author_url"))
                .userIp(str(o, "user_ip"))
                .userAgent(str(o, "user_agent"))
                .referrer(str(o, "referrer"))
                .permalink(str(o, "permalink"))
                .commentType(str(o, "comment_type"))
                .userRole(str(o, "user_role"))
                .siteLanguages(str(o, "blog_lang"))
                .honeypotValue(str(o, "honeypot_field_value", "honeypot"))
                .secondsToSubmit(seconds instanceof Number n ? n.doubleValue() : -1)
                .build();
    }

    private static String str(Map<String, Object> o, String... keys) {
        for (String k : keys) {
            Object v = o.get(k);
            if (v != null) return v instanceof Double d && d == Math.rint(d) ? String.valueOf(d.longValue()) : v.toString();
        }
        return "";
    }

    private String format(Verdict v, String text) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-7s %.3f  %s", v.label(), v.score(), preview(text)));
        int shown = 0;
        for (Signal s : v.signals()) {
            if (shown++ >= reasons) break;
            b.append(String.format(Locale.ROOT, "%n        %+.2f %s: %s", s.weight(), s.name(), s.detail()));
        }
        return b.toString();
    }

    private static String preview(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 70 ? oneLine : oneLine.substring(0, 67) + "...";
    }
}
