package io.learnloop.rest.internal;

import io.learnloop.core.Page;
import io.learnloop.core.identity.Actor;
import io.learnloop.rest.RestRequest;

import java.util.Map;

/** One matched request as the handlers see it: path parameters, query, body and the caller. */
final class Call {
    /** Items per page when the client names no limit. */
    static final int DEFAULT_LIMIT = 20;
    /** The most items per page a client may ask for. */
    static final int MAX_LIMIT = 100;

    private final RestRequest request;
    private final Map<String, String> params;

    Call(RestRequest request, Map<String, String> params) {
        this.request = request;
        this.params = Map.copyOf(params);
    }

    RestRequest request() {
        return request;
    }

    /** The caller; a route that needs one is refused before its handler runs when there is none. */
    Actor actor() {
        Actor actor = request.actor();
        if (actor == null) {
            throw unauthenticated();
        }
        return actor;
    }

    String param(String name) {
        return params.get(name);
    }

    String query(String name) {
        String v = request.query().get(name);
        return v == null || v.isBlank() ? null : v;
    }

    String cursor() {
        String cursor = query("cursor");
        if (cursor != null && cursor.length() > 512) {
            throw RestFailure.invalid("cursor", "is not a cursor this API issued");
        }
        return cursor;
    }

    int limit() {
        return limit(new Doc.Limit(DEFAULT_LIMIT, Math.min(MAX_LIMIT, Page.MAX_LIMIT)));
    }

    /** The client's {@code limit} within the bounds, or null when it named none. */
    Integer requestedLimit(Doc.Limit bounds) {
        return query("limit") == null ? null : limit(bounds);
    }

    int limit(Doc.Limit bounds) {
        String text = query("limit");
        if (text == null) {
            return bounds.byDefault();
        }
        int limit;
        try {
            limit = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw RestFailure.invalid("limit", "must be a whole number from 1 to " + bounds.max());
        }
        if (limit < 1 || limit > bounds.max()) {
            throw RestFailure.invalid("limit", "must be from 1 to " + bounds.max() + ", was " + limit);
        }
        return limit;
    }

    <T> T body(Class<T> type) {
        return Json.read(request.body(), type);
    }

    /** The answer to a request that needs a caller and has none. */
    static RestFailure unauthenticated() {
        return new RestFailure(401, "UNAUTHENTICATED", "Sign in first: this operation needs a signed-in caller.",
                java.util.List.of(), Map.of("WWW-Authenticate", "Bearer"));
    }
}
