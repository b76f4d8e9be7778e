package org.winnow.store;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Check guids that start with the time: 12 hex digits of epoch milliseconds, then 20 random hex
 * digits (80 bits from SecureRandom, so they cannot be guessed). New guids sort after old ones, so
 * inserting them touches the end of the guid index instead of a random page, which measurably speeds
 * up recording on SQLite.
 */
final class Guids {

    /**
     * One generator per thread: the default NativePRNG reads /dev/urandom under one global lock per
     * call, which request threads queued on; DRBG instances are independent and seeded by the system.
     */
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(() -> {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    });

    private Guids() {}

    static String next() {
        byte[] bytes = new byte[16];
        long millis = System.currentTimeMillis();
        for (int i = 5; i >= 0; i--) {
            bytes[i] = (byte) millis;
            millis >>>= 8;
        }
        byte[] random = new byte[10];
        RANDOM.get().nextBytes(random);
        System.arraycopy(random, 0, bytes, 6, 10);
        return HexFormat.of().formatHex(bytes);
    }
}
