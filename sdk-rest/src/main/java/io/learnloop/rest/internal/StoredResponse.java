package io.learnloop.rest.internal;

import java.time.Instant;

/**
 * The first response to a POST with an idempotency key, kept in the store so a repeat on any instance gets it back.
 *
 * @param id          a digest of caller, method, path and key
 * @param route       the method and path, for reading the store by hand
 * @param requestHash the SHA-256 of the first request's body, hex
 * @param status      the response status
 * @param body        the response body (JSON text)
 * @param location    the {@code Location} header, or null
 * @param createdAt   when the first request was answered
 * @param caller      the id of the caller who sent it, by which a learner's erasure finds it; null in a response stored
 *                    before the field existed
 */
record StoredResponse(String id, String route, String requestHash, int status, String body, String location,
                      Instant createdAt, String caller) {
}
