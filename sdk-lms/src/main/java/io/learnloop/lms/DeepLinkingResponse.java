package io.learnloop.lms;

import java.util.Map;

/**
 * The signed answer to a Deep Linking request ({@code LtiDeepLinkingResponse}): the browser must form-POST it to the
 * platform's {@link #returnUrl()} as the single field {@code JWT} (an auto-submitting HTML form is the usual way).
 *
 * <p>Thread-safe: immutable record. {@link #toString()} leaves the token out.
 *
 * @param returnUrl the platform's {@code deep_link_return_url}
 * @param jwt       the response, signed with the tool's active key
 */
public record DeepLinkingResponse(String returnUrl, String jwt) {
    /**
     * The form fields to post.
     *
     * @return {@code JWT} and the token
     */
    public Map<String, String> formFields() {
        return Map.of("JWT", jwt);
    }

    @Override
    public String toString() {
        return "DeepLinkingResponse[returnUrl=" + returnUrl + "]";
    }
}
