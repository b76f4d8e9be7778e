package org.winnow.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 signatures for everything the server hands out and later trusts again: form
 * timestamps, a commenter's private link to their comment, hashes of e-mail addresses. Each use has
 * its own purpose string, so a token made for one can never pass for another.
 */
public final class Signer {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    /** One initialised MAC per thread: every page view signs its form, and getInstance + init cost more than the MAC. */
    private final ThreadLocal<Mac> mac;

    public Signer(byte[] secret) {
        byte[] key = mac(secret, "winnow-platform/v1".getBytes(StandardCharsets.UTF_8));
        this.mac = ThreadLocal.withInitial(() -> init(key));
    }

    /** URL-safe signature of {@code value} for {@code purpose} (22 characters, 128 bits). */
    public String sign(String purpose, String value) {
        byte[] full = mac.get().doFinal((purpose + '\n' + value).getBytes(StandardCharsets.UTF_8));
        return B64.encodeToString(java.util.Arrays.copyOf(full, 16));
    }

    /** {@code value.signature}: readable, tamper-evident. */
    public String token(String purpose, String value) {
        return value + "." + sign(purpose, value);
    }

    /** The value of a token made by {@link #token}, if its signature is right. Constant-time compare. */
    public Optional<String> open(String purpose, String token) {
        if (token == null) return Optional.empty();
        int dot = token.lastIndexOf('.');
        if (dot <= 0) return Optional.empty();
        String value = token.substring(0, dot);
        byte[] given = token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        byte[] expected = sign(purpose, value).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(given, expected) ? Optional.of(value) : Optional.empty();
    }

    /** Hex HMAC for keyed hashing of personal data (e.g. e-mail addresses). */
    public String hash(String purpose, String value) {
        return HexFormat.of().formatHex(mac.get().doFinal((purpose + '\n' + value).getBytes(StandardCharsets.UTF_8)));
    }

    /** A fresh random URL-safe string with {@code bytes} bytes of entropy. */
    public static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return B64.encodeToString(b);
    }

    /** SHA-256 in hex: for storing session tokens so a leaked database does not leak live sessions. */
    public static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] mac(byte[] key, byte[] data) {
        return init(key).doFinal(data);
    }

    private static Mac init(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
