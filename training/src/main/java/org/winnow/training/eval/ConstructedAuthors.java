package org.winnow.training.eval;

import org.winnow.engine.Comment;
import org.winnow.engine.SpamEngine;
import org.winnow.engine.authors.AuthorHistory;
import org.winnow.engine.model.Model;
import org.winnow.engine.traffic.RecentTraffic;
import org.winnow.training.data.Example;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Constructed comments with author fields (name, e-mail, website), which the public data sets lack,
 * to measure what the author fields add when moderators correct the engine's mistakes. Texts are
 * held-out public texts; only the identities are made up. Readers keep their name, address and site,
 * and some comment often; spammers come in campaigns that keep one advertised website (with a keyword
 * name), or one throwaway address, or link one site from the text, or change every field each time,
 * and single spam comes in between. Every comment of a campaign has a different text, so only the author
 * fields (or the one link) tie them together.
 * Deterministic for a seed. Constructed data: it shows what the fields add when authors behave like
 * this, not how often they do.
 */
public final class ConstructedAuthors {
    /** The kinds of item, in report order. */
    public static final List<String> KINDS = List.of("ham", "advertised website", "one throwaway address",
            "one linked site", "changing identity", "single spam");

    /** One comment, in stream order, with its label and kind. */
    public record Item(Comment comment, boolean spam, String kind) implements KindedItem {}

    /** How the stream is judged and corrected. */
    public enum Mode {
        /** The model as trained: nothing is learned during the stream. */
        MODEL_ONLY("model only, no corrections"),
        /** Every mistake is corrected, but the comments carry no author fields. */
        NO_AUTHOR_FIELDS("corrections, author fields left out"),
        /** Every mistake is corrected; author fields reach the model only as features. */
        FEATURES_ONLY("corrections, author fields as model features only"),
        /** Every mistake is corrected; author fields are model features and the author history (the default). */
        DEFAULT("corrections, model features + author history (default)"),
        /** As {@link #DEFAULT}, on a model trained without link features (pass that model): what a linked site's local reputation adds. */
        NO_LINK_FEATURES("the same, on a model without link features");

        public final String label;

        Mode(String label) {
            this.label = label;
        }
    }

    /** One pass: the margin (log-odds minus threshold) each item got before its correction, and how many corrections there were. */
    public record Run(List<Item> items, double[] margins, int corrections) {
        public Metrics metrics() {
            return KindedItem.metrics(items, margins);
        }

        /** Share of the items of {@code kind} judged spam. */
        public double flagged(String kind) {
            return KindedItem.flagged(items, margins, kind);
        }
    }

    private static final String SITE = "constructed-authors";
    /** Ham texts set aside as the words of linked-site spam. */
    private static final int INNOCENT = 200;
    private static final String[] FIRST = {"Anna", "James", "Maria", "David", "Sofia", "Michael", "Emma", "Daniel",
            "Olivia", "Thomas", "Laura", "Peter", "Chloe", "Lucas", "Hannah", "Mark", "Julia", "Samuel", "Nina",
            "Robert", "Grace", "Ahmed", "Priya", "Kenji", "Fatima", "Carlos", "Ingrid", "Pavel", "Aisha", "Liam",
            "Elena", "Tomasz", "Mei", "Jonas", "Claire", "Oscar", "Rosa", "Victor", "Helen", "Ravi"};
    private static final String[] LAST = {"Smith", "Garcia", "Müller", "Rossi", "Novak", "Kowalski", "Brown",
            "Dubois", "Jensen", "Tanaka", "Silva", "Okafor", "Johansson", "Khan", "Murphy", "Schmidt", "Costa",
            "Nguyen", "Walker", "Petrov", "Hughes", "Moreau", "Fischer", "Ali", "Lopez", "Bauer", "Evans",
            "Sato", "Larsen", "Reid"};
    private static final String[] HANDLES = {"nightowl", "bookworm", "runner", "oldtimer", "lurker", "gardener",
            "cyclist", "coder", "teacher", "birder", "chess", "hiker", "baker", "fisher", "reader"};
    private static final String[] WEBMAIL = {"gmail.com", "gmail.com", "gmail.com", "outlook.com", "yahoo.com",
            "hotmail.com", "icloud.com", "proton.me", "gmx.de", "web.de"};
    /** What the advertised websites sell: the campaign's name is one of these, the domain made from it. */
    private static final String[] OFFERS = {"cheap flights", "payday loans", "seo services", "buy followers",
            "casino bonus", "weight loss", "essay writing", "crypto signals", "roof repair", "replica watches",
            "web design", "car insurance", "dating online", "cbd oil", "forex trading", "phone repair"};
    private static final String[] TLDS = {".com", ".net", ".online", ".xyz", ".top", ".ru", ".info", ".site"};

    private final Random random;
    private final List<Item> items = new ArrayList<>();

    private ConstructedAuthors(long seed) {
        this.random = new Random(seed);
    }

    /**
     * Builds the stream.
     *
     * @param ham       held-out ham texts: at most 2,000 for the readers, and up to 200 more (a fifth at
     *                  most) as the words around the links of the linked-site campaigns
     * @param spam      held-out spam of the domain the model was trained on; each text is used once
     * @param otherSpam spam of a domain the model never saw, for every other campaign (each text used once)
     */
    public static List<Item> build(List<Example> ham, List<Example> spam, List<Example> otherSpam, long seed) {
        ConstructedAuthors a = new ConstructedAuthors(seed);
        List<String> allHam = a.shuffledTexts(ham, 2000 + INNOCENT);
        // innocent texts set aside for the linked-site campaigns, which are not the readers'
        List<String> innocent = allHam.subList(0, Math.min(INNOCENT, allHam.size() / 5));
        List<String> hamTexts = allHam.subList(innocent.size(), allHam.size());
        int nextInnocent = 0;
        Texts texts = new Texts(a.shuffledTexts(spam, Integer.MAX_VALUE), a.shuffledTexts(otherSpam, Integer.MAX_VALUE));
        List<Identity> readers = new ArrayList<>();
        for (int r = 0; r < 400; r++) readers.add(a.reader());
        for (String text : hamTexts) {
            // a few regulars write much of the ham: the square of a uniform number favours the first readers
            double u = a.random.nextDouble();
            Identity reader = readers.get((int) (u * u * readers.size()));
            a.items.add(new Item(reader.comment(text), false, "ham"));
        }
        for (int k = 0; k < 12; k++) {
            String offer = OFFERS[k % OFFERS.length];
            String website = "http://" + offer.replace(' ', '-') + "-" + a.word() + TLDS[a.random.nextInt(TLDS.length)];
            int n = 6 + a.random.nextInt(15);
            for (int c = 0; c < n; c++) {
                // the keyword name mostly stays, the address changes every time
                String name = a.random.nextDouble() < 0.7 ? offer : "best " + offer;
                Identity id = new Identity(name, a.throwaway(), website);
                a.items.add(new Item(id.comment(texts.next(k)), true, "advertised website"));
            }
        }
        for (int k = 0; k < 8; k++) {
            String address = a.throwaway();
            int n = 5 + a.random.nextInt(11);
            for (int c = 0; c < n; c++) {
                Identity id = new Identity(a.personName(), address, "");
                a.items.add(new Item(id.comment(texts.next(k)), true, "one throwaway address"));
            }
        }
        for (int k = 0; k < 8; k++) {
            int n = 5 + a.random.nextInt(11);
            for (int c = 0; c < n; c++) {
                Identity id = new Identity(a.personName(), a.throwaway(), "");
                a.items.add(new Item(id.comment(texts.next(k)), true, "changing identity"));
            }
        }
        for (int k = 0; k < 6; k++) {
            String site = a.word() + "-" + OFFERS[(k + 5) % OFFERS.length].replace(' ', '-') + TLDS[a.random.nextInt(TLDS.length)];
            int n = 6 + a.random.nextInt(15);
            for (int c = 0; c < n; c++) {
                // each comment links another page of the one site, in the middle of a new text
                // innocent words around the link, as link spam often is; the other domain's spam for odd campaigns
                String text = k % 2 == 0 && nextInnocent < innocent.size() ? innocent.get(nextInnocent++) : texts.next(k);
                int cut = text.length() / 2;
                while (cut < text.length() && text.charAt(cut) != ' ') cut++;
                String link = "http://" + site + "/" + a.word() + "?id=" + a.random.nextInt(100_000);
                String body = text.substring(0, cut) + " " + link + text.substring(cut);
                Identity id = new Identity(a.personName(), a.throwaway(), "");
                a.items.add(new Item(id.comment(body), true, "one linked site"));
            }
        }
        for (int c = 0; c < 150; c++) {
            String website = a.random.nextBoolean() ? "" : "http://" + a.word() + a.word() + TLDS[a.random.nextInt(TLDS.length)];
            Identity id = new Identity(a.personName(), a.throwaway(), website);
            a.items.add(new Item(id.comment(texts.next(0)), true, "single spam"));
        }
        // campaigns spread over the whole stream, mixed with the readers' comments
        Collections.shuffle(a.items, a.random);
        return List.copyOf(a.items);
    }

    /**
     * Streams the items through a new engine on {@code model}, one site, without recent-traffic
     * signals (so only the author fields and the text differ between modes); in every mode but
     * {@link Mode#MODEL_ONLY} each wrong verdict is corrected at once, as a moderator would.
     */
    public static Run run(Model model, List<Item> items, Mode mode) {
        boolean history = mode == Mode.DEFAULT || mode == Mode.NO_LINK_FEATURES;
        SpamEngine engine = SpamEngine.create(model, RecentTraffic.off(),
                history ? AuthorHistory.withDefaults() : AuthorHistory.off());
        List<Comment> comments = items.stream().map(Item::comment)
                .map(c -> mode == Mode.NO_AUTHOR_FIELDS ? c.toBuilder().author("").authorEmail("").authorUrl("").build() : c)
                .toList();
        boolean[] labels = new boolean[items.size()];
        for (int i = 0; i < labels.length; i++) labels[i] = items.get(i).spam();
        OnlineAdaptation.Pass pass = OnlineAdaptation.pass(engine, SITE, comments, labels, mode != Mode.MODEL_ONLY);
        return new Run(items, pass.margins(), pass.corrections());
    }

    /** Item counts per kind, in {@link #KINDS} order. */
    public static Map<String, Integer> counts(List<Item> items) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String k : KINDS) out.put(k, 0);
        for (Item i : items) out.merge(i.kind(), 1, Integer::sum);
        return out;
    }

    /** Spam texts of both sources, each handed out once: campaign {@code k} draws from the other source when k is odd. */
    private static final class Texts {
        private final List<String> known, other;
        private int nextKnown, nextOther;

        Texts(List<String> known, List<String> other) {
            this.known = known;
            this.other = other;
        }

        String next(int campaign) {
            boolean useOther = campaign % 2 == 1 && nextOther < other.size();
            if (!useOther && nextKnown >= known.size()) throw new IllegalArgumentException("not enough spam texts");
            return useOther ? other.get(nextOther++) : known.get(nextKnown++);
        }
    }

    private record Identity(String name, String email, String website) {
        Comment comment(String text) {
            return Comment.builder().content(text).author(name).authorEmail(email).authorUrl(website).build();
        }
    }

    /** A reader: a person's name (or a handle), nearly always an address, sometimes a website of their own. */
    private Identity reader() {
        String first = FIRST[random.nextInt(FIRST.length)], last = LAST[random.nextInt(LAST.length)];
        boolean handle = random.nextDouble() < 0.25;
        String local = handle ? HANDLES[random.nextInt(HANDLES.length)] + (10 + random.nextInt(90))
                : switch (random.nextInt(3)) {
                    case 0 -> first + "." + last;
                    case 1 -> first.charAt(0) + last;
                    default -> first + last + (random.nextBoolean() ? "" : Integer.toString(random.nextInt(100)));
                };
        local = ascii(local);
        String name = handle ? local : first + " " + last;
        String email = random.nextDouble() < 0.9 ? local + "@" + WEBMAIL[random.nextInt(WEBMAIL.length)] : "";
        String website = "";
        if (random.nextDouble() < 0.2) {
            String slug = ascii(first + last);
            website = switch (random.nextInt(4)) {
                case 0 -> "https://" + slug + ".com";
                case 1 -> "https://" + slug + ".blogspot.com";
                case 2 -> "https://github.com/" + slug;
                default -> "https://medium.com/@" + slug;
            };
        }
        return new Identity(name, email, website);
    }

    private String personName() {
        return FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)];
    }

    /** A throwaway address: a made-up word and digits at a webmail provider. */
    private String throwaway() {
        return word() + (1000 + random.nextInt(900_000)) + "@" + WEBMAIL[random.nextInt(WEBMAIL.length)];
    }

    /** A pronounceable made-up word of 5 to 8 letters. */
    private String word() {
        String consonants = "bcdfghklmnprstvz", vowels = "aeiou";
        int n = 5 + random.nextInt(4);
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            String from = i % 2 == 0 ? consonants : vowels;
            b.append(from.charAt(random.nextInt(from.length())));
        }
        return b.toString();
    }

    private static String ascii(String s) {
        return s.toLowerCase(Locale.ROOT).replace("ü", "ue");
    }

    private List<String> shuffledTexts(List<Example> examples, int max) {
        List<String> texts = new ArrayList<>();
        for (Example e : examples) texts.add(e.text());
        Collections.shuffle(texts, random);
        return texts.size() > max ? texts.subList(0, max) : texts;
    }
}
