package io.learnloop.lms.internal;

import java.time.Instant;

/**
 * A seat of an organisation licence, taken by one learner for good.
 *
 * @param id       {@link Keys#of} licence id and learner
 * @param licence  the licence id
 * @param learner  the learner
 * @param takenAt  when it was taken
 */
record SeatRow(String id, String licence, String learner, Instant takenAt) {
}
