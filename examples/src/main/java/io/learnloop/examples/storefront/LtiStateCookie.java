package io.learnloop.examples.storefront;

import io.learnloop.core.error.ForbiddenException;
import io.learnloop.lms.LoginRedirect;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Ties an LTI launch to the browser that started its login. At the login initiation the shop sets a cookie holding
 * the login's {@code state}; the launch is accepted only when the browser that posts the {@code id_token} brings that
 * cookie back with the same state. Without it, someone could start a login in their own browser and have a victim's
 * browser post the resulting token, signing the victim in as the attacker's LMS user (login CSRF).
 *
 * <p>Each login gets its own cookie, named after a hash of its state, so two launches started at once in one browser
 * (two tabs, two embedded frames) do not overwrite each other. The cookie is {@code SameSite=None} because the
 * platform posts the launch from its own site, and therefore {@code Secure}; browsers treat {@code http://localhost}
 * and {@code http://127.0.0.1} as secure, so this also works for the shop running locally. It lives only under
 * {@code /lti} and only as long as the state itself.
 *
 * <p>Thread-safe: immutable.
 */
final class LtiStateCookie {
    /** The path the cookie is sent to: the LTI endpoints only. */
    static final String PATH = "/lti";
    private static final String PREFIX = "ll_lti_state_";
    private static final int NAME_HASH_CHARS = 22;

    private final Clock clock;

    /**
     * Creates the codec.
     *
     * @param clock the real clock the tool dates its login states by
     */
    LtiStateCookie(Clock clock) {
        this.clock = clock;
    }

    /**
     * The {@code Set-Cookie} header value that stores a login's state in the browser until the state expires.
     *
     * @param redirect the login redirect the tool built
     * @return the header value
     */
    String setCookie(LoginRedirect redirect) {
        long maxAge = Math.max(1, Duration.between(clock.instant(), redirect.expiresAt()).toSeconds());
        return name(redirect.state()) + "=" + redirect.state() + "; Path=" + PATH + "; Max-Age=" + maxAge
                + "; HttpOnly; Secure; SameSite=None";
    }

    /**
     * Refuses a launch whose posted state the browser did not get at a login initiation of this shop.
     *
     * @param state   the posted {@code state}, or null
     * @param headers the launch request's headers
     * @throws ForbiddenException when the browser brings no cookie for the state or a different one
     */
    void check(String state, Map<String, List<String>> headers) {
        if (state == null || state.isEmpty()) {
            throw new ForbiddenException("the launch carries no state: start it again from the LMS");
        }
        String kept = WebServer.cookie(headers, name(state));
        if (kept == null || !MessageDigest.isEqual(kept.getBytes(StandardCharsets.UTF_8),
                state.getBytes(StandardCharsets.UTF_8))) {
            throw new ForbiddenException("this launch was not started in this browser (or its login expired): start it"
                    + " again from the LMS in the same browser, with cookies allowed for the shop");
        }
    }

    private static String name(String state) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(state.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, NAME_HASH_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
