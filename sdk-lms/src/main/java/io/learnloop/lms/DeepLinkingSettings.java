package io.learnloop.lms;

import java.util.List;

/**
 * What the platform accepts back from a Deep Linking request, from the claim
 * {@code https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings}.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param returnUrl    where the response is form-posted, {@code deep_link_return_url}
 * @param acceptTypes  the content item types the platform accepts, for example {@code ltiResourceLink} (copied)
 * @param acceptMultiple whether more than one item may be returned
 * @param acceptLineItem whether items may carry a {@code lineItem} (a gradebook column); true when the platform
 *                       does not say ({@code accept_lineitem} absent)
 * @param data         the platform's opaque {@code data}, echoed back in the response, or null
 */
public record DeepLinkingSettings(String returnUrl, List<String> acceptTypes, boolean acceptMultiple,
                                  boolean acceptLineItem, String data) {
    /**
     * Copies the accepted types.
     *
     * @param returnUrl      the return URL
     * @param acceptTypes    the accepted types
     * @param acceptMultiple whether several items may be returned
     * @param acceptLineItem whether items may carry a line item
     * @param data           the opaque data
     */
    public DeepLinkingSettings {
        acceptTypes = acceptTypes == null ? List.of() : List.copyOf(acceptTypes);
    }
}
