package io.learnloop.payment.internal.stripe;

import io.learnloop.http.internal.HttpRequest;
import io.learnloop.http.internal.RequestSigner;
import io.learnloop.payment.Secret;

/**
 * Stripe's credentials and account headers: {@code Authorization: Bearer <secret key>}, and the pinned
 * {@code Stripe-Version} and the connected account ({@code Stripe-Account}) when configured.
 *
 * <p>Thread-safe: immutable.
 */
public final class StripeSigner implements RequestSigner {
    private final Secret apiKey;
    private final String apiVersion;
    private final String stripeAccount;

    /**
     * Creates the signer.
     *
     * @param apiKey        the secret key
     * @param apiVersion    the pinned API version, or null
     * @param stripeAccount the connected account, or null
     */
    public StripeSigner(Secret apiKey, String apiVersion, String stripeAccount) {
        this.apiKey = apiKey;
        this.apiVersion = apiVersion;
        this.stripeAccount = stripeAccount;
    }

    @Override
    public HttpRequest sign(HttpRequest request) {
        HttpRequest signed = request.withHeader("Authorization", "Bearer " + apiKey.reveal())
                .withHeader("User-Agent", "learnloop-sdk-payment");
        if (apiVersion != null) {
            signed = signed.withHeader("Stripe-Version", apiVersion);
        }
        return stripeAccount == null ? signed : signed.withHeader("Stripe-Account", stripeAccount);
    }

    @Override
    public String toString() {
        return "StripeSigner[apiKey=(redacted)]";
    }
}
