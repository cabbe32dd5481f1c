package io.learnloop.lms;

import java.time.Instant;

/**
 * Where to send the browser after a login initiation: the platform's authorization endpoint with the OIDC
 * parameters, among them a fresh {@code state} and {@code nonce}. Answer the login request with a redirect
 * ({@code 302}) to {@link #url()}. The host should also set {@link #state()} in a cookie (SameSite=None; Secure) and
 * compare it with the {@code state} the platform posts back, which ties the launch to the browser that started it.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param url       the authorization URL to redirect to
 * @param state     the single-use state, stored through the store until it is used or expires
 * @param expiresAt when the state stops being accepted
 */
public record LoginRedirect(String url, String state, Instant expiresAt) {
}
