package org.winnow.server.http;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body ourselves, with a hard size limit, so that no framework rejects an odd body
 * before we see it and no client can make us buffer more than the limit.
 */
public final class RequestBody {

    /** How much of an oversized body we still read and discard, so the client gets to see our 413. */
    private static final long DRAIN_LIMIT = 8L * 1024 * 1024;

    private RequestBody() {}

    /** The body was larger than the limit. */
    public static final class TooLargeException extends Exception {
        private final long limit;

        public TooLargeException(long limit) {
            super("request body larger than " + limit + " bytes", null, false, false);
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }
    }

    /** The body could not be read (broken chunked encoding, early end of stream…). */
    public static final class MalformedException extends Exception {
        public MalformedException(String message) {
            super(message, null, false, false);
        }
    }

    /** Reads the whole body, at most {@code maxBytes}. */
    public static byte[] read(HttpServletRequest req, long maxBytes) throws TooLargeException, MalformedException {
        InputStream in;
        try {
            in = req.getInputStream();
        } catch (IOException | RuntimeException e) {
            throw new MalformedException("the request body could not be read");
        }
        return read(in, req.getContentLengthLong(), req.getHeader("Expect"), maxBytes);
    }

    /**
     * Reads the whole body from {@code in}, at most {@code maxBytes}.
     *
     * @param declared the Content-Length, or -1 when none was sent
     * @param expect   the request's Expect header, or null
     */
    public static byte[] read(InputStream in, long declared, String expect, long maxBytes)
            throws TooLargeException, MalformedException {
        try {
            if (declared > maxBytes) {
                // A client waiting for "100 Continue" never sends the body if we answer at once; one
                // announcing more than we would ever drain gets its connection closed after the answer.
                boolean waiting = "100-continue".equalsIgnoreCase(expect);
                if (!waiting && declared <= DRAIN_LIMIT) drain(in);
                throw new TooLargeException(maxBytes);
            }
            if (declared == 0) return new byte[0];
            ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 256);
            byte[] buf = new byte[declared > 0 ? (int) Math.min(declared + 1, 8192) : 8192];
            long total = 0;
            int n;
            while ((n = in.read(buf)) >= 0) {
                total += n;
                if (total > maxBytes) {
                    drain(in);
                    throw new TooLargeException(maxBytes);
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw new MalformedException("the request body could not be read");
        }
    }

    private static void drain(InputStream in) {
        byte[] buf = new byte[8192];
        long seen = 0;
        try {
            int n;
            while (seen < DRAIN_LIMIT && (n = in.read(buf)) >= 0) {
                seen += n;
            }
        } catch (IOException | RuntimeException ignored) {
            // the client went away or sent garbage: nothing more to do, the answer is 413 anyway
        }
    }
}
