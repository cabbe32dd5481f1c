package io.learnloop.core.commerce;

import java.util.List;

/**
 * A request to refund parts of a paid order, line by line. Repeating it with the same {@code refundKey} changes
 * nothing more.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param refundKey the caller's idempotency key, 1 to 128 characters
 * @param lines     what to refund per line, each line at most once
 * @param reason    why, up to 500 characters, or null
 */
public record RefundRequest(String refundKey, List<LineAmount> lines, String reason) {
    /**
     * Copies the lines.
     *
     * @param refundKey the key
     * @param lines     the lines
     * @param reason    the reason
     */
    public RefundRequest {
        lines = lines == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(lines));
    }
}
