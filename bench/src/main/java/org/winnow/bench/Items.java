package org.winnow.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.winnow.engine.Comment;

/**
 * The comments the benchmarks judge. Either generated (typical blog comments of about 200 characters,
 * each with one link, half of them spam-like; deterministic for a given seed) or read from a peers'
 * TSV file ({@code label<TAB>text}, backslash escapes), so Winnow and the peers judge the same items.
 */
public final class Items {

    private static final String[] HAM_OPENERS = {
        "Thanks for writing this up,", "I tried the second approach last week and", "Great explanation of the trade-offs;",
        "Minor correction:", "Interesting read.", "We ran into the same problem at work and",
        "Could you say more about the benchmark setup?", "This matches what I saw on my own server:",
    };
    private static final String[] HAM_WORDS = {
        "cache", "latency", "garden", "recipe", "kernel", "river", "library", "deploy", "index", "teacher",
        "weekend", "chapter", "camera", "battery", "network", "paper", "sourdough", "bicycle", "question",
        "release", "compiler", "history", "museum", "window", "approach", "result", "version", "example",
    };
    private static final String[] SPAM_OPENERS = {
        "Best price guaranteed!!!", "Earn $500 a day from home,", "Cheap replica watches and", "Hot singles near you,",
        "Buy followers now:", "Limited offer -", "Congratulations, you won", "Get your free crypto bonus,",
    };
    private static final String[] SPAM_WORDS = {
        "cheap", "casino", "bonus", "viagra", "loan", "discount", "free", "winner", "pills", "forex", "crypto",
        "followers", "replica", "offer", "deal", "click", "instant", "guaranteed", "jackpot", "slots",
    };
    private static final String[] HAM_LINKS = {
        "https://en.wikipedia.org/wiki/Bloom_filter", "https://github.com/example/project/issues/42",
        "https://docs.python.org/3/library/heapq.html", "https://www.bbc.co.uk/news/science", "https://lwn.net/Articles/",
    };
    private static final String[] SPAM_LINKS = {
        "http://cheap-pills-online.example.ru/buy", "https://bit.ly/3xYzAbC", "http://best-casino-bonus.example.top/?ref=77",
        "http://replica-watch-store.example.cn", "www.fast-loans-now.example.biz",
    };

    private Items() {}

    /** One labelled comment. */
    public record Item(boolean spam, Comment comment) {}

    /** {@code n} generated comments of about {@code chars} characters, each with one link. */
    public static List<Item> typical(int n, int chars, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Item> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            boolean spam = (i & 1) == 1;
            String[] openers = spam ? SPAM_OPENERS : HAM_OPENERS;
            String[] words = spam ? SPAM_WORDS : HAM_WORDS;
            String[] links = spam ? SPAM_LINKS : HAM_LINKS;
            StringBuilder sb = new StringBuilder(chars + 40);
            sb.append(openers[r.nextInt(openers.length)]);
            String link = links[r.nextInt(links.length)];
            int linkAt = chars / 2 + r.nextInt(Math.max(1, chars / 4));
            boolean linked = false;
            while (sb.length() < chars) {
                if (!linked && sb.length() >= linkAt) {
                    sb.append(' ').append(link);
                    linked = true;
                }
                // As in real comments, many words are common ones; one in four is made up from syllables,
                // so no two comments are near-copies of each other (real traffic, where the near-copy index
                // finds nothing most of the time) while the site's language stays recognisably its own.
                int pick = r.nextInt(20);
                sb.append(' ').append(pick < 9 ? COMMON_WORDS[r.nextInt(COMMON_WORDS.length)]
                        : pick < 15 ? words[r.nextInt(words.length)] : madeUpWord(r));
                if (r.nextInt(9) == 0) sb.append(r.nextBoolean() ? '.' : ',');
            }
            if (!linked) sb.append(' ').append(link);
            Comment c = Comment.builder()
                    .content(sb.toString())
                    .author(spam ? "Best Deals " + r.nextInt(1000) : "reader" + r.nextInt(1000))
                    .authorEmail((spam ? "promo" : "me") + r.nextInt(1000) + "@example.org")
                    .userIp((11 + r.nextInt(115)) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254)))
                    .userAgent("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")
                    .permalink("https://blog.example.org/2026/11/post-" + r.nextInt(50))
                    .commentType("comment")
                    .build();
            out.add(new Item(spam, c));
        }
        return out;
    }

    private static final String[] COMMON_WORDS = {
        "the", "a", "and", "to", "of", "it", "is", "in", "that", "this", "was", "for", "with", "on", "but",
        "not", "you", "my", "we", "have", "just", "about", "what", "when", "there", "so", "if", "would", "more",
        "one", "out", "like", "think", "some", "time", "also", "really", "how", "than", "them",
    };
    private static final String[] SYLLABLES = {
        "ba", "ker", "lo", "mi", "nus", "ta", "ven", "ri", "so", "pel", "dra", "gon", "fi", "tul", "an", "mor",
        "ce", "lin", "ho", "sta", "quo", "rem", "vi", "dor", "us", "ex", "plen", "cu", "zar", "ti", "ol", "nar",
    };

    /** A pronounceable word of two to four syllables (32^2 to 32^4 of them). */
    private static String madeUpWord(SplittableRandom r) {
        StringBuilder w = new StringBuilder(12);
        for (int k = 2 + r.nextInt(3); k > 0; k--) w.append(SYLLABLES[r.nextInt(SYLLABLES.length)]);
        return w.toString();
    }

    /** The rows of a peers' TSV file as text-only comments (the peers see only the text too). */
    public static List<Item> fromTsv(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<Item> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int tab = line.indexOf('\t');
            if (tab < 0) continue;
            String label = line.substring(0, tab);
            if (i == 0 && label.equals("label")) continue;
            out.add(new Item(label.equals("spam"), Comment.ofText(unescape(line.substring(tab + 1)))));
        }
        if (out.isEmpty()) throw new IllegalArgumentException("no labelled rows in " + file);
        return out;
    }

    static String unescape(String s) {
        if (s.indexOf('\\') < 0) return s;
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char next = s.charAt(++i);
                switch (next) {
                    case 't' -> sb.append('\t');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case '\\' -> sb.append('\\');
                    default -> sb.append(c).append(next);
                }
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
