package io.outcall.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The smoke test's client of the local API: requests as curl sends them, with whichever token a step holds. */
record SmokeHttp(HttpClient http, URI base) {

    static SmokeHttp of(URI base) {
        return new SmokeHttp(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), base);
    }

    /**
     * @param token       sent as a bearer token; null sends none
     * @param contentType of {@code body}; ignored without one
     */
    HttpResponse<String> send(String method, String path, String token, String contentType, String body) throws Exception {
        return send(method, path, token, contentType, body, java.util.Map.of());
    }

    /** @param headers more request headers ({@code If-Match}, ...) */
    HttpResponse<String> send(String method, String path, String token, String contentType, String body,
                              java.util.Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("content-type", contentType);
        }
        if (token != null) {
            request.header("authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
