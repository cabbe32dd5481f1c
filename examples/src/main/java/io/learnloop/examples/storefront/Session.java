package io.learnloop.examples.storefront;

import java.time.Instant;

/**
 * A visitor's session as its signed cookie carries it: a random id, the signed-in learner (null for a visitor who has
 * not signed in) and when the cookie stops being accepted.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id        random, unguessable; the form token is derived from it
 * @param learner   the learner's id, or null before sign-in
 * @param expiresAt the end of the session
 */
record Session(String id, String learner, Instant expiresAt) {
}
