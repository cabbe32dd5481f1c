package io.learnloop.http.internal;

/**
 * Turns a verified response into the peer client's result, or into its typed exception (each peer words its errors
 * differently, so mapping a status and an error body is the parser's job).
 *
 * <p>Implementations are usually built per call; one that is shared between calls must be thread-safe.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface ResponseParser<T> {
    /**
     * Parses the response.
     *
     * @param response the final, verified response, of any status
     * @return the result
     * @throws io.learnloop.core.error.LearnloopException (a subtype) when the response is a failure
     */
    T parse(HttpResponse response);
}
