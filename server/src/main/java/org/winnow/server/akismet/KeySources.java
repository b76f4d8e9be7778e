package org.winnow.server.akismet;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;
import org.winnow.server.http.FormData;

/**
 * Where an Akismet client puts its API key, in the order we look (the first source present wins):
 *
 * <ol>
 *   <li>form or query field {@code api_key}, then {@code key} — reversed for verify-key and
 *       get-subscription, where {@code key} is the key being tested (WordPress sends its stored key
 *       as {@code api_key} beside the new one);</li>
 *   <li>the left-most label of the Host header, when it is a well-formed key (12 hex characters)
 *       followed by more labels: {@code KEY.rest.akismet.com}, {@code KEY.localhost:8080}; labels
 *       such as {@code rest} or {@code localhost} and IP addresses are ignored;</li>
 *   <li>the user of HTTP Basic auth, trailing dot stripped ({@code KEY.:undefined} from akismet-api,
 *       {@code KEY.:} from Perl, {@code KEY:}), when the password is empty or {@code undefined}.</li>
 * </ol>
 */
public final class KeySources {

    private static final Pattern WELL_FORMED = Pattern.compile("[0-9a-fA-F]{12}");

    private KeySources() {}

    /** The key the request carries, or null when it carries none. */
    public static String find(FormData form, String host, String authorization, boolean keyFieldFirst) {
        String fromForm = keyFieldFirst ? form.firstNonBlank("key", "api_key") : form.firstNonBlank("api_key", "key");
        if (fromForm != null) return tidy(fromForm);
        String fromHost = fromHost(host);
        if (fromHost != null) return fromHost;
        String fromAuth = fromBasicAuth(authorization);
        return fromAuth == null ? null : tidy(fromAuth);
    }

    /** The key in a {@code KEY.some.host[:port]} Host header, lower-cased, or null. */
    static String fromHost(String host) {
        if (host == null) return null;
        String h = host.strip();
        if (h.startsWith("[")) return null; // IPv6 literal
        int dot = h.indexOf('.');
        if (dot <= 0) return null;
        String label = h.substring(0, dot);
        return WELL_FORMED.matcher(label).matches() ? label.toLowerCase(Locale.ROOT) : null;
    }

    /** The user of a Basic auth header whose password is empty or {@code undefined}, without a trailing dot. */
    static String fromBasicAuth(String authorization) {
        if (authorization == null) return null;
        String a = authorization.strip();
        if (a.length() < 6 || !a.regionMatches(true, 0, "Basic ", 0, 6)) return null;
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(a.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        String user = colon < 0 ? decoded : decoded.substring(0, colon);
        String password = colon < 0 ? "" : decoded.substring(colon + 1);
        if (!password.isEmpty() && !password.equals("undefined")) return null;
        user = user.strip();
        while (user.endsWith(".")) user = user.substring(0, user.length() - 1);
        return user.isEmpty() ? null : user;
    }

    private static String tidy(String key) {
        String k = key.strip();
        return WELL_FORMED.matcher(k).matches() ? k.toLowerCase(Locale.ROOT) : k;
    }
}
