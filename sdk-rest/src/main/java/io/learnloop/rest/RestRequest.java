package io.learnloop.rest;

import io.learnloop.core.identity.Actor;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request as the host's server received it, with the caller the host authenticated. The API never reads a
 * user id from the request itself: identity is only ever {@link #actor()}.
 *
 * <p>Thread-safe: immutable; the body is copied on the way in and out.
 *
 * @param method  the HTTP method, for example {@code GET} (upper-cased)
 * @param path    the path below the API's base path, starting with {@code /}, not URL-decoded
 * @param query   the query parameters, decoded, the first value of each (copied)
 * @param headers the request headers, names lower-cased (copied)
 * @param body          the raw body bytes, empty when there is none (copied)
 * @param actor         the authenticated caller, or null when nobody is signed in
 * @param clientAddress the IPv4 or IPv6 address of the client as the host's server determined it (behind a proxy,
 *                      after the server applied the forwarded headers it trusts; never read from a header here), or
 *                      null when unknown. Checkout passes it to providers that require the payer's address
 *                      (WeChat Pay H5's {@code payer_client_ip}).
 */
public record RestRequest(String method, String path, Map<String, String> query, Map<String, String> headers,
                          byte[] body, Actor actor, String clientAddress) {
    /**
     * Normalises and copies.
     *
     * @param method        the method
     * @param path          the path
     * @param query         the query parameters
     * @param headers       the headers
     * @param body          the body
     * @param actor         the caller, or null
     * @param clientAddress the client's address, or null
     */
    public RestRequest {
        method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
        path = Objects.requireNonNull(path, "path");
        query = query == null ? Map.of() : Map.copyOf(query);
        Map<String, String> lower = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        }
        headers = Map.copyOf(lower);
        body = body == null ? new byte[0] : body.clone();
        clientAddress = clientAddress == null || clientAddress.isBlank() ? null : clientAddress.strip();
    }

    /**
     * A request whose client address is unknown.
     *
     * @param method  the method
     * @param path    the path
     * @param query   the query parameters
     * @param headers the headers
     * @param body    the body
     * @param actor   the caller, or null
     */
    public RestRequest(String method, String path, Map<String, String> query, Map<String, String> headers,
                       byte[] body, Actor actor) {
        this(method, path, query, headers, body, actor, null);
    }

    /**
     * A request without query, headers or body.
     *
     * @param method the method
     * @param path   the path
     * @param actor  the caller, or null
     * @return the request
     */
    public static RestRequest of(String method, String path, Actor actor) {
        return new RestRequest(method, path, Map.of(), Map.of(), new byte[0], actor);
    }

    /**
     * The raw body.
     *
     * @return a copy of the body bytes
     */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /**
     * How long the body is, without copying it.
     *
     * @return the body length in bytes
     */
    public int bodyLength() {
        return body.length;
    }

    /**
     * One header, by its name in any case.
     *
     * @param name the header name
     * @return its value, or null
     */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * The same request with a JSON body and its content type.
     *
     * @param json the JSON text
     * @return the new request
     */
    public RestRequest withJson(String json) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put("content-type", "application/json");
        return new RestRequest(method, path, query, h, json.getBytes(java.nio.charset.StandardCharsets.UTF_8), actor,
                clientAddress);
    }

    /**
     * The same request with one more header.
     *
     * @param name  the name
     * @param value the value
     * @return the new request
     */
    public RestRequest withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name.toLowerCase(Locale.ROOT), value);
        return new RestRequest(method, path, query, h, body, actor, clientAddress);
    }

    /**
     * The same request with one more query parameter.
     *
     * @param name  the name
     * @param value the value
     * @return the new request
     */
    public RestRequest withQuery(String name, String value) {
        Map<String, String> q = new LinkedHashMap<>(query);
        q.put(name, value);
        return new RestRequest(method, path, q, headers, body, actor, clientAddress);
    }

    /**
     * The same request from a client address.
     *
     * @param address the client's IPv4 or IPv6 address, or null
     * @return the new request
     */
    public RestRequest withClientAddress(String address) {
        return new RestRequest(method, path, query, headers, body, actor, address);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RestRequest r && method.equals(r.method) && path.equals(r.path) && query.equals(r.query)
                && headers.equals(r.headers) && java.util.Arrays.equals(body, r.body) && Objects.equals(actor, r.actor)
                && Objects.equals(clientAddress, r.clientAddress);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, path, query, headers, java.util.Arrays.hashCode(body), actor, clientAddress);
    }

    @Override
    public String toString() {
        // Bodies and headers may carry tokens, and the client address is personal data: only sizes are shown.
        return "RestRequest[" + method + " " + path + ", headers=" + headers.size() + ", body=" + body.length
                + " bytes, actor=" + (actor == null ? null : actor.id()) + "]";
    }
}
