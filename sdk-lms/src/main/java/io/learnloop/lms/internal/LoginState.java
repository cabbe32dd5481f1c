package io.learnloop.lms.internal;

import java.time.Instant;

/**
 * A login in flight: the {@code state} handed to the platform, the {@code nonce} the id_token must carry, and who it
 * was started with. Used at most once ({@code usedAt} set by compare-and-set) and only until {@code expiresAt}.
 *
 * @param state         the state, also the id
 * @param nonce         the nonce
 * @param issuer        the platform's issuer
 * @param clientId      the client id the login was started for
 * @param deploymentId  the deployment the platform named, or null
 * @param targetLinkUri the target link URI of the initiation
 * @param issuedAt      when it was issued
 * @param expiresAt     when it stops being accepted
 * @param usedAt        when a launch used it, or null
 */
record LoginState(String state, String nonce, String issuer, String clientId, String deploymentId,
                  String targetLinkUri, Instant issuedAt, Instant expiresAt, Instant usedAt) {
    LoginState used(Instant at) {
        return new LoginState(state, nonce, issuer, clientId, deploymentId, targetLinkUri, issuedAt, expiresAt, at);
    }
}
