package org.winnow.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A deliberately dumb HTTP client on a raw socket: sends exactly the bytes asked for (any Host,
 * HTTP/1.0, odd bodies) with {@code Connection: close}, reads to EOF, and parses the answer without
 * decoding anything, so tests see the exact bytes and headers a client would.
 */
final class RawHttp {

    /** One parsed answer. Header names are lower-cased; a repeated header keeps every value. */
    record Response(String statusLine, int status, Map<String, List<String>> headers, byte[] body, byte[] raw) {
        String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null ? null : v.get(0);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        boolean chunked() {
            String te = header("transfer-encoding");
            return te != null && te.toLowerCase(Locale.ROOT).contains("chunked");
        }
    }

    private final int port;

    RawHttp(int port) {
        this.port = port;
    }

    /** A request with a form body (Content-Type application/x-www-form-urlencoded) over HTTP/1.1. */
    Response post(String path, String form, String... headers) {
        boolean typed = false;
        for (int i = 0; i < headers.length; i += 2) typed |= headers[i].equalsIgnoreCase("Content-Type");
        String[] all = typed ? headers : concat(new String[] {"Content-Type", "application/x-www-form-urlencoded"}, headers);
        return send("POST", path, "HTTP/1.1", form.getBytes(StandardCharsets.UTF_8), all);
    }

    Response get(String path, String... headers) {
        return send("GET", path, "HTTP/1.1", null, headers);
    }

    /**
     * Sends one request. {@code headers} are name/value pairs; a Host header is added unless one is
     * given; a Content-Length is added when there is a body unless one is given.
     */
    Response send(String method, String path, String version, byte[] body, String... headers) {
        StringBuilder head = new StringBuilder();
        head.append(method).append(' ').append(path).append(' ').append(version).append("\r\n");
        boolean host = false, length = false;
        for (int i = 0; i + 1 < headers.length; i += 2) {
            if (headers[i].equalsIgnoreCase("Host")) host = true;
            if (headers[i].equalsIgnoreCase("Content-Length") || headers[i].equalsIgnoreCase("Transfer-Encoding")) {
                length = true;
            }
            head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        if (!host) head.append("Host: 127.0.0.1:").append(port).append("\r\n");
        if (body != null && !length) head.append("Content-Length: ").append(body.length).append("\r\n");
        head.append("Connection: close\r\n\r\n");
        ByteArrayOutputStream req = new ByteArrayOutputStream();
        req.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) req.writeBytes(body);
        return exchange(req.toByteArray());
    }

    /** Sends {@code raw} as it is and reads the answer to EOF. */
    Response exchange(byte[] raw) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            try {
                out.write(raw);
                out.flush();
            } catch (IOException e) {
                // the server may answer (e.g. 413) and close before reading everything: read what it said
            }
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                int n;
                while ((n = in.read(buf)) >= 0) all.write(buf, 0, n);
            } catch (IOException e) {
                if (all.size() == 0) throw e;
            }
            return parse(all.toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("HTTP exchange failed: " + e, e);
        }
    }

    static Response parse(byte[] raw) {
        int end = -1;
        for (int i = 0; i + 3 < raw.length; i++) {
            if (raw[i] == '\r' && raw[i + 1] == '\n' && raw[i + 2] == '\r' && raw[i + 3] == '\n') {
                end = i;
                break;
            }
        }
        if (end < 0) throw new IllegalStateException("no header end in: " + new String(raw, StandardCharsets.ISO_8859_1));
        String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int c = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, c).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(lines[i].substring(c + 1).strip());
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        return new Response(lines[0], status, headers, body, raw);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] r = new String[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
