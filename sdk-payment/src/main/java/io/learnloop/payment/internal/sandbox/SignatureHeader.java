package io.learnloop.payment.internal.sandbox;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code t=<seconds>,kid=<key>,v1=<hex>[,v1=<hex>]} signature header, the sandbox's (Stripe-like) format.
 *
 * @param timestamp  the signed unix time in seconds
 * @param keyId      the key id, or null
 * @param signatures the v1 signatures
 */
public record SignatureHeader(long timestamp, String keyId, List<String> signatures) {
    /**
     * Parses the header.
     *
     * @param header the header text
     * @return the parsed header, or null if it has no timestamp or no v1 signature
     */
    public static SignatureHeader parse(String header) {
        if (header == null) {
            return null;
        }
        Long t = null;
        String kid = null;
        List<String> v1 = new ArrayList<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String k = part.substring(0, eq).trim();
            String v = part.substring(eq + 1).trim();
            switch (k) {
                case "t" -> {
                    try {
                        t = Long.parseLong(v);
                    } catch (NumberFormatException e) {
                        return null;
                    }
                }
                case "kid" -> kid = v;
                case "v1" -> v1.add(v);
                default -> {
                    // other schemes (v0 test signatures) are ignored on purpose
                }
            }
        }
        return t == null || v1.isEmpty() ? null : new SignatureHeader(t, kid, List.copyOf(v1));
    }
}
