package org.winnow.platform.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One site's settings: how threads look, which comments are held, and how long personal data is
 * kept. Stored as JSON so that new settings need no migration; a missing key takes its default.
 *
 * @param maxDepth             deepest reply level shown (1 = no replies)
 * @param newestFirst          top-level comments newest first (else oldest first)
 * @param pageSize             top-level comments per page
 * @param holdWords            a comment containing one of these (case-insensitive) is held
 * @param rejectWords          a comment containing one of these goes straight to the trash
 * @param holdUnknownEmail     hold a comment whose e-mail has no approved comment on this site yet
 * @param holdLinksOver        hold a comment with more links than this (negative: off)
 * @param holdNewCommenterDays hold comments from a commenter first seen less than this many days ago (0: off)
 * @param holdThreshold        spam score at or above which a comment is held for moderation
 * @param spamThreshold        spam score at or above which a comment goes to the spam folder
 * @param minimiseAfterDays    after this many days, IPs are truncated and user agent and referrer dropped
 * @param deleteSpamAfterDays  spam is deleted for good after this many days
 * @param deleteTrashAfterDays trash is deleted for good after this many days
 */
public record SiteSettings(int maxDepth, boolean newestFirst, int pageSize, List<String> holdWords,
                           List<String> rejectWords, boolean holdUnknownEmail, int holdLinksOver,
                           int holdNewCommenterDays, double holdThreshold, double spamThreshold,
                           int minimiseAfterDays, int deleteSpamAfterDays, int deleteTrashAfterDays) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public SiteSettings {
        holdWords = List.copyOf(holdWords);
        rejectWords = List.copyOf(rejectWords);
    }

    public static SiteSettings defaults() {
        return new SiteSettings(3, false, 20, List.of(), List.of(), false, 2, 0, 0.5, 0.9, 30, 30, 30);
    }

    /** Parses stored JSON; unknown or missing keys fall back to the defaults. */
    public static SiteSettings fromJson(String json) {
        Map<String, Object> m;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> read = json == null || json.isBlank() ? Map.of() : JSON.readValue(json, Map.class);
            m = read;
        } catch (JsonProcessingException e) {
            m = Map.of();
        }
        SiteSettings d = defaults();
        return new SiteSettings(
                intOr(m, "maxDepth", d.maxDepth), boolOr(m, "newestFirst", d.newestFirst),
                intOr(m, "pageSize", d.pageSize), listOr(m, "holdWords"), listOr(m, "rejectWords"),
                boolOr(m, "holdUnknownEmail", d.holdUnknownEmail), intOr(m, "holdLinksOver", d.holdLinksOver),
                intOr(m, "holdNewCommenterDays", d.holdNewCommenterDays),
                doubleOr(m, "holdThreshold", d.holdThreshold), doubleOr(m, "spamThreshold", d.spamThreshold),
                intOr(m, "minimiseAfterDays", d.minimiseAfterDays),
                intOr(m, "deleteSpamAfterDays", d.deleteSpamAfterDays),
                intOr(m, "deleteTrashAfterDays", d.deleteTrashAfterDays));
    }

    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("maxDepth", maxDepth);
        m.put("newestFirst", newestFirst);
        m.put("pageSize", pageSize);
        m.put("holdWords", holdWords);
        m.put("rejectWords", rejectWords);
        m.put("holdUnknownEmail", holdUnknownEmail);
        m.put("holdLinksOver", holdLinksOver);
        m.put("holdNewCommenterDays", holdNewCommenterDays);
        m.put("holdThreshold", holdThreshold);
        m.put("spamThreshold", spamThreshold);
        m.put("minimiseAfterDays", minimiseAfterDays);
        m.put("deleteSpamAfterDays", deleteSpamAfterDays);
        m.put("deleteTrashAfterDays", deleteTrashAfterDays);
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Problems with these values, for people; empty when they are fine. */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (maxDepth < 1 || maxDepth > 10) p.add("Reply depth must be between 1 and 10.");
        if (pageSize < 5 || pageSize > 200) p.add("Comments per page must be between 5 and 200.");
        if (holdLinksOver > 100) p.add("The link limit must be at most 100 (or negative to switch it off).");
        if (holdNewCommenterDays < 0 || holdNewCommenterDays > 3650) p.add("New-commenter days must be between 0 and 3650.");
        if (!(holdThreshold > 0 && holdThreshold <= 1)) p.add("The hold threshold must be above 0 and at most 1.");
        if (!(spamThreshold > 0 && spamThreshold <= 1)) p.add("The spam threshold must be above 0 and at most 1.");
        if (holdThreshold > spamThreshold) p.add("The hold threshold must not be above the spam threshold.");
        if (minimiseAfterDays < 0 || minimiseAfterDays > 3650) p.add("Days before IPs are truncated must be between 0 and 3650.");
        if (deleteSpamAfterDays < 1 || deleteSpamAfterDays > 3650) p.add("Days before spam is deleted must be between 1 and 3650.");
        if (deleteTrashAfterDays < 1 || deleteTrashAfterDays > 3650) p.add("Days before trash is deleted must be between 1 and 3650.");
        return p;
    }

    /** The first hold word found in {@code text}, or null. */
    public String holdWordIn(String text) {
        return firstWordIn(holdWords, text);
    }

    /** The first reject word found in {@code text}, or null. */
    public String rejectWordIn(String text) {
        return firstWordIn(rejectWords, text);
    }

    private static String firstWordIn(List<String> words, String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String w : words) if (!w.isBlank() && lower.contains(w.toLowerCase(Locale.ROOT))) return w;
        return null;
    }

    /** Splits a textarea of words (one per line or comma-separated) into a clean list. */
    public static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) return out;
        for (String w : text.split("[\\n,]")) {
            String t = w.strip();
            if (!t.isEmpty() && t.length() <= 100 && !out.contains(t)) out.add(t);
        }
        return out;
    }

    private static int intOr(Map<String, Object> m, String k, int d) {
        return m.get(k) instanceof Number n ? n.intValue() : d;
    }

    private static double doubleOr(Map<String, Object> m, String k, double d) {
        return m.get(k) instanceof Number n ? n.doubleValue() : d;
    }

    private static boolean boolOr(Map<String, Object> m, String k, boolean d) {
        return m.get(k) instanceof Boolean b ? b : d;
    }

    private static List<String> listOr(Map<String, Object> m, String k) {
        List<String> out = new ArrayList<>();
        if (m.get(k) instanceof List<?> l) for (Object o : l) if (o != null) out.add(o.toString());
        return out;
    }
}
