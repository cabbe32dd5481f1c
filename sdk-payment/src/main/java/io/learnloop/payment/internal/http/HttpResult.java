package io.learnloop.payment.internal.http;

import okhttp3.Headers;

import java.nio.charset.StandardCharsets;

/**
 * A response as received: status, headers and the raw body bytes (signatures cover the raw bytes).
 *
 * @param status  the HTTP status
 * @param headers the headers
 * @param body    the raw body, empty when none
 */
public record HttpResult(int status, Headers headers, byte[] body) {
    /**
     * One header value.
     *
     * @param name the name (case-insensitive)
     * @return the value or null
     */
    public String header(String name) {
        return headers.get(name);
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
}
