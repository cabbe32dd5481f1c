package io.learnloop.lms;

import java.util.List;

/**
 * One page of an LMS section's roster.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param members  the members on this page (copied)
 * @param nextPage the URL of the next page (from the {@code Link: rel="next"} header), or null on the last page
 */
public record RosterPage(List<RosterMember> members, String nextPage) {
    /**
     * Copies the members.
     *
     * @param members  the members
     * @param nextPage the next page, or null
     */
    public RosterPage {
        members = members == null ? List.of() : List.copyOf(members);
    }
}
