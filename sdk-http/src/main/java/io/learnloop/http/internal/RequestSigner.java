package io.learnloop.http.internal;

/**
 * Adds a peer's credentials to a request: an API key header, a signature over the request, a signed parameter.
 * Applied to every attempt afresh, so a signature with a timestamp or a nonce is never replayed by a retry.
 *
 * <p>Implementations must be thread-safe and must not log what they add.
 */
@FunctionalInterface
public interface RequestSigner {
    /** Adds nothing. */
    RequestSigner NONE = request -> request;

    /**
     * Signs one attempt.
     *
     * @param request the request as the client built it
     * @return the request to send
     */
    HttpRequest sign(HttpRequest request);
}
