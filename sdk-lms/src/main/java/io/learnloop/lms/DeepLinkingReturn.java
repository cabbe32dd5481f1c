package io.learnloop.lms;

import java.util.List;

/**
 * A tool's verified Deep Linking response, its content items stored: the host places them in the course.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param clientId     the tool
 * @param deploymentId the deployment
 * @param contextId    the context the teacher picked content for
 * @param items        the items, in the tool's order (copied; empty when the teacher picked nothing)
 * @param message      the tool's message for the teacher, or null
 */
public record DeepLinkingReturn(String clientId, String deploymentId, String contextId,
                                List<ReturnedContentItem> items, String message) {
    /**
     * Copies the items.
     *
     * @param clientId     the client id
     * @param deploymentId the deployment id
     * @param contextId    the context id
     * @param items        the items
     * @param message      the message
     */
    public DeepLinkingReturn {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
