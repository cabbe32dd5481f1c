package io.learnloop.community;

import io.learnloop.core.identity.UserId;

/**
 * Decides whether text may be posted. The host plugs in its own (word lists, a classifier, a moderation service).
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface ContentFilter {
    /**
     * Checks text about to be posted.
     *
     * @param author   who is posting
     * @param markdown the text
     * @return null to allow it, or the reason it is refused (shown to the author)
     */
    String refusal(UserId author, String markdown);

    /**
     * A filter that allows everything.
     *
     * @return the filter
     */
    static ContentFilter allowAll() {
        return (author, markdown) -> null;
    }
}
