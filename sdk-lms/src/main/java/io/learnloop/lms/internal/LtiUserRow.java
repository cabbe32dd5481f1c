package io.learnloop.lms.internal;

import java.time.Instant;

/**
 * The Learnloop learner a platform user maps to, found by issuer and subject only.
 *
 * @param id          {@link Keys#of} issuer and subject
 * @param issuer      the platform's issuer
 * @param subject     the platform's user id ({@code sub})
 * @param learner     the Learnloop user id
 * @param firstSeenAt when the user first launched
 */
record LtiUserRow(String id, String issuer, String subject, String learner, Instant firstSeenAt) {
}
