package org.winnow.engine.traffic;

/**
 * Which scripts one site's ham is written in: counts of the dominant script of ham comments (learned
 * ham, and judged comments well below the threshold). Halved once the total passes {@link #HALF_LIFE}
 * so it follows the site as it changes. At most {@link #SLOTS} scripts are kept (the rarest goes):
 * a few bytes per site. Synchronised on the instance.
 */
final class ScriptProfile {
    static final int HALF_LIFE = 2000;
    private static final int SLOTS = 8;
    private static final Character.UnicodeScript[] ALL = Character.UnicodeScript.values();

    private final short[] scripts = new short[SLOTS];
    private final int[] counts = new int[SLOTS];
    private int used;
    private int total;

    synchronized void add(Character.UnicodeScript s) {
        int k = find(s);
        if (k < 0) {
            if (used < SLOTS) {
                k = used++;
            } else {
                k = 0;
                for (int j = 1; j < SLOTS; j++) if (counts[j] < counts[k]) k = j;
                total -= counts[k];
                counts[k] = 0;
            }
            scripts[k] = (short) s.ordinal();
        }
        counts[k]++;
        total++;
        if (total > HALF_LIFE) {
            total = 0;
            for (int j = 0; j < used; j++) total += counts[j] /= 2;
        }
    }

    /** {count of s, total, most common script ordinal or -1}, read consistently. */
    synchronized int[] read(Character.UnicodeScript s) {
        int k = find(s);
        int top = -1;
        for (int j = 0; j < used; j++) if (top < 0 || counts[j] > counts[top]) top = j;
        return new int[] {k < 0 ? 0 : counts[k], total, top < 0 ? -1 : scripts[top]};
    }

    static Character.UnicodeScript script(int ordinal) {
        return ALL[ordinal];
    }

    private int find(Character.UnicodeScript s) {
        for (int j = 0; j < used; j++) if (scripts[j] == s.ordinal()) return j;
        return -1;
    }
}
