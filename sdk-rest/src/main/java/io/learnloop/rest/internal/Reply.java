package io.learnloop.rest.internal;

import java.util.Map;

/**
 * What a handler answers: a status, a body written in the wire format (or raw JSON bytes), and extra headers.
 *
 * @param status  the HTTP status
 * @param body    the value to write as JSON, a {@link RawJson}, or null for no body
 * @param headers extra response headers
 */
record Reply(int status, Object body, Map<String, String> headers) {
    Reply {
        headers = Map.copyOf(headers);
    }

    static Reply ok(Object body) {
        return new Reply(200, body, Map.of());
    }

    static Reply created(Object body, String location) {
        return new Reply(201, body, Map.of("Location", location));
    }

    /** JSON text already in its final form (the JWK set, the OpenAPI document). */
    record RawJson(byte[] bytes) {
    }
}
