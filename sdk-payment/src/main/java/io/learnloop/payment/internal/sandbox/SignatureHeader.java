package io.learnloop.payment.internal.sandbox;

import io.learnloop.payment.RejectionReason;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code t=<seconds>,kid=<key>,v1=<hex>[,v1=<hex>]} signature header, the sandbox's (Stripe-like) format.
 *
 * <p>The timestamp stays a {@code long}: it is signed as text and compared with the clock in seconds, so a value no
 * {@link java.time.Instant} can hold is refused by the timestamp check, never by date arithmetic.
 *
 * @param timestamp  the signed unix time in seconds
 * @param keyId      the key id, or null
 * @param signatures the v1 signatures
 */
public record SignatureHeader(long timestamp, String keyId, List<String> signatures) {
    /**
     * A parsed header, or why it could not be parsed.
     *
     * @param header  the header, or null when it could not be parsed
     * @param reason  null when parsed; {@link RejectionReason#MISSING_SIGNATURE} when the timestamp or every v1
     *                signature is absent, {@link RejectionReason#MALFORMED} when a part is unreadable or repeated
     * @param problem null when parsed, otherwise what is wrong
     */
    public record Parsed(SignatureHeader header, RejectionReason reason, String problem) {
        private static Parsed failure(RejectionReason reason, String problem) {
            return new Parsed(null, reason, problem);
        }
    }

    /**
     * Parses the header.
     *
     * @param header the header text, may be null
     * @return the header, or the reason it was refused
     */
    public static Parsed parse(String header) {
        if (header == null) {
            return Parsed.failure(RejectionReason.MISSING_SIGNATURE, "the header is missing");
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
                    // the signature covers t, but two of them leave open which one the sender meant
                    if (t != null) {
                        return Parsed.failure(RejectionReason.MALFORMED, "t= is given more than once");
                    }
                    try {
                        t = Long.parseLong(v);
                    } catch (NumberFormatException e) {
                        return Parsed.failure(RejectionReason.MALFORMED, "t= is not a whole number of seconds");
                    }
                }
                case "kid" -> {
                    if (kid != null) {
                        return Parsed.failure(RejectionReason.MALFORMED, "kid= is given more than once");
                    }
                    kid = v;
                }
                case "v1" -> v1.add(v);
                default -> {
                    // other schemes (v0 test signatures) are ignored on purpose
                }
            }
        }
        if (t == null || v1.isEmpty()) {
            return Parsed.failure(RejectionReason.MISSING_SIGNATURE, "the header has no t= or no v1= part");
        }
        return new Parsed(new SignatureHeader(t, kid, List.copyOf(v1)), null, null);
    }
}
