package io.learnloop.http.internal;

import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Sends one attempt with okhttp: the only place in the SDK that executes an okhttp call.
 *
 * <p>Thread-safe: the okhttp client is.
 */
final class Transport {
    private static final Set<String> METHODS_WITH_BODY = Set.of("POST", "PUT", "PATCH");

    private final OkHttpClient client;

    Transport(OkHttpClient client) {
        this.client = client;
    }

    /**
     * Sends the request and reads the whole response.
     *
     * @param request the signed request
     * @return the response
     * @throws IOException when no complete response arrived
     */
    HttpResponse send(HttpRequest request) throws IOException {
        Request.Builder b = new Request.Builder().url(request.url()).method(request.method(), body(request));
        request.headers().forEach(b::header);
        try (Response response = client.newCall(b.build()).execute()) {
            ResponseBody body = response.body();
            byte[] bytes = body == null ? new byte[0] : body.bytes();
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (String name : response.headers().names()) {
                headers.put(name, response.header(name));
            }
            return new HttpResponse(response.code(), headers, bytes);
        }
    }

    private static RequestBody body(HttpRequest request) {
        byte[] bytes = request.body();
        if (bytes != null) {
            return RequestBody.create(bytes, MediaType.get(request.contentType()));
        }
        // okhttp refuses these methods without a body; an empty one is what the peer would see anyway.
        return METHODS_WITH_BODY.contains(request.method()) ? RequestBody.create(new byte[0], (MediaType) null) : null;
    }
}
