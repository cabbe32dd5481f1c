package io.learnloop.examples.storefront;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The headers every response carries. The pages hold no script at all and take their styles from the shop's own
 * stylesheet, so the content security policy can forbid scripts and inline styles outright; forms may post only to
 * the shop itself (and to Stripe's hosted checkout, where the Stripe checkout redirects).
 *
 * <p>Thread-safe: immutable constants.
 */
final class SecurityHeaders {
    /** The content security policy of every response. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'none'; style-src 'self'; "
            + "img-src 'self' data:; form-action 'self' https://checkout.stripe.com; frame-ancestors 'none'; "
            + "base-uri 'none'";

    private static final Map<String, String> ALL;

    static {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        h.put("X-Frame-Options", "DENY");
        h.put("X-Content-Type-Options", "nosniff");
        h.put("Referrer-Policy", "same-origin");
        ALL = Map.copyOf(h);
    }

    private SecurityHeaders() {
    }

    /**
     * The headers to add to a response.
     *
     * @return header names and values
     */
    static Map<String, String> all() {
        return ALL;
    }
}
