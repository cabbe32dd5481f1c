package io.learnloop.examples.storefront;

import io.learnloop.core.error.ValidationException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * The password of the shop's operator account, which the staff pages that change settings (the LMS page) require:
 * from {@code STOREFRONT_OPERATOR_PASSWORD}, or made at random for the run and printed at the start.
 *
 * <p>Thread-safe: immutable.
 */
final class OperatorPassword {
    /** The environment variable that holds the operator's password. */
    static final String VARIABLE = "STOREFRONT_OPERATOR_PASSWORD";
    /** The shortest configured password accepted. */
    static final int MIN_LENGTH = 12;

    private final byte[] password;
    private final boolean generated;

    private OperatorPassword(String password, boolean generated) {
        this.password = password.getBytes(StandardCharsets.UTF_8);
        this.generated = generated;
    }

    static OperatorPassword from(Map<String, String> env) {
        String configured = env.get(VARIABLE);
        if (configured == null || configured.isBlank()) {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            return new OperatorPassword(Base64.getUrlEncoder().withoutPadding().encodeToString(random), true);
        }
        if (configured.length() < MIN_LENGTH) {
            throw ValidationException.of(VARIABLE, "use a password of at least " + MIN_LENGTH + " characters, or leave"
                    + " it unset for one made per run (it had " + configured.length() + ")");
        }
        return new OperatorPassword(configured, false);
    }

    /** Whether the given password is the operator's, compared in constant time. */
    boolean matches(String given) {
        return given != null && MessageDigest.isEqual(password, given.getBytes(StandardCharsets.UTF_8));
    }

    /** What to print at the start: the password made for this run, or where the configured one comes from. */
    String hint() {
        return generated ? "with the password " + new String(password, StandardCharsets.UTF_8) + " (made for this run)"
                : "with the password in " + VARIABLE;
    }

    @Override
    public String toString() {
        return "OperatorPassword[redacted]";
    }
}
