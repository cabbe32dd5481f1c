package io.learnloop.rest.internal;

import java.util.List;
import java.util.Set;

/**
 * What the OpenAPI document says about one route beyond its method and path: the summary, the body it reads, the
 * body it answers with, and its query parameters. Kept beside the handler, so the document is generated from the
 * routes and a test fails when the committed document differs.
 *
 * @param summary  one line for the document
 * @param request  the body's record class, or null for none
 * @param response the answer's record class (the item class for pages and item lists), or null for raw JSON
 * @param shape    how the answer wraps the response class
 * @param status   the success status
 * @param query    the query parameters
 * @param limit    the bounds of the {@code limit} query parameter, when it is one
 * @param problems the problem statuses the handler itself can answer beyond those its declaration implies
 *                 ({@link Endpoint#problemStatuses()}), such as 403 on a public route or 501 without a service
 */
record Doc(String summary, Class<?> request, Class<?> response, Shape shape, int status, List<String> query,
           Limit limit, Set<Integer> problems) {
    Doc {
        query = List.copyOf(query);
        problems = Set.copyOf(problems);
    }

    Doc(String summary, Class<?> request, Class<?> response, Shape shape, int status, List<String> query) {
        this(summary, request, response, shape, status, query, Limit.PAGE, Set.of());
    }

    Doc(String summary, Class<?> request, Class<?> response, Shape shape, int status, List<String> query,
        Limit limit) {
        this(summary, request, response, shape, status, query, limit, Set.of());
    }

    /** The same with more problem statuses the handler can answer. */
    Doc problems(Integer... statuses) {
        Set<Integer> all = new java.util.HashSet<>(problems);
        all.addAll(List.of(statuses));
        return new Doc(summary, request, response, shape, status, query, limit, all);
    }

    /**
     * How many items a route answers when the client names no {@code limit}, and the most it may ask for.
     *
     * @param byDefault the count without a limit
     * @param max       the largest limit
     */
    record Limit(int byDefault, int max) {
        /** A listing paged by cursor. */
        static final Limit PAGE = new Limit(Call.DEFAULT_LIMIT, Call.MAX_LIMIT);
        /** A listing whose service sets the page size when the client names none ({@link #byDefault()} is 0). */
        static final Limit SERVICE_DEFAULT = new Limit(0, Call.MAX_LIMIT);

        /** Whether the service behind the route picks the page size when the client names none. */
        boolean serviceDefault() {
            return byDefault == 0;
        }
    }

    /** How an answer wraps its record class. */
    enum Shape {
        /** The record itself. */
        ONE,
        /** {@code {"items":[...],"nextCursor":...}}, paged by cursor. */
        PAGE,
        /** {@code {"items":[...]}}, a bounded list. */
        ITEMS,
        /** JSON the API passes through as it is (the JWK set, the OpenAPI document). */
        RAW
    }

    static Doc one(String summary, Class<?> response) {
        return new Doc(summary, null, response, Shape.ONE, 200, List.of());
    }

    static Doc page(String summary, Class<?> item, String... query) {
        List<String> q = new java.util.ArrayList<>(List.of(query));
        q.add("cursor");
        q.add("limit");
        return new Doc(summary, null, item, Shape.PAGE, 200, q);
    }

    static Doc items(String summary, Class<?> item) {
        return new Doc(summary, null, item, Shape.ITEMS, 200, List.of());
    }

    static Doc raw(String summary) {
        return new Doc(summary, null, null, Shape.RAW, 200, List.of());
    }

    Doc reads(Class<?> body) {
        return new Doc(summary, body, response, shape, status, query, limit, problems);
    }

    Doc creates() {
        return new Doc(summary, request, response, shape, 201, query, limit, problems);
    }

    Doc query(String... names) {
        return new Doc(summary, request, response, shape, status, List.of(names), limit, problems);
    }

    /** Takes a {@code limit} query parameter with bounds of its own. */
    Doc limited(Limit bounds) {
        List<String> q = new java.util.ArrayList<>(query);
        q.add("limit");
        return new Doc(summary, request, response, shape, status, q, bounds, problems);
    }
}
