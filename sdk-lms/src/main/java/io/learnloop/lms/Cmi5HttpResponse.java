package io.learnloop.lms;

import java.util.Map;

/**
 * What one of the cmi5 endpoints (the fetch URL, the learning record store) answers: the host copies the status,
 * headers and body onto its own HTTP response.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param status  the HTTP status
 * @param headers the response headers (copied); every answer of the learning record store carries
 *                {@code X-Experience-API-Version}
 * @param body    the body text (UTF-8), possibly empty
 * @param problem why the request was refused, or null when it was served; the body says the same to the caller
 */
public record Cmi5HttpResponse(int status, Map<String, String> headers, String body, Cmi5Exception.Problem problem) {
    /**
     * Copies the headers.
     *
     * @param status  the status
     * @param headers the headers
     * @param body    the body
     * @param problem the problem, or null
     */
    public Cmi5HttpResponse {
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
