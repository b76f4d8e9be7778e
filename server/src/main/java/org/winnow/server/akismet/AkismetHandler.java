package org.winnow.server.akismet;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.winnow.server.http.Failures;
import org.winnow.server.http.FormData;
import org.winnow.server.http.Replies;
import org.winnow.server.http.RequestBody;
import org.winnow.server.metrics.ServerMetrics;

/**
 * The Akismet endpoints as a Jetty core handler in front of Javalin: GET and POST on the exact
 * Akismet paths are answered here, everything else (other methods, a trailing slash, every other
 * path) goes on to Javalin, whose routes give the same answers.
 *
 * <p>Why: per request, the servlet and Javalin layers (request wrappers, routing, the context,
 * the request logger) cost more CPU than judging the comment, and a comment-check used to hold its
 * thread while waiting for the group commit of its check. Here a comment-check is judged on the
 * Jetty thread, which then returns to the pool; the answer is written when the check's batch has
 * committed (on the store's thread that releases committed batches: a small non-blocking write), so no thread waits and the
 * answer still means "judged and recorded durably".
 *
 * <p>The bytes are the same as Javalin's path writes: status 200 for protocol outcomes, exact
 * {@code text/plain; charset=utf-8}, the Akismet headers, an explicit Content-Length, never chunked.
 */
final class AkismetHandler extends Handler.Wrapper {

    /** One path's endpoint and its request timers (cached: no meter lookup per request). */
    private record Route(String path, AkismetApi.Endpoint endpoint, ServerMetrics.RouteTimer get,
                         ServerMetrics.RouteTimer post) {}

    private final Map<String, Route> routes = new HashMap<>();
    private final long maxRequestBytes;

    AkismetHandler(Map<String, AkismetApi.Endpoint> endpoints, long maxRequestBytes, ServerMetrics metrics) {
        this.maxRequestBytes = maxRequestBytes;
        endpoints.forEach((path, endpoint) -> routes.put(path, new Route(path, endpoint,
                metrics.routeTimer("GET", path), metrics.routeTimer("POST", path))));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String method = request.getMethod();
        boolean post = HttpMethod.POST.is(method);
        Route route = post || HttpMethod.GET.is(method) ? routes.get(Request.getPathInContext(request)) : null;
        if (route == null) {
            return super.handle(request, response, callback);
        }
        long started = System.nanoTime();
        ServerMetrics.RouteTimer timer = post ? route.post() : route.get();
        HttpFields headers = request.getHeaders();
        byte[] body;
        try {
            body = RequestBody.read(Content.Source.asInputStream(request), request.getLength(),
                    headers.get(HttpHeader.EXPECT), maxRequestBytes);
        } catch (RequestBody.TooLargeException e) {
            send(response, callback, 413, Replies.TEXT, "Request body too large: the limit is " + e.limit() + " bytes.",
                    Map.of(), timer, started);
            return true;
        } catch (RequestBody.MalformedException e) {
            send(response, callback, 400, Replies.TEXT, "Malformed request body.", Map.of(), timer, started);
            return true;
        }
        CompletableFuture<Answer> answer;
        try {
            FormData form = FormData.parse(request.getHttpURI().getQuery(), body, headers.get(HttpHeader.CONTENT_TYPE));
            answer = route.endpoint().apply(new AkismetApi.Request(form, headers.get(HttpHeader.HOST),
                    headers.get(HttpHeader.AUTHORIZATION)));
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        // Runs at once for answers that are ready, else on the thread that completes the check.
        answer.whenComplete((a, failure) -> {
            if (failure != null) {
                Failures f = Failures.of(failure, method, route.path());
                send(response, callback, f.status(), Replies.TEXT, f.message(), Map.of(), timer, started);
            } else {
                send(response, callback, a.status(), a.contentType(), a.body(), a.headers(), timer, started);
            }
        });
        return true;
    }

    private static void send(Response response, Callback callback, int status, String contentType, String body,
                             Map<String, String> extra, ServerMetrics.RouteTimer timer, long started) {
        try {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            response.setStatus(status);
            HttpFields.Mutable h = response.getHeaders();
            h.put(HttpHeader.CONTENT_TYPE, contentType);
            extra.forEach(h::put);
            h.put(HttpHeader.CONTENT_LENGTH, bytes.length);
            response.write(true, ByteBuffer.wrap(bytes), callback);
            timer.record(status, System.nanoTime() - started);
        } catch (RuntimeException e) {
            callback.failed(e); // e.g. the client went away: Jetty closes the exchange instead of leaving it open
        }
    }
}
