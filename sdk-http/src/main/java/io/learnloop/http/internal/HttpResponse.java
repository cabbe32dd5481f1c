package io.learnloop.http.internal;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A response as received: status, headers and the raw body bytes (signatures cover the raw bytes, so nothing is
 * parsed or re-encoded here).
 *
 * <p>Thread-safe: immutable by convention; the body array is shared, never changed.
 */
public final class HttpResponse {
    private final int status;
    private final Map<String, String> headers;
    private final byte[] body;

    /**
     * Creates a response.
     *
     * @param status  the HTTP status
     * @param headers the headers (a repeated header keeps its last value), names in any case
     * @param body    the raw body, empty when none
     */
    public HttpResponse(int status, Map<String, String> headers, byte[] body) {
        this.status = status;
        Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
        this.headers = Collections.unmodifiableMap(h);
        this.body = body == null ? new byte[0] : body;
    }

    /**
     * The HTTP status.
     *
     * @return the status
     */
    public int status() {
        return status;
    }

    /**
     * One header.
     *
     * @param name the name, in any case
     * @return the value, or null
     */
    public String header(String name) {
        return headers.get(name);
    }

    /**
     * All headers.
     *
     * @return the headers, read-only, names case-insensitive
     */
    public Map<String, String> headers() {
        return headers;
    }

    /**
     * The raw body.
     *
     * @return the bytes, never null; do not modify
     */
    public byte[] body() {
        return body;
    }

    /**
     * The body as UTF-8 text.
     *
     * @return the text
     */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * Whether the status is 2xx.
     *
     * @return true on success
     */
    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /**
     * The media type of the body without parameters, lower case.
     *
     * @return for example {@code application/json}, or null when the response names none
     */
    public String mediaType() {
        String type = headers.get("Content-Type");
        if (type == null || type.isBlank()) {
            return null;
        }
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "HttpResponse[" + status + ", " + body.length + " bytes]";
    }
}
