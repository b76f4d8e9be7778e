package org.winnow.store;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Check guids that start with the time: 12 hex digits of epoch milliseconds, then 20 random hex
 * digits (80 bits from SecureRandom, so they cannot be guessed). New guids sort after old ones, so
 * inserting them touches the end of the guid index instead of a random page, which measurably speeds
 * up recording on SQLite.
 */
final class Guids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Guids() {}

    static String next() {
        byte[] bytes = new byte[16];
        long millis = System.currentTimeMillis();
        for (int i = 5; i >= 0; i--) {
            bytes[i] = (byte) millis;
            millis >>>= 8;
        }
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        System.arraycopy(random, 0, bytes, 6, 10);
        return HexFormat.of().formatHex(bytes);
    }
}
