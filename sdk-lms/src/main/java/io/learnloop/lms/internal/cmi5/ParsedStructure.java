package io.learnloop.lms.internal.cmi5;

import java.util.List;

/**
 * A course structure as read from {@code cmi5.xml}: every value trimmed (cmi5 section 13.1), blocks and AUs in
 * document order, each AU knowing its enclosing block and each block the AUs inside it.
 *
 * <p>Thread-safe: immutable records.
 */
record ParsedStructure(String courseId, String title, List<Block> blocks, List<Au> aus) {
    ParsedStructure {
        blocks = List.copyOf(blocks);
        aus = List.copyOf(aus);
    }

    /** A block; {@code parent} is the index of the enclosing block or -1, {@code aus} the indexes of its AUs. */
    record Block(String id, String title, int parent, List<Integer> aus) {
    }

    /** An AU; {@code block} is the index of the enclosing block or -1. */
    record Au(String id, String title, String url, String launchMethod, String moveOn, Double masteryScore,
              String launchParameters, String entitlementKey, String activityType, int block) {
    }
}
