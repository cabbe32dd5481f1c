package io.learnloop.lms;

import java.util.List;

/**
 * A block of an imported cmi5 course structure: a group of assignable units and blocks.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param publisherId the block's {@code id} in the course structure
 * @param lmsId       the id the LMS generated for it, the object of its {@code satisfied} statements
 * @param title       the first title of the structure, trimmed
 * @param parent      the enclosing block's publisher id, or null for a block directly in the course
 * @param aus         the publisher ids of every AU inside the block, nested blocks included
 */
public record Cmi5Block(String publisherId, String lmsId, String title, String parent, List<String> aus) {
    /**
     * Copies the list.
     *
     * @param publisherId the publisher id
     * @param lmsId       the generated id
     * @param title       the title
     * @param parent      the parent, or null
     * @param aus         the AUs
     */
    public Cmi5Block {
        aus = List.copyOf(aus);
    }
}
