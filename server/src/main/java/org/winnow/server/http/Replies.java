package org.winnow.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import org.eclipse.jetty.ee10.servlet.ServletContextResponse;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes complete answers: exact bytes, an explicit {@code Content-Length} (so HTTP/1.0 clients
 * never see chunked encoding), and a marker telling the error pages the answer is already written.
 */
public final class Replies {

    public static final String TEXT = "text/plain; charset=utf-8";
    public static final String JSON = "application/json";
    public static final String CSV = "text/csv; charset=utf-8";

    /** Request attribute set once a handler has written its answer. */
    private static final String WRITTEN = "winnow.written";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Replies() {}

    /** Writes {@code body} as UTF-8 with the given status, content type and extra headers. */
    public static void write(Context ctx, int status, String contentType, String body, Map<String, String> headers) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ctx.status(status);
        headers.forEach(ctx::header);
        ctx.contentType(contentType);
        exactContentType(ctx, contentType);
        ctx.header("Content-Length", Integer.toString(bytes.length));
        ctx.result(bytes);
        ctx.attribute(WRITTEN, Boolean.TRUE);
    }

    public static void text(Context ctx, int status, String body) {
        write(ctx, status, TEXT, body, Map.of());
    }

    /**
     * Jetty's servlet layer re-spells a content type ({@code text/plain;charset=utf-8}); Akismet
     * sends {@code text/plain; charset=utf-8}, so put that exact value in the channel's response
     * headers, below the servlet layer. Both spellings mean the same: should Jetty's internals
     * change, its own spelling stays.
     */
    private static void exactContentType(Context ctx, String contentType) {
        try {
            ServletContextResponse r = ServletContextResponse.getServletContextResponse(ctx.res());
            if (r != null) Response.getOriginalResponse(r).getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        } catch (RuntimeException | LinkageError ignored) {
            // keep the servlet layer's spelling
        }
    }

    /** Writes {@code value} (maps, lists, records…) as JSON. */
    public static void json(Context ctx, int status, Object value) {
        write(ctx, status, JSON, toJson(value), Map.of());
    }

    /** {@code {"error": message}} with the given status. */
    public static void jsonError(Context ctx, int status, String message) {
        json(ctx, status, Map.of("error", message));
    }

    /** True when a handler already wrote the answer (error pages then leave it alone). */
    public static boolean written(Context ctx) {
        return Boolean.TRUE.equals(ctx.attribute(WRITTEN));
    }

    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
