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

    /** Whether the route reads a body; a route that does not ignores any body sent. */
    boolean readsBody() {
        return doc.request() != null;
    }

    /**
     * Every problem status this route can answer, derived from its declaration: 400 for input it reads (a path or
     * query parameter, a body, an idempotency key), 401 and 403 for a signed-in caller, 404 for a resource named in
     * the path, 409 for a change of state (POST), 413 and 415 for a body, 422 for a reused idempotency key, 500 and
     * 503 everywhere, and whatever the route's {@link Doc#problems()} adds.
     */
    java.util.SortedSet<Integer> problemStatuses() {
        java.util.SortedSet<Integer> out = new java.util.TreeSet<>(doc.problems());
        boolean pathParams = segments.stream().anyMatch(s -> s.startsWith("{"));
        if (pathParams || !doc.query().isEmpty() || readsBody() || movesMoney) {
            out.add(400);
        }
        if (route.access() == Route.Access.SIGNED_IN) {
            out.add(401);
            out.add(403);
        }
        if (pathParams) {
            out.add(404);
        }
        if (!route.method().equals("GET")) {
            out.add(409);
        }
        if (readsBody()) {
            out.add(413);
            out.add(415);
        }
        if (movesMoney) {
            out.add(422);
        }
        out.add(500);
        out.add(503);
        return out;
    }
}
