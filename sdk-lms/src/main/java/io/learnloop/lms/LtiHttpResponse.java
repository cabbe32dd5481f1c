package io.learnloop.lms;

import java.util.Map;

/**
 * What one of the platform's framework-neutral endpoints answers: the host copies the status, headers and body onto
 * its own HTTP response.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param status  the HTTP status
 * @param headers the response headers, {@code Content-Type} among them (copied)
 * @param body    the body text (UTF-8), possibly empty
 * @param problem why the request was refused, or null when it was served; the body says the same to the caller
 */
public record LtiHttpResponse(int status, Map<String, String> headers, String body, LtiException.Problem problem) {
    /**
     * Copies the headers.
     *
     * @param status  the status
     * @param headers the headers
     * @param body    the body
     * @param problem the problem, or null
     */
    public LtiHttpResponse {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        body = body == null ? "" : body;
    }

    /**
     * The {@code Content-Type} header, or null.
     *
     * @return the media type
     */
    public String contentType() {
        return headers.get("Content-Type");
    }
}
