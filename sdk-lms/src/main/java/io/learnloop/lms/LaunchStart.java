package io.learnloop.lms;

import java.time.Instant;

/**
 * The start of a launch into an external tool: the host redirects the learner's browser to {@link #url()}, the tool's
 * login initiation URL with {@code iss}, {@code login_hint}, {@code target_link_uri}, {@code lti_message_hint},
 * {@code client_id} and {@code lti_deployment_id}. The hint is good for one authentication request until
 * {@link #expiresAt()}.
 *
 * <p>Thread-safe: immutable record. {@link #toString()} leaves the URL out: it carries a single-use hint.
 *
 * @param url       where to redirect the browser (HTTP 302)
 * @param expiresAt when the hint stops being accepted
 */
public record LaunchStart(String url, Instant expiresAt) {
    @Override
    public String toString() {
        return "LaunchStart[expiresAt=" + expiresAt + "]";
    }
}
