package org.winnow.store;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 of API keys under the server secret, as lowercase hex. Thread-safe. */
final class KeyHasher {

    private static final String ALGORITHM = "HmacSHA256";

    private final Mac prototype;
    private final SecretKeySpec secret;

    KeyHasher(byte[] secret) {
        this.secret = new SecretKeySpec(secret, ALGORITHM);
        this.prototype = newMac();
    }

    String hash(String plaintext) {
        return HexFormat.of().formatHex(mac().doFinal(plaintext.getBytes(StandardCharsets.US_ASCII)));
    }

    /** A Mac is not thread-safe; cloning the keyed prototype is much cheaper than a fresh init. */
    private Mac mac() {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            return newMac();
        }
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(secret);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
