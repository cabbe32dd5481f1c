package io.learnloop.rest.internal;

import io.learnloop.rest.Route;

import java.util.List;

/**
 * One route with its handler.
 *
 * @param route         the public description
 * @param segments      the path template split at slashes
 * @param doc           what the OpenAPI document says of it
 * @param handler       the handler
 * @param movesMoney    whether the POST creates money movement, and so needs an idempotency key
 */
record Endpoint(Route route, List<String> segments, Doc doc, Handler handler, boolean movesMoney) {
    Endpoint {
        segments = List.copyOf(segments);
    }
}
