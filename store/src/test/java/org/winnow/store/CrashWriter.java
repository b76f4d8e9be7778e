package org.winnow.store;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import org.winnow.store.Checks.Check;
import org.winnow.store.Corrections.Correction;

/**
 * Run in a child JVM by {@link DurabilityTest}: records checks and corrections from several threads
 * and prints a line for each one only after the store acknowledged it, until it is killed.
 * Arguments: database URL, secret (hex), site id.
 */
public final class CrashWriter {

    private CrashWriter() {}

    public static void main(String[] args) {
        String url = args[0];
        byte[] secret = HexFormat.of().parseHex(args[1]);
        long siteId = Long.parseLong(args[2]);
        Store store = Store.open(url, secret);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.println("ready");
        for (int t = 0; t < 8; t++) {
            int thread = t;
            Thread.ofPlatform().start(() -> {
                for (long i = 0; ; i++) {
                    if (thread == 0 && i % 4 == 0) {
                        Correction c = store.corrections().append(new Correction(0, siteId, null, true, "import", "{}",
                                Instant.now(), null));
                        out.println("correction " + c.seq());
                    } else {
                        Check c = StoreTestBase.check(siteId, Instant.now(), "ham");
                        store.checks().record(c);
                        out.println("check " + c.guid());
                    }
                }
            });
        }
    }
}
