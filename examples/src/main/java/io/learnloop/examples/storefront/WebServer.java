package io.learnloop.examples.storefront;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small router over the JDK's HTTP server: routes with {@code {name}} path parameters, form and query parsing,
 * signed session cookies, a guard against forged form posts, security headers on every response, and an error page
 * that logs the failure. Enough for a server-rendered demo, nothing more.
 */
final class WebServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);

    /**
     * A parsed request.
     *
     * @param session the visitor's session (a new anonymous one when the request brought no valid cookie)
     * @param csrf    the session's form token, for the hidden field of every form the page renders
     */
    record Request(String method, String path, Map<String, String> pathParams, Map<String, String> query,
                   Map<String, String> form, byte[] body, Session session, String csrf, Map<String, List<String>> headers) {
        String param(String name) {
            String v = pathParams.get(name);
            if (v == null) {
                v = form.get(name);
            }
            return v != null ? v : query.get(name);
        }

        /** The signed-in learner's id, or null. */
        String learner() {
            return session.learner();
        }
    }

    /** What a handler answers. */
    record Response(int status, String contentType, byte[] body, Map<String, String> headers) {
        static Response html(String html) {
            return new Response(200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), Map.of());
        }

        static Response text(int status, String text) {
            return new Response(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), Map.of());
        }

        static Response redirect(String location) {
            return new Response(303, "text/plain", new byte[0], Map.of("Location", location));
        }

        static Response bytes(String contentType, byte[] body) {
            return new Response(200, contentType, body, Map.of());
        }

        Response withHeader(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Response(status, contentType, body, h);
        }
    }

    /** Handles one route. */
    @FunctionalInterface
    interface Handler {
        Response handle(Request request);
    }

    /** A route; {@code fromBrowser} is false for provider notifications, which carry no session and no form token. */
    private record Route(String method, Pattern pattern, List<String> names, Handler handler, boolean fromBrowser) {
    }

    /** A route that matched, with its path parameters. */
    private record Match(Route route, Map<String, String> params) {
    }

    private final List<Route> routes = new ArrayList<>();
    private final AtomicInteger serverErrors = new AtomicInteger();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Sessions sessions;
    private final FormGuard guard;

    WebServer(int port, Sessions sessions) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port, e);
        }
        this.sessions = sessions;
        int bound = server.getAddress().getPort();
        this.guard = new FormGuard(Set.of("http://127.0.0.1:" + bound, "http://localhost:" + bound), sessions);
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
    }

    /** A form post from the shop's own pages: it must come from the shop's origin and carry the session's form token. */
    WebServer post(String path, Handler handler) {
        return route("POST", path, handler, true);
    }

    /** A post from a payment provider's server: authenticated by its signature, so neither session nor form token. */
    WebServer postFromProvider(String path, Handler handler) {
        return route("POST", path, handler, false);
    }

    /** A request from another server (an LMS fetching keys or posting grades): neither session nor form token. */
    WebServer getFromProvider(String path, Handler handler) {
        return route("GET", path, handler, false);
    }

    WebServer get(String path, Handler handler) {
        return route("GET", path, handler, true);
    }

    private WebServer route(String method, String path, Handler handler, boolean fromBrowser) {
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("\\{(\\w+)}").matcher(path);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(path.substring(last, m.start()))).append("([^/]+)");
            names.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(path.substring(last)));
        routes.add(new Route(method, Pattern.compile(regex.toString()), names, handler, fromBrowser));
        return this;
    }

    /**
     * How many responses had a 5xx status since the start.
     *
     * @return the count
     */
    int serverErrors() {
        return serverErrors.get();
    }

    private static int statusOf(ErrorCode code) {
        return switch (code) {
            case VALIDATION_FAILED, CURRENCY_MISMATCH, ARITHMETIC_OVERFLOW -> 400;
            case FORBIDDEN, VERIFICATION_FAILED -> 403;
            case NOT_FOUND -> 404;
            case VERSION_CONFLICT, DUPLICATE_KEY, INVALID_STATE -> 409;
            case RATE_LIMITED -> 429;
            case REMOTE_FAILURE -> 502;
            default -> 500;
        };
    }

    void start() {
        server.start();
    }

    /** The session codec this server reads and writes cookies with. */
    Sessions sessions() {
        return sessions;
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Match match = match(exchange.getRequestMethod(), path);
        boolean fromBrowser = match == null || match.route().fromBrowser();
        Session cookieSession = fromBrowser ? sessions.read(cookie(exchange, Sessions.COOKIE)).orElse(null) : null;
        // a visitor without a valid cookie (none, forged or expired) is signed out and gets a fresh anonymous session,
        // so even the sign-in form carries a token
        Session session = cookieSession != null ? cookieSession : sessions.anonymous();
        String csrf = sessions.formToken(session);
        Response response;
        try {
            response = match == null ? notFound(path, session, csrf) : handle(exchange, match, session, csrf);
        } catch (LearnloopException e) {
            // a refused request (bad input, no access, wrong state, a forged form) is the visitor's problem: say what to fix
            int status = statusOf(e.code());
            LOG.info("{} {} refused: {}", exchange.getRequestMethod(), exchange.getRequestURI(), e.getMessage());
            response = new Response(status, "text/html; charset=utf-8", Html.page("That did not work", session.learner(), csrf,
                    "<p class=\"bad\" id=\"problem\">" + Html.esc(e.getMessage()) + "</p>"
                            + "<p><a href=\"/\">Back to the catalogue</a></p>").getBytes(StandardCharsets.UTF_8), Map.of());
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            response = new Response(500, "text/html; charset=utf-8", Html.page("Something went wrong", session.learner(), csrf,
                    "<p class=\"bad\" id=\"error\">" + Html.esc(e.getMessage()) + "</p>").getBytes(StandardCharsets.UTF_8), Map.of());
        }
        if (response.status() >= 500) {
            serverErrors.incrementAndGet();
        }
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        SecurityHeaders.all().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        // a handler's header replaces the default one (an LTI launch page brings its own content security policy)
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        if (fromBrowser && cookieSession == null && !response.headers().containsKey("Set-Cookie")) {
            exchange.getResponseHeaders().add("Set-Cookie", sessions.setCookie(session));
        }
        exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(response.body());
        }
    }

    private Match match(String method, String path) {
        for (Route route : routes) {
            Matcher m = route.pattern().matcher(path);
            if (route.method().equals(method) && m.matches()) {
                Map<String, String> params = new LinkedHashMap<>();
                for (int i = 0; i < route.names().size(); i++) {
                    params.put(route.names().get(i), URLDecoder.decode(m.group(i + 1), StandardCharsets.UTF_8));
                }
                return new Match(route, params);
            }
        }
        return null;
    }

    private Response handle(HttpExchange exchange, Match match, Session session, String csrf) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        Map<String, String> form = contentType != null && contentType.startsWith("application/x-www-form-urlencoded")
                ? parse(new String(body, StandardCharsets.UTF_8)) : Map.of();
        String method = exchange.getRequestMethod();
        if (method.equals("POST") && match.route().fromBrowser()) {
            guard.check(session, form, exchange.getRequestHeaders());
        }
        Request request = new Request(method, exchange.getRequestURI().getPath(), match.params(),
                parse(exchange.getRequestURI().getRawQuery()), form, body, session, csrf, exchange.getRequestHeaders());
        return match.route().handler().handle(request);
    }

    private static Response notFound(String path, Session session, String csrf) {
        return new Response(404, "text/html; charset=utf-8", Html.page("Not found", session.learner(), csrf,
                "<p>No page at " + Html.esc(path) + "</p>").getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** Learner ids the sign-in form accepts: lower-case letters, digits, dot, dash and underscore, up to 40. */
    static final Pattern LEARNER_ID = Pattern.compile("[a-z0-9._-]{1,40}");

    private static String cookie(HttpExchange exchange, String name) {
        return cookie(exchange.getRequestHeaders(), name);
    }

    /**
     * A cookie's value from a request's headers.
     *
     * @param headers the request's headers (case-insensitive names, as the JDK server gives them)
     * @param name    the cookie's name
     * @return the value without surrounding quotes, or null when the request brings no such cookie
     */
    static String cookie(Map<String, List<String>> headers, String name) {
        List<String> cookies = headers.get("Cookie");
        if (cookies == null) {
            return null;
        }
        for (String header : cookies) {
            for (String part : header.split(";")) {
                String[] kv = part.trim().split("=", 2);
                if (kv.length == 2 && kv[0].equals(name) && !kv[1].isBlank()) {
                    // the session cookie is base64url and needs no decoding; RFC 6265 allows the value in quotes
                    String v = kv[1];
                    return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
                }
            }
        }
        return null;
    }

    static Map<String, String> parse(String encoded) {
        Map<String, String> out = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return out;
        }
        for (String pair : encoded.split("&")) {
            String[] kv = pair.split("=", 2);
            String key = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
            out.merge(key, kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "", (a, b) -> a + "," + b);
        }
        return out;
    }
}
