package io.learnloop.spring.internal;

import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.identity.Actor;
import io.learnloop.rest.RestApi;
import io.learnloop.rest.RestRequest;
import io.learnloop.rest.RestResponse;
import io.learnloop.spring.CurrentActor;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Mounts sdk-rest's handler on Spring MVC: the request below the base path, its raw body and headers, the client's
 * address ({@link HttpServletRequest#getRemoteAddr()}), and the caller from the {@link CurrentActor} (none when nobody
 * is signed in or Spring Security is absent).
 *
 * <p>Thread-safe: immutable.
 */
public final class RestApiHandler implements HandlerFunction<ServerResponse> {
    private final RestApi api;
    private final String basePath;
    private final Supplier<CurrentActor> actors;

    /**
     * Creates the handler.
     *
     * @param api      the API
     * @param basePath where it is mounted
     * @param actors   the current actor, or a supplier of null without Spring Security
     */
    public RestApiHandler(RestApi api, String basePath, Supplier<CurrentActor> actors) {
        this.api = api;
        this.basePath = basePath;
        this.actors = actors;
    }

    @Override
    public ServerResponse handle(ServerRequest request) throws IOException {
        HttpServletRequest servlet = request.servletRequest();
        byte[] body;
        try (InputStream in = servlet.getInputStream()) {
            // one byte over the limit is enough for the API to refuse the body by its length
            body = in.readNBytes(api.maxBodyBytes() + 1);
        }
        String path = request.requestPath().pathWithinApplication().value();
        String below = path.length() > basePath.length() ? path.substring(basePath.length()) : "/";
        // The remote address as the servlet container sees it: behind a proxy, Spring's forwarded-header handling
        // (server.forward-headers-strategy) has already replaced it with the client's, from proxies it trusts. The
        // API never reads X-Forwarded-For itself, so a client cannot choose the address it pays from.
        RestResponse response = api.handle(new RestRequest(request.method().name(), below,
                query(request.uri().getRawQuery()), WebhookRequests.headers(servlet), body, actor(),
                servlet.getRemoteAddr()));
        ServerResponse.BodyBuilder out = ServerResponse.status(response.status())
                .headers(h -> response.headers().forEach(h::set));
        return response.body().length == 0 ? out.build() : out.body(response.body());
    }

    private Actor actor() {
        CurrentActor current = actors.get();
        if (current == null) {
            return null;
        }
        try {
            return current.get();
        } catch (ForbiddenException e) {
            // nobody signed in: the API answers 401 on routes that need a caller
            return null;
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (name != null && value != null) {
                query.putIfAbsent(name, value);
            }
        }
        return query;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // a malformed escape: the parameter is left out, and the API reports what it then misses
            return null;
        }
    }
}
