package io.learnloop.core.credential;

import io.learnloop.core.error.ValidationException;
import io.learnloop.core.identity.Identifier;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import java.util.Objects;

/**
 * The host's key for signing certificates, named by a key id ({@code kid}) that verifiers use to find the public
 * key (for example a fragment of the JWKS the host publishes). The algorithm follows from the key: P-256 EC keys sign
 * ES256, Ed25519 keys sign EdDSA, RSA keys of 2048 bits or more sign RS256.
 *
 * <p>Thread-safe: immutable. {@link #toString()} never shows the private key.
 */
public final class SigningKey {
    private final String kid;
    private final SigningAlgorithm algorithm;
    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private SigningKey(String kid, SigningAlgorithm algorithm, PrivateKey privateKey, PublicKey publicKey) {
        this.kid = kid;
        this.algorithm = algorithm;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /**
     * Wraps a key pair.
     *
     * @param kid     the key id, as published with the public key
     * @param keyPair a P-256 EC, Ed25519 or RSA (2048 bits or more) key pair
     * @return the signing key
     * @throws ValidationException if the key id is malformed or the key type is not supported
     */
    public static SigningKey of(String kid, KeyPair keyPair) {
        Identifier.check("kid", kid);
        if (keyPair == null || keyPair.getPrivate() == null || keyPair.getPublic() == null) {
            throw ValidationException.of("keyPair", "is required, with both keys");
        }
        SigningAlgorithm algorithm = algorithmOf(keyPair.getPublic());
        PrivateKey priv = keyPair.getPrivate();
        boolean matches = switch (algorithm) {
            case ES256 -> priv instanceof ECPrivateKey;
            case EdDSA -> priv instanceof EdECPrivateKey;
            case RS256 -> priv instanceof RSAPrivateKey;
        };
        if (!matches) {
            throw ValidationException.of("keyPair", "private and public key are of different types");
        }
        return new SigningKey(kid, algorithm, priv, keyPair.getPublic());
    }

    /**
     * The algorithm a public key verifies.
     *
     * @param key the key
     * @return the algorithm
     * @throws ValidationException if the key type is not supported
     */
    public static SigningAlgorithm algorithmOf(PublicKey key) {
        if (key instanceof ECPublicKey ec && ec.getParams().getCurve().getField().getFieldSize() == 256
                && ec.getParams().getOrder().bitLength() == 256) {
            return SigningAlgorithm.ES256;
        }
        if (key instanceof EdECPublicKey ed && "Ed25519".equalsIgnoreCase(ed.getParams().getName())) {
            return SigningAlgorithm.EdDSA;
        }
        if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() >= 2048) {
            return SigningAlgorithm.RS256;
        }
        throw ValidationException.of("keyPair", "must be a P-256 EC, Ed25519 or RSA (2048 bits or more) key, was "
                + (key == null ? "null" : key.getAlgorithm()));
    }

    /**
     * The key id.
     *
     * @return the kid
     */
    public String kid() {
        return kid;
    }

    /**
     * The algorithm.
     *
     * @return the algorithm
     */
    public SigningAlgorithm algorithm() {
        return algorithm;
    }

    /**
     * The public key, to publish and verify with.
     *
     * @return the public key
     */
    public PublicKey publicKey() {
        return publicKey;
    }

    /**
     * Signs JWT claims with this key: the JOSE header names the algorithm, {@code typ: JWT} and this key's
     * {@code kid}.
     *
     * @param claims the claims; values are strings, numbers, booleans, lists and maps of these
     * @return the compact JWS ({@code header.payload.signature})
     * @throws ValidationException if the claims are not a valid JWT claims set
     */
    public String signJwt(Map<String, Object> claims) {
        return JwsCodec.sign(this, privateKey, claims);
    }

    /**
     * The public key as a JSON Web Key (RFC 7517) with {@code kid}, {@code alg} and {@code use: sig}, ready to publish
     * in the issuer's JWK Set.
     *
     * @return the JWK's members
     */
    public Map<String, Object> publicJwk() {
        return JwsCodec.publicJwk(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SigningKey k && k.kid.equals(kid) && k.publicKey.equals(publicKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kid, publicKey);
    }

    @Override
    public String toString() {
        return "SigningKey[kid=" + kid + ", alg=" + algorithm + ", private key redacted]";
    }
}
