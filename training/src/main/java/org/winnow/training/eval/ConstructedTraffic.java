package org.winnow.training.eval;

import org.winnow.engine.Comment;
import org.winnow.engine.SpamEngine;
import org.winnow.engine.model.Model;
import org.winnow.engine.traffic.ManualClock;
import org.winnow.engine.traffic.RecentTraffic;
import org.winnow.engine.traffic.TrafficSettings;
import org.winnow.training.data.Example;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Constructed traffic for one site over a week, with addresses and times, to measure the signals the
 * public data sets cannot (they have neither): ham from held-out public ham, and spam as it arrives
 * on a real site, in waves of slightly varied copies, bursts from one /24, campaigns linking one new
 * domain, text in a script foreign to the site, single spam comments in between, and text in the site's
 * script but another language (spam, and readers who write in their own language).
 * Deterministic for a seed. Constructed data: it shows what each signal adds when spam behaves like
 * this, not how often spam behaves like this.
 */
public final class ConstructedTraffic {
    /** The kinds of item, in report order. */
    public static final List<String> KINDS = List.of("ham", "single spam", "wave of copies", "burst from one /24",
            "link campaign", "foreign-script spam", "foreign-script ham", "foreign-language spam",
            "foreign-language ham");

    /** One comment: when it arrives, what it is, and its label. */
    public record Item(Instant at, Comment comment, boolean spam, String kind) implements KindedItem {}

    /** What one pass of the stream through an engine gave: margins in stream order, and the CPU time judging took. */
    public record Run(List<Item> items, double[] margins, long judgeCpuNanos) {
        public Metrics metrics() {
            return KindedItem.metrics(items, margins);
        }

        /** Share of the items of {@code kind} judged spam. */
        public double flagged(String kind) {
            return KindedItem.flagged(items, margins, kind);
        }
    }

    static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
    private static final Duration SPAN = Duration.ofDays(7);
    private static final String SITE = "constructed-site";

    private final Random random;
    private final List<Item> items = new ArrayList<>();
    private final List<String> readerIps = new ArrayList<>();
    private final List<Example> englishSpam;
    private final List<Example> otherSpam;
    private int englishNext;
    private int otherNext;
    private int scrapedNext;

    private ConstructedTraffic(long seed, List<Example> englishSpam, List<Example> otherSpam) {
        this.random = new Random(seed);
        this.englishSpam = shuffled(englishSpam);
        this.otherSpam = shuffled(otherSpam);
    }

    /**
     * Builds the week's traffic.
     *
     * @param ham         held-out ham texts (the site's readers); at most 2,000 are used
     * @param englishSpam held-out spam of the domain the model was trained on
     * @param otherSpam   spam of a domain the model never saw (half the campaigns use it), in another
     *                    language of the same script; single comments of it arrive as foreign-language spam
     * @param otherHam    ham in that language: readers writing in their own language (2 % of the ham)
     */
    public static List<Item> build(List<Example> ham, List<Example> englishSpam, List<Example> otherSpam,
                                   List<Example> otherHam, long seed) {
        ConstructedTraffic t = new ConstructedTraffic(seed, englishSpam, otherSpam);
        List<Example> hamTexts = t.shuffled(ham);
        int scraped = Math.min(hamTexts.size() / 5, 200);
        t.readers(1500);
        t.ham(hamTexts.subList(scraped, hamTexts.size()));
        for (int k = 0; k < 6; k++) t.wave(k);
        for (int k = 0; k < 6; k++) t.ipBurst(k);
        for (int k = 0; k < 6; k++) t.linkCampaign(k, hamTexts.subList(0, scraped));
        t.foreignScriptSpam(40);
        t.singles(150);
        // added after the rest, from their own random stream, so the items above stay as they were
        t.foreignLanguage(new Random(seed + 1), otherHam, 40, 60);
        t.items.sort(Comparator.comparing(Item::at));
        return List.copyOf(t.items);
    }

    /** Streams the items through an engine on {@code model} with {@code settings}, each judged at its own time. */
    public static Run run(Model model, TrafficSettings settings, List<Item> items) {
        return run(model, settings, items, "");
    }

    /** The same, with every comment saying the site declares {@code siteLanguages} (Akismet's blog_lang). */
    public static Run run(Model model, TrafficSettings settings, List<Item> items, String siteLanguages) {
        ManualClock clock = new ManualClock(START); // set to each item's time
        SpamEngine engine = SpamEngine.create(model, new RecentTraffic(settings, clock));
        double[] margins = new double[items.size()];
        // CPU time of this thread, not wall time: on a shared machine the wall clock mostly measures waiting
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long t0 = cpu.getCurrentThreadCpuTime();
        for (int i = 0; i < items.size(); i++) {
            clock.set(items.get(i).at());
            Comment c = items.get(i).comment();
            if (!siteLanguages.isEmpty()) c = c.toBuilder().siteLanguages(siteLanguages).build();
            margins[i] = engine.judge(SITE, c).logOdds() - engine.threshold();
        }
        return new Run(items, margins, cpu.getCurrentThreadCpuTime() - t0);
    }

    /** Item counts per kind, in {@link #KINDS} order. */
    public static Map<String, Integer> counts(List<Item> items) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String k : KINDS) out.put(k, 0);
        for (Item i : items) out.merge(i.kind(), 1, Integer::sum);
        return out;
    }

    // ---- readers and ham ----

    /** Readers' addresses: mostly scattered, a quarter behind five mobile carriers' shared /24s, some IPv6. */
    private void readers(int n) {
        String[] carriers = new String[5];
        for (int c = 0; c < carriers.length; c++) carriers[c] = randomSlash24();
        for (int r = 0; r < n; r++) {
            double u = random.nextDouble();
            if (u < 0.25) readerIps.add(carriers[random.nextInt(carriers.length)] + (1 + random.nextInt(254)));
            else if (u < 0.40) readerIps.add(randomV6());
            else readerIps.add(randomSlash24() + (1 + random.nextInt(254)));
        }
    }

    /**
     * About one ham comment every five minutes with three busy afternoons; a reader sometimes answers
     * again within minutes (a thread), and about 1 % of readers write in another script.
     */
    private void ham(List<Example> texts) {
        int n = Math.min(2000, texts.size());
        long spanMs = SPAN.toMillis();
        int i = 0;
        while (i < n) {
            long t = random.nextDouble() < 0.15
                    ? busyHour() : (long) (random.nextDouble() * spanMs);
            String ip = readerIps.get(random.nextInt(readerIps.size()));
            int replies = random.nextDouble() < 0.15 ? 1 + random.nextInt(3) : 0;
            for (int r = 0; r <= replies && i < n; r++, i++) {
                Instant at = START.plusMillis(t + r * (60_000L + random.nextInt(240_000)));
                if (random.nextDouble() < 0.01) {
                    items.add(new Item(at, comment(pick(FOREIGN_HAM), ip), false, "foreign-script ham"));
                } else {
                    items.add(new Item(at, comment(texts.get(i).text(), ip), false, "ham"));
                }
            }
        }
    }

    private long busyHour() {
        int day = 1 + 2 * random.nextInt(3); // days 1, 3, 5
        return Duration.ofDays(day).plusHours(14).toMillis() + (long) (random.nextDouble() * Duration.ofHours(3).toMillis());
    }

    // ---- spam ----

    /** 15-40 varied copies of one spam text over one to three hours, each from another address (a botnet). */
    private void wave(int k) {
        String base = longSpam(k % 2 == 0);
        int copies = 15 + random.nextInt(26);
        long start = randomTime();
        long length = Duration.ofHours(1 + random.nextInt(3)).toMillis();
        for (int c = 0; c < copies; c++) {
            Instant at = START.plusMillis(start + (long) (random.nextDouble() * length));
            items.add(new Item(at, comment(vary(base), botIp()), true, "wave of copies"));
        }
    }

    /** 8-20 different spam texts from one /24 within eight minutes. */
    private void ipBurst(int k) {
        String net = randomSlash24();
        int n = 8 + random.nextInt(13);
        long start = randomTime();
        for (int c = 0; c < n; c++) {
            Instant at = START.plusMillis(start + (long) (random.nextDouble() * Duration.ofMinutes(8).toMillis()));
            items.add(new Item(at, comment(spamText(k % 2 == 0), net + (1 + random.nextInt(254))), true, "burst from one /24"));
        }
    }

    /**
     * 6-15 comments linking one fresh domain within twenty minutes, from scattered addresses. Half the
     * campaigns use spam texts, the other half innocent comments scraped from elsewhere with the link
     * added (ham texts set aside for this, never also used as the site's ham), as link spam for search
     * rankings does.
     */
    private void linkCampaign(int k, List<Example> scraped) {
        String domain = pick(SYLLABLES) + pick(SYLLABLES) + "-" + pick(SYLLABLES) + pick(SYLLABLES) + "." + pick(NEW_TLDS);
        int n = 6 + random.nextInt(10);
        long start = randomTime();
        for (int c = 0; c < n; c++) {
            Instant at = START.plusMillis(start + (long) (random.nextDouble() * Duration.ofMinutes(20).toMillis()));
            String link = "https://" + domain + "/" + pick(SYLLABLES) + (10 + random.nextInt(90));
            String body = k % 2 == 0 ? spamText(k % 4 == 0) : scraped.get(scrapedNext++ % scraped.size()).text();
            String text = body + (random.nextBoolean() ? " " + link : " more here: " + link);
            items.add(new Item(at, comment(text, botIp()), true, "link campaign"));
        }
    }

    /** Spam in Cyrillic, Han, Arabic or Devanagari, scattered over the week. */
    private void foreignScriptSpam(int n) {
        for (int c = 0; c < n; c++) {
            String text = pick(FOREIGN_SPAM).replace("{n}", Integer.toString(100 + random.nextInt(900)))
                    .replace("{link}", "http://" + pick(SYLLABLES) + pick(SYLLABLES) + "." + pick(NEW_TLDS));
            items.add(new Item(START.plusMillis(randomTime()), comment(text, botIp()), true, "foreign-script spam"));
        }
    }

    /**
     * Comments in the other language, at random times: {@code hamCount} from the site's readers (their
     * texts from {@code otherHam}) and {@code spamCount} single spam comments from random addresses (taken
     * from the far end of the other spam, away from the texts the campaigns use).
     */
    private void foreignLanguage(Random r, List<Example> otherHam, int hamCount, int spamCount) {
        List<Example> hamTexts = new ArrayList<>(otherHam);
        java.util.Collections.shuffle(hamTexts, r);
        long span = SPAN.toMillis();
        for (int c = 0; c < Math.min(hamCount, hamTexts.size()); c++) {
            String ip = readerIps.get(r.nextInt(readerIps.size()));
            items.add(new Item(START.plusMillis((long) (r.nextDouble() * span)), comment(hamTexts.get(c).text(), ip),
                    false, "foreign-language ham"));
        }
        for (int c = 0; c < Math.min(spamCount, otherSpam.size()); c++) {
            String ip = r.nextDouble() < 0.1 ? randomV6() : randomSlash24() + (1 + r.nextInt(254));
            items.add(new Item(START.plusMillis((long) (r.nextDouble() * span)),
                    comment(otherSpam.get(otherSpam.size() - 1 - c).text(), ip), true, "foreign-language spam"));
        }
    }

    /** Single spam comments at random times from random addresses: the model's everyday work. */
    private void singles(int n) {
        for (int c = 0; c < n; c++) {
            items.add(new Item(START.plusMillis(randomTime()), comment(spamText(c % 2 == 0), botIp()), true, "single spam"));
        }
    }

    /** A spam text at least 60 characters long (waves are of real messages, not one-liners). */
    private String longSpam(boolean english) {
        for (int tries = 0; tries < 1000; tries++) {
            String s = spamText(english);
            if (s.length() >= 60 && s.length() <= 400) return s;
        }
        return spamText(english);
    }

    private String spamText(boolean english) {
        if (english || otherSpam.isEmpty()) return englishSpam.get(englishNext++ % englishSpam.size()).text();
        return otherSpam.get(otherNext++ % otherSpam.size()).text();
    }

    /**
     * A slightly varied copy: a greeting, a word dropped or a filler inserted, other digits, a tag at
     * the end, the way template spam comes out.
     */
    private String vary(String base) {
        List<String> words = new ArrayList<>(List.of(base.split(" ")));
        if (random.nextDouble() < 0.5 && words.size() > 6) words.remove(1 + random.nextInt(words.size() - 2));
        if (random.nextDouble() < 0.5) words.add(random.nextInt(words.size() + 1), pick(FILLERS));
        StringBuilder b = new StringBuilder();
        if (random.nextDouble() < 0.5) b.append(pick(GREETINGS)).append(' ');
        for (String w : words) {
            StringBuilder v = new StringBuilder(w.length());
            for (char c : w.toCharArray()) v.append(c >= '0' && c <= '9' && random.nextDouble() < 0.5 ? (char) ('0' + random.nextInt(10)) : c);
            b.append(v).append(' ');
        }
        if (random.nextDouble() < 0.4) b.append(pick(TAGS));
        return b.toString().strip();
    }

    // ---- addresses and times ----

    private long randomTime() {
        return (long) (random.nextDouble() * (SPAN.toMillis() - Duration.ofHours(3).toMillis()));
    }

    private String botIp() {
        return random.nextDouble() < 0.1 ? randomV6() : randomSlash24() + (1 + random.nextInt(254));
    }

    /** "a.b.c." of a random global unicast /24 (not private, loopback, carrier NAT or multicast). */
    private String randomSlash24() {
        while (true) {
            int a = 1 + random.nextInt(223), b = random.nextInt(256);
            if (a == 10 || a == 127 || (a == 100 && b >= 64 && b < 128) || (a == 169 && b == 254)
                    || (a == 172 && b >= 16 && b < 32) || (a == 192 && b == 168)) continue;
            return a + "." + b + "." + random.nextInt(256) + ".";
        }
    }

    private String randomV6() {
        return String.format(Locale.ROOT, "2a0%x:%x:%x:%x::%x", random.nextInt(16), random.nextInt(0x10000),
                random.nextInt(0x10000), random.nextInt(0x10000), 1 + random.nextInt(0xffff));
    }

    private static Comment comment(String text, String ip) {
        return Comment.builder().content(text).userIp(ip).build();
    }

    private <T> List<T> shuffled(List<T> in) {
        List<T> out = new ArrayList<>(in);
        java.util.Collections.shuffle(out, random);
        return out;
    }

    private String pick(String[] a) {
        return a[random.nextInt(a.length)];
    }

    // ---- word lists (written for this generator) ----

    private static final String[] GREETINGS = {"Hi all,", "Hello friends!", "Hey guys", "Dear readers,", "Good day!", "Hi everyone"};
    private static final String[] FILLERS = {"really", "now", "today", "guys", "honestly", "just", "100%", "truly"};
    private static final String[] TAGS = {"!!", ":)", "#win", "#money", "<3", "!!!", "#free", "..."};
    private static final String[] SYLLABLES = {"ka", "lo", "mi", "zen", "tor", "vex", "pa", "ri", "ququ", "dal", "nor", "bet",
            "sun", "max", "go", "lux"};
    private static final String[] NEW_TLDS = {"top", "xyz", "click", "online", "site", "shop"};

    /** Foreign-script spam templates: loans, casino, pills, followers. */
    private static final String[] FOREIGN_SPAM = {
            "Кредит без проверки за {n} секунд! Одобрение всем, пишите в телеграм, ссылка {link}",
            "Лучшее онлайн казино, бонус {n}% на первый депозит, выигрыши каждый день {link}",
            "Продам базы клиентов и накрутку подписчиков недорого, {n} тысяч за неделю",
            "Таблетки для похудения без рецепта со скидкой {n} рублей, доставка по всей стране",
            "正规网上赌场注册就送{n}元彩金，天天返水，立即访问 {link}",
            "专业代写论文和刷粉丝服务，价格优惠，加微信了解详情 {n}",
            "无需抵押快速贷款，{n}秒审批，当天到账，点击 {link}",
            "اربح {n} دولار يوميا من المنزل بدون خبرة، سجل الان عبر الرابط {link}",
            "أفضل كازينو على الإنترنت مع مكافأة ترحيبية كبيرة لكل لاعب جديد {n}",
            "घर बैठे रोज़ {n} रुपये कमाएं, अभी रजिस्टर करें और बोनस पाएं {link}",
            "सबसे सस्ता लोन बिना किसी कागज़ के, तुरंत मंज़ूरी, कॉल करें {n}"};

    /** Foreign-script comments of the kind a multilingual reader leaves: thanks, questions, agreement. */
    private static final String[] FOREIGN_HAM = {
            "Спасибо за подробную статью, очень помогло разобраться",
            "А есть ли продолжение этой истории? Очень интересно читать",
            "谢谢分享，这篇文章写得很清楚，我学到了很多",
            "请问第二部分什么时候更新？期待后续内容",
            "شكرا على هذا المقال الرائع، استفدت منه كثيرا",
            "बहुत अच्छा लेख है, जानकारी के लिए धन्यवाद"};
}
