package io.learnloop.lms;

import io.learnloop.core.credential.SigningAlgorithm;
import io.learnloop.core.credential.SigningKey;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.json.LearnloopJson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The tool's own RSA keys: one active key that signs (client assertions, Deep Linking responses) and the keys that
 * signed until recently, still published so that platforms verify what they already hold. Platforms fetch
 * {@link #jwks()} from the URL the tool registered with them.
 *
 * <p>Rotation without a broken launch: publish the next key first ({@link #withPublished}), let platforms' caches
 * pick it up, then {@link #rotate} to it (the old active key stays published), and {@link #retire} the old key once
 * nothing signed with it can still be in flight (a client assertion lives minutes, a Deep Linking response as long as
 * the teacher's browser tab).
 *
 * <p>Thread-safe: immutable. {@link #toString()} names key ids only.
 */
public final class ToolKeys {
    private final SigningKey active;
    private final List<SigningKey> published;

    private ToolKeys(SigningKey active, List<SigningKey> published) {
        this.active = active;
        this.published = List.copyOf(published);
    }

    /**
     * Keys with one active key and nothing else published.
     *
     * @param active the signing key: RSA of 2048 bits or more (LTI 1.3 signs with RS256)
     * @return the keys
     * @throws ValidationException if the key is not an RSA key
     */
    public static ToolKeys of(SigningKey active) {
        return new ToolKeys(rsa(active, "active"), List.of());
    }

    /**
     * A copy that also publishes a key (the next one, before rotating to it, or the previous one).
     *
     * @param key an RSA key with a key id not yet used here
     * @return the copy
     * @throws ValidationException if the key is not RSA or its id is taken
     */
    public ToolKeys withPublished(SigningKey key) {
        rsa(key, "key");
        if (kids().contains(key.kid())) {
            throw ValidationException.of("key", "key id '" + key.kid() + "' is already published; every key needs its own kid");
        }
        List<SigningKey> next = new ArrayList<>(published);
        next.add(key);
        return new ToolKeys(active, next);
    }

    /**
     * A copy that signs with {@code next} and keeps publishing the previous active key.
     *
     * @param next the new active key (published already or not)
     * @return the copy
     * @throws ValidationException if the key is not RSA, or is the active key
     */
    public ToolKeys rotate(SigningKey next) {
        rsa(next, "next");
        if (next.kid().equals(active.kid())) {
            throw ValidationException.of("next", "is already the active key '" + next.kid() + "'");
        }
        List<SigningKey> keep = new ArrayList<>();
        keep.add(active);
        for (SigningKey k : published) {
            if (!k.kid().equals(next.kid())) {
                keep.add(k);
            }
        }
        return new ToolKeys(next, keep);
    }

    /**
     * A copy that no longer publishes a previous key: what it signed stops verifying.
     *
     * @param kid the key id of a published, non-active key
     * @return the copy
     * @throws ValidationException if the key is the active one or is not published
     */
    public ToolKeys retire(String kid) {
        if (active.kid().equals(kid)) {
            throw ValidationException.of("kid", "'" + kid + "' is the active key; rotate to another key first");
        }
        List<SigningKey> keep = published.stream().filter(k -> !k.kid().equals(kid)).toList();
        if (keep.size() == published.size()) {
            throw ValidationException.of("kid", "'" + kid + "' is not published; published: " + kids());
        }
        return new ToolKeys(active, keep);
    }

    /**
     * The key that signs.
     *
     * @return the active key
     */
    public SigningKey active() {
        return active;
    }

    /**
     * The ids of every published key, the active one first.
     *
     * @return the key ids
     */
    public List<String> kids() {
        List<String> ids = new ArrayList<>();
        ids.add(active.kid());
        published.forEach(k -> ids.add(k.kid()));
        return List.copyOf(ids);
    }

    /**
     * The public keys as a JWK Set (RFC 7517), the active key first: serve it at the tool's JWKS URL with
     * {@code Content-Type: application/json}. Holds public keys only.
     *
     * @return the JWK Set as JSON
     */
    public String jwks() {
        List<Map<String, Object>> keys = new ArrayList<>();
        keys.add(active.publicJwk());
        published.forEach(k -> keys.add(k.publicJwk()));
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("keys", keys);
        return LearnloopJson.toJson(set);
    }

    private static SigningKey rsa(SigningKey key, String field) {
        Objects.requireNonNull(key, field);
        if (key.algorithm() != SigningAlgorithm.RS256) {
            throw ValidationException.of(field, "key '" + key.kid() + "' signs " + key.algorithm()
                    + "; LTI 1.3 requires RS256, so pass an RSA key of 2048 bits or more");
        }
        return key;
    }

    @Override
    public String toString() {
        return "ToolKeys[active=" + active.kid() + ", published=" + kids() + "]";
    }
}
