package org.winnow.server.http;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.winnow.store.Checks;
import org.winnow.store.StoreException;

/**
 * What a request that failed inside the server is answered, the same on every path (Javalin's
 * exception handlers and the Akismet fast path): 503 when the store is unavailable, else 500 with an
 * incident number that is also in the log. Never a stack trace to the client.
 *
 * @param status  503 or 500
 * @param message a sentence for the client
 */
public record Failures(int status, String message) {

    private static final Logger LOG = LoggerFactory.getLogger(Failures.class);

    /** Logs {@code failure} (with an incident number for 500s) and says what to answer. */
    public static Failures of(Throwable failure, String method, String path) {
        Throwable e = unwrap(failure);
        if (e instanceof StoreException se) {
            if (se.reason() == StoreException.Reason.UNAVAILABLE || se.reason() == StoreException.Reason.CLOSED) {
                LOG.warn("{} {}: store unavailable: {}", method, path, se.getMessage());
                return new Failures(503, "Service temporarily unavailable, try again later.");
            }
            String incident = incident();
            LOG.error("incident {}: {} {} failed in the store", incident, method, path, se);
            return new Failures(500, "Internal server error (incident " + incident + ").");
        }
        String incident = incident();
        LOG.error("incident {}: {} {} failed", incident, method, path, e);
        return new Failures(500, "Internal server error (incident " + incident + ").");
    }

    /** The failure itself, not the wrappers that asynchronous completion puts around it. */
    public static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String incident() {
        return Checks.newGuid().substring(20);
    }
}
