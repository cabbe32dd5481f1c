package io.learnloop.rest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * The response the host writes back: status, headers and body bytes.
 *
 * <p>Thread-safe: immutable; the body is copied on the way in and out.
 *
 * @param status  the HTTP status
 * @param headers the response headers (copied), {@code Content-Type} among them when there is a body
 * @param body    the body bytes, empty for none (copied)
 */
public record RestResponse(int status, Map<String, String> headers, byte[] body) {
    /**
     * Copies.
     *
     * @param status  the status
     * @param headers the headers
     * @param body    the body
     */
    public RestResponse {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        body = body == null ? new byte[0] : body.clone();
    }

    /**
     * The body bytes.
     *
     * @return a copy of the body
     */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /**
     * The body as UTF-8 text.
     *
     * @return the text
     */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The content type, or null without a body.
     *
     * @return the {@code Content-Type} header
     */
    public String contentType() {
        return headers.get("Content-Type");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RestResponse r && status == r.status && headers.equals(r.headers) && Arrays.equals(body, r.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, headers, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        // Bodies may carry payment client secrets: only the size is shown.
        return "RestResponse[" + status + ", " + headers.get("Content-Type") + ", " + body.length + " bytes]";
    }
}
