package io.learnloop.examples.storefront;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;

/**
 * Signed session cookies and the form tokens derived from them. The cookie holds the session id, the learner and the
 * expiry, followed by an HMAC-SHA256 over them under a key only the server knows, so a visitor can neither forge a
 * learner nor stretch the expiry. Form tokens are a second HMAC of the session id (with a different label), so a page
 * of another origin can neither read nor guess them.
 *
 * <p>Thread-safe: immutable; a {@link Mac} is created per call.
 */
final class Sessions {
    /** The cookie's name. */
    static final String COOKIE = "ll_session";
    /** The hidden form field that carries the token. */
    static final String FORM_FIELD = "csrf";
    /** The least key length accepted from the configuration, in bytes. */
    static final int MIN_KEY_BYTES = 32;

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final byte[] key;
    private final Clock clock;
    private final Duration lifetime;
    private final SecureRandom random;

    /**
     * Creates the codec.
     *
     * @param key      the HMAC key, at least {@value #MIN_KEY_BYTES} bytes
     * @param clock    the real clock (sessions expire in wall-clock time, not on the demo clock)
     * @param lifetime how long a session lasts
     * @param random   where session ids come from
     */
    Sessions(byte[] key, Clock clock, Duration lifetime, SecureRandom random) {
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the session key needs at least " + MIN_KEY_BYTES + " bytes (was "
                    + key.length + ")");
        }
        this.key = key.clone();
        this.clock = clock;
        this.lifetime = lifetime;
        this.random = random;
    }

    /**
     * A codec with a fresh random key: sessions last until the process stops or they expire.
     *
     * @param clock    the real clock
     * @param lifetime how long a session lasts
     * @return the codec
     */
    static Sessions withRandomKey(Clock clock, Duration lifetime) {
        SecureRandom random = new SecureRandom();
        byte[] key = new byte[MIN_KEY_BYTES];
        random.nextBytes(key);
        return new Sessions(key, clock, lifetime, random);
    }

    /**
     * A new session for a visitor who has not signed in.
     *
     * @return the session
     */
    Session anonymous() {
        return create(null);
    }

    /**
     * A new session for a learner who just signed in: a fresh id, so a token seen before sign-in is worth nothing after.
     *
     * @param learner the learner's id
     * @return the session
     */
    Session signedIn(String learner) {
        return create(learner);
    }

    private Session create(String learner) {
        byte[] id = new byte[16];
        random.nextBytes(id);
        return new Session(B64.encodeToString(id), learner, clock.instant().plus(lifetime).truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * The {@code Set-Cookie} header value that stores a session in the browser.
     *
     * @param session the session
     * @return the header value
     */
    String setCookie(Session session) {
        String payload = B64.encodeToString((session.id() + "|" + (session.learner() == null ? "" : session.learner()) + "|"
                + session.expiresAt().getEpochSecond()).getBytes(StandardCharsets.UTF_8));
        long maxAge = Math.max(0, Duration.between(clock.instant(), session.expiresAt()).toSeconds());
        return COOKIE + "=" + payload + "." + B64.encodeToString(mac("session", payload))
                + "; Path=/; Max-Age=" + maxAge + "; HttpOnly; SameSite=Lax";
    }

    /**
     * The {@code Set-Cookie} header value that removes the session cookie.
     *
     * @return the header value
     */
    static String clearCookie() {
        return COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax";
    }

    /**
     * Reads a session cookie's value.
     *
     * @param value the cookie's value, or null
     * @return the session; empty when the value is missing, malformed, not signed with this key or expired
     */
    Optional<Session> read(String value) {
        if (value == null) {
            return Optional.empty();
        }
        int dot = value.lastIndexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String payload = value.substring(0, dot);
        byte[] given;
        String[] parts;
        try {
            given = B64D.decode(value.substring(dot + 1));
            parts = new String(B64D.decode(payload), StandardCharsets.UTF_8).split("\\|", -1);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(mac("session", payload), given) || parts.length != 3) {
            return Optional.empty();
        }
        Instant expiresAt;
        try {
            expiresAt = Instant.ofEpochSecond(Long.parseLong(parts[2]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(expiresAt)) {
            return Optional.empty();
        }
        String learner = parts[1].isEmpty() ? null : parts[1];
        if (learner != null && !WebServer.LEARNER_ID.matcher(learner).matches()) {
            return Optional.empty();
        }
        return Optional.of(new Session(parts[0], learner, expiresAt));
    }

    /**
     * The form token of a session.
     *
     * @param session the session
     * @return the token for the hidden form field
     */
    String formToken(Session session) {
        return B64.encodeToString(mac("csrf", session.id()));
    }

    /**
     * Whether a submitted form token belongs to the session; compared in constant time.
     *
     * @param session the session the request came with
     * @param token   the submitted token, or null
     * @return true when it matches
     */
    boolean formTokenValid(Session session, String token) {
        if (token == null) {
            return false;
        }
        return MessageDigest.isEqual(formToken(session).getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] mac(String label, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            // the label keeps a cookie signature from ever serving as a form token, and the other way round
            mac.update(label.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) 0);
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
