package io.learnloop.rest.internal;

import io.learnloop.rest.Route;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Matches a method and path to an endpoint. A path no route has is 404; a path some route has under another method
 * is 405 with the methods it does have in {@code Allow}. Literal segments win over parameters, so {@code /me/notes}
 * never reads as a note id.
 */
final class Router {
    private final List<Endpoint> endpoints;

    private Router(List<Endpoint> endpoints) {
        this.endpoints = List.copyOf(endpoints);
    }

    static Builder builder() {
        return new Builder();
    }

    List<Endpoint> endpoints() {
        return endpoints;
    }

    List<Route> routes() {
        return endpoints.stream().map(Endpoint::route).toList();
    }

    /** The endpoint and its decoded path parameters. */
    record Match(Endpoint endpoint, Map<String, String> params) {
    }

    Match match(String method, String path) {
        List<String> parts = split(path);
        TreeSet<String> allowed = new TreeSet<>();
        Match best = null;
        int bestLiterals = -1;
        for (Endpoint e : endpoints) {
            Map<String, String> params = bind(e.segments(), parts);
            if (params == null) {
                continue;
            }
            if (!e.route().method().equals(method)) {
                allowed.add(e.route().method());
                continue;
            }
            int literals = (int) e.segments().stream().filter(s -> !s.startsWith("{")).count();
            if (literals > bestLiterals) {
                best = new Match(e, params);
                bestLiterals = literals;
            }
        }
        if (best != null) {
            return best;
        }
        if (!allowed.isEmpty()) {
            throw new RestFailure(405, "METHOD_NOT_ALLOWED", method + " is not allowed on " + path + "; use "
                    + String.join(", ", allowed) + ".", List.of(), Map.of("Allow", String.join(", ", allowed)));
        }
        throw new RestFailure(404, "NOT_FOUND", "No route " + path + "; see the OpenAPI document at /openapi.json.");
    }

    private static Map<String, String> bind(List<String> template, List<String> parts) {
        if (template.size() != parts.size()) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < template.size(); i++) {
            String t = template.get(i);
            String p = parts.get(i);
            if (t.startsWith("{")) {
                String value = decode(p);
                if (value == null || value.isEmpty()) {
                    return null;
                }
                params.put(t.substring(1, t.length() - 1), value);
            } else if (!t.equals(p)) {
                return null;
            }
        }
        return params;
    }

    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static List<String> split(String path) {
        List<String> parts = new ArrayList<>();
        for (String s : path.split("/", -1)) {
            if (!s.isEmpty()) {
                parts.add(s);
            }
        }
        return parts;
    }

    /** Collects endpoints; refuses two routes with one method and template. */
    static final class Builder {
        private final List<Endpoint> endpoints = new ArrayList<>();

        Builder get(String path, String operationId, Route.Access access, Doc doc, Handler handler) {
            return add(new Route("GET", path, operationId, access), doc, handler, false);
        }

        Builder post(String path, String operationId, Route.Access access, Doc doc, Handler handler) {
            return add(new Route("POST", path, operationId, access), doc, handler, false);
        }

        Builder postMovingMoney(String path, String operationId, Doc doc, Handler handler) {
            return add(new Route("POST", path, operationId, Route.Access.SIGNED_IN), doc, handler, true);
        }

        private Builder add(Route route, Doc doc, Handler handler, boolean movesMoney) {
            for (Endpoint e : endpoints) {
                if (e.route().method().equals(route.method()) && e.route().path().equals(route.path())) {
                    throw new IllegalStateException("two routes for " + route.method() + " " + route.path());
                }
            }
            endpoints.add(new Endpoint(route, split(route.path()), doc, handler, movesMoney));
            return this;
        }

        Router build() {
            return new Router(endpoints);
        }
    }
}
