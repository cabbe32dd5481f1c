package io.learnloop.lms.internal.cmi5;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The records Learnloop keeps as a cmi5 LMS, one per stored aggregate (see {@link Cmi5Types}).
 *
 * <p>Thread-safe: immutable records.
 */
final class Cmi5Rows {
    private Cmi5Rows() {
    }

    /** An imported course structure, keyed by the Learnloop course id; its AUs are {@link AuRow}s. */
    record StructureRow(String id, String publisherId, String lmsId, String title, List<BlockRow> blocks,
                        int auCount, String digest, Instant importedAt) {
    }

    /** A block: {@code parent} is the index of the enclosing block or -1, {@code aus} the AUs inside it. */
    record BlockRow(String publisherId, String lmsId, String title, int parent, List<Integer> aus) {
    }

    /** An assignable unit, bound to the lesson it completes. */
    record AuRow(String id, String course, int index, String publisherId, String activityId, String title, String url,
                 String launchMethod, String moveOn, Double masteryScore, String launchParameters,
                 String entitlementKey, String activityType, int block, String lesson) {
    }

    /**
     * A learner's registration for a course: the AUs completed, passed and failed, when each AU, block and the course
     * was satisfied, and the last session launched (to detect one abandoned).
     */
    record RegistrationRow(String id, String learner, String course, Instant createdAt, List<Integer> completed,
                           List<Integer> passed, List<Integer> failed, Map<String, Instant> satisfiedAus,
                           List<Integer> satisfiedBlocks, Instant courseSatisfiedAt, String lastSession) {
    }

    /** An AU session: what the AU sent so far, and whether it terminated or was abandoned. */
    record SessionRow(String id, String registration, String learner, String course, int au, String activityId,
                      String publisherId, String launchMode, Double masteryScore, Instant launchedAt,
                      Instant lastStatementAt, List<String> verbs, Instant terminatedAt, Instant abandonedAt,
                      Instant expiresAt) {
        SessionRow with(Instant last, List<String> newVerbs, Instant terminated, Instant abandoned) {
            return new SessionRow(id, registration, learner, course, au, activityId, publisherId, launchMode,
                    masteryScore, launchedAt, last, newVerbs, terminated, abandoned, expiresAt);
        }
    }

    /** A one-time fetch key or an AU session's auth-token, keyed by the SHA-256 of its value. */
    record CredentialRow(String id, String kind, String session, String learner, Instant expiresAt, Instant usedAt) {
    }

    /** A stored statement, as the AU or the LMS sent it. */
    record StatementRow(String id, String registration, String learner, String session, String verb, String json,
                        Instant stored) {
    }

    /** A state document ({@code kind} state) or agent profile document ({@code kind} profile). */
    record DocumentRow(String id, String kind, String learner, String activityId, String registration, String name,
                       String contentType, String body, Instant updated) {
    }
}
