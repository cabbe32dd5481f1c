package io.learnloop.payment.internal.apple;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;

import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * The App Store Server API key and the bearer token made from it: an ES256 JWT with header {@code kid} and
 * {@code typ: JWT}, and claims {@code iss} (the issuer id), {@code iat}, {@code exp} (five minutes later, as Apple's
 * library does; Apple accepts at most an hour), {@code aud: appstoreconnect-v1} and {@code bid} (the bundle id).
 *
 * <p>Thread-safe: immutable. {@link #toString()} never shows the key.
 */
public final class AppleApiCredentials {
    /** The audience Apple requires. */
    static final String AUDIENCE = "appstoreconnect-v1";
    private static final Duration LIFETIME = Duration.ofMinutes(5);

    private final String issuerId;
    private final String keyId;
    private final ECPrivateKey key;

    /**
     * Creates the credentials.
     *
     * @param issuerId the issuer id
     * @param keyId    the key id
     * @param key      the private key
     */
    public AppleApiCredentials(String issuerId, String keyId, ECPrivateKey key) {
        this.issuerId = issuerId;
        this.keyId = keyId;
        this.key = key;
    }

    /**
     * A bearer token.
     *
     * @param now      the current time
     * @param bundleId the app's bundle id
     * @return the signed JWT
     */
    String token(Instant now, String bundleId) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(keyId).type(JOSEObjectType.JWT).build();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuerId).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME))).audience(AUDIENCE).claim("bid", bundleId).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new LearnloopException(ErrorCode.INTERNAL,
                    "Could not sign the App Store Server API token with key " + keyId
                            + "; configure the EC P-256 key of the .p8 file Apple issued", e);
        }
        return jwt.serialize();
    }

    @Override
    public String toString() {
        return "AppleApiCredentials[issuerId=" + issuerId + ", keyId=" + keyId + ", key=***]";
    }
}
