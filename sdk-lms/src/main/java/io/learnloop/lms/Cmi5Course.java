package io.learnloop.lms;

import io.learnloop.core.catalog.CourseId;

import java.time.Instant;
import java.util.List;

/**
 * An imported cmi5 course structure and the Learnloop course it is delivered in.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param course      the Learnloop course
 * @param publisherId the course's {@code id} in the structure
 * @param lmsId       the id the LMS generated for it, the object of the course's {@code satisfied} statements
 * @param title       the first title, trimmed
 * @param blocks      the blocks, in document order
 * @param aus         the assignable units, in document order
 * @param importedAt  when it was imported
 */
public record Cmi5Course(CourseId course, String publisherId, String lmsId, String title, List<Cmi5Block> blocks,
                         List<Cmi5Au> aus, Instant importedAt) {
    /**
     * Copies the lists.
     *
     * @param course      the course
     * @param publisherId the publisher id
     * @param lmsId       the generated id
     * @param title       the title
     * @param blocks      the blocks
     * @param aus         the AUs
     * @param importedAt  the instant
     */
    public Cmi5Course {
        blocks = List.copyOf(blocks);
        aus = List.copyOf(aus);
    }
}
