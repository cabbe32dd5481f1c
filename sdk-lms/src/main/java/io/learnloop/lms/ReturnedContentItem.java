package io.learnloop.lms;

import java.util.Map;

/**
 * One content item a tool returned in a Deep Linking response: usually an {@code ltiResourceLink} to place in the
 * course, with the custom parameters its launches will carry.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param type       the item type, for example {@code ltiResourceLink}
 * @param title      the title, or null
 * @param url        the launch URL, or null (the tool's default)
 * @param custom     the custom parameters (copied)
 * @param lineItemId the line item created for it, or null when it asked for none
 */
public record ReturnedContentItem(String type, String title, String url, Map<String, String> custom,
                                  String lineItemId) {
    /**
     * Copies the custom parameters.
     *
     * @param type       the type
     * @param title      the title
     * @param url        the URL
     * @param custom     the custom parameters
     * @param lineItemId the line item id
     */
    public ReturnedContentItem {
        custom = custom == null ? Map.of() : Map.copyOf(custom);
    }
}
