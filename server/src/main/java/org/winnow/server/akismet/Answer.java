package org.winnow.server.akismet;

import java.util.LinkedHashMap;
import java.util.Map;
import org.winnow.server.http.Replies;

/** One Akismet answer before it is written: status, content type, exact body and extra headers. */
record Answer(int status, String contentType, String body, Map<String, String> headers) {

    static final String DEBUG_HELP = "X-akismet-debug-help";
    static final String GUID = "X-akismet-guid";
    static final String PRO_TIP = "X-akismet-pro-tip";

    static Answer text(String body) {
        return new Answer(200, Replies.TEXT, body, Map.of());
    }

    static Answer json(String json) {
        return new Answer(200, Replies.JSON, json, Map.of());
    }

    /** A protocol-level error: HTTP 200, the body, and {@code X-akismet-debug-help}. */
    static Answer error(String body, String debugHelp) {
        return new Answer(200, Replies.TEXT, body, Map.of(DEBUG_HELP, debugHelp));
    }

    static Answer invalid(String debugHelp) {
        return error("invalid", debugHelp);
    }

    Answer withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Answer(status, contentType, body, h);
    }
}
