package io.learnloop.lms.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.http.internal.HttpPipeline;
import io.learnloop.http.internal.HttpRequest;
import io.learnloop.lms.LtiException;
import io.learnloop.lms.LtiException.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The platforms' signing keys, fetched from their JWKS URLs and kept per URL. A fetched set is used for the
 * configured maximum age; a token whose {@code kid} the set lacks triggers a fetch (the platform rotated its key), but
 * never more than once per minimum refresh interval per URL, so that tokens with made-up key ids cannot make the tool
 * hammer a platform. When a refresh fails, keys already held keep verifying: a platform's brief outage must not stop
 * launches signed with a key it has not withdrawn.
 *
 * <p>The platform role uses the same cache for the tools' keys (client assertions, Deep Linking responses).
 *
 * <p>Thread-safe: one fetch per URL at a time; readers of a current set never wait.
 */
final class JwksCache {
    private static final Logger LOG = LoggerFactory.getLogger(JwksCache.class);
    private static final int MAX_BYTES = 256 * 1024;

    private record Entry(Map<String, RSAPublicKey> keys, Instant fetchedAt) {
    }

    private final String peer;
    private final HttpPipeline http;
    private final Clock clock;
    private final Duration maxAge;
    private final Duration minRefresh;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastAttempt = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    JwksCache(HttpPipeline http, Clock clock, Duration maxAge, Duration minRefresh) {
        this(http, clock, maxAge, minRefresh, "platform");
    }

    /** A cache of the keys of {@code peer}s: platforms (the tool role) or tools (the platform role). */
    JwksCache(HttpPipeline http, Clock clock, Duration maxAge, Duration minRefresh, String peer) {
        this.peer = peer;
        this.http = http;
        this.clock = clock;
        this.maxAge = maxAge;
        this.minRefresh = minRefresh;
    }

    /**
     * The key with a key id from a platform's JWKS; a null kid is accepted when the set holds exactly one key.
     */
    RSAPublicKey key(String jwksUrl, String kid) {
        Entry entry = entries.get(jwksUrl);
        RSAPublicKey key = entry == null ? null : pick(entry, kid);
        if (key != null && !stale(entry)) {
            return key;
        }
        synchronized (locks.computeIfAbsent(jwksUrl, u -> new Object())) {
            entry = entries.get(jwksUrl);
            key = entry == null ? null : pick(entry, kid);
            if (key != null && !stale(entry)) {
                return key; // another thread refreshed it meanwhile
            }
            Instant now = clock.instant();
            Instant last = lastAttempt.get(jwksUrl);
            if (last != null && now.isBefore(last.plus(minRefresh))) {
                if (key != null) {
                    return key;
                }
                if (entry == null) {
                    throw new LtiException(Problem.JWKS_UNAVAILABLE, "The " + peer + "'s JWKS at " + jwksUrl
                            + " could not be fetched at " + last + " and is not tried again before "
                            + last.plus(minRefresh) + "; the learner should launch again shortly.");
                }
                throw unknownKey(jwksUrl, kid, entry);
            }
            lastAttempt.put(jwksUrl, now);
            Entry fresh;
            try {
                fresh = new Entry(fetch(jwksUrl), now);
            } catch (LtiException e) {
                if (key != null) {
                    LOG.warn("Refreshing the JWKS at {} failed ({}); the cached key '{}' stays in use", jwksUrl,
                            e.getMessage(), kid);
                    return key;
                }
                throw e;
            }
            entries.put(jwksUrl, fresh);
            key = pick(fresh, kid);
            if (key == null) {
                throw unknownKey(jwksUrl, kid, fresh);
            }
            return key;
        }
    }

    private boolean stale(Entry entry) {
        return !clock.instant().isBefore(entry.fetchedAt().plus(maxAge));
    }

    private static RSAPublicKey pick(Entry entry, String kid) {
        if (kid == null) {
            return entry.keys().size() == 1 ? entry.keys().values().iterator().next() : null;
        }
        return entry.keys().get(kid);
    }

    private LtiException unknownKey(String jwksUrl, String kid, Entry entry) {
        return new LtiException(Problem.UNKNOWN_KEY, (kid == null
                ? "The token names no key id (kid) and the " + peer + "'s JWKS at " + jwksUrl + " holds "
                + entry.keys().size() + " keys"
                : "The " + peer + "'s JWKS at " + jwksUrl + " has no key '" + kid + "' (it has " + entry.keys().keySet()
                + ")") + "; the token was not signed by this " + peer + ", or its new key is not published yet.");
    }

    private Map<String, RSAPublicKey> fetch(String jwksUrl) {
        String text;
        try {
            text = http.call(HttpRequest.get(jwksUrl).header("Accept", "application/json").build(), response -> {
                if (!response.ok()) {
                    throw new LtiException(Problem.JWKS_UNAVAILABLE, "The " + peer + "'s JWKS at " + jwksUrl
                            + " answered HTTP " + response.status() + "; check the registered jwksUrl.");
                }
                if (response.body().length > MAX_BYTES) {
                    throw new LtiException(Problem.JWKS_UNAVAILABLE, "The " + peer + "'s JWKS at " + jwksUrl
                            + " is larger than " + MAX_BYTES + " bytes; check the registered jwksUrl.");
                }
                return response.text();
            });
        } catch (LtiException e) {
            throw e;
        } catch (LearnloopException e) {
            throw new LtiException(Problem.JWKS_UNAVAILABLE, "The " + peer + "'s JWKS at " + jwksUrl
                    + " could not be fetched: " + e.getMessage(), e);
        }
        Map<String, RSAPublicKey> keys = new LinkedHashMap<>();
        try {
            for (JWK jwk : JWKSet.parse(text).getKeys()) {
                if (jwk instanceof RSAKey rsa && (rsa.getKeyUse() == null || KeyUse.SIGNATURE.equals(rsa.getKeyUse()))) {
                    keys.put(rsa.getKeyID(), rsa.toRSAPublicKey());
                }
            }
        } catch (ParseException | JOSEException e) {
            throw new LtiException(Problem.JWKS_UNAVAILABLE, "The " + peer + "'s JWKS at " + jwksUrl
                    + " is not a valid JWK Set: " + e.getMessage(), e);
        }
        keys.remove(null);
        if (keys.isEmpty()) {
            throw new LtiException(Problem.JWKS_UNAVAILABLE, "The " + peer + "'s JWKS at " + jwksUrl
                    + " holds no RSA signing key with a key id.");
        }
        return Map.copyOf(keys);
    }
}
