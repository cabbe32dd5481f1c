package io.learnloop.core.credential;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.json.LearnloopJson;

import java.security.PublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Verifies Open Badges 3.0 certificates signed as VC-JWT, offline: it needs only the issuer's id and public keys
 * (and, optionally, a revocation check). Checks run in this order: the token's form, the algorithm, the key id, the
 * signature, the issuer, the credential's shape, revocation, then the validity window.
 *
 * <pre>{@code
 * CertificateVerifier verifier = CertificateVerifier.builder()
 *     .issuer("https://school.example")
 *     .key("2026-key", publicKey)          // or every key of the issuer's published JWK Set:
 *     .jwks(jwkSetJson)                    // .jwks(learnloop.certificates().jwks())
 *     .build();
 * VerificationResult result = verifier.verify(jwt);
 * }</pre>
 *
 * <p>Thread-safe: immutable. The builder is not thread-safe.
 */
public final class CertificateVerifier {
    /** The longest token accepted. */
    public static final int MAX_LENGTH = 64 * 1024;
    /** The longest JWK Set document {@link Builder#jwks(String)} reads, in characters. */
    public static final int MAX_JWKS_LENGTH = 64 * 1024;
    /** The W3C Verifiable Credentials 2.0 context. */
    public static final String VC_CONTEXT = "https://www.w3.org/ns/credentials/v2";
    /** The Open Badges 3.0 context. */
    public static final String OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

    private final String issuer;
    private final Map<String, PublicKey> keys;
    private final RevocationCheck revocations;
    private final Clock clock;

    private CertificateVerifier(Builder b) {
        this.issuer = b.issuer;
        this.keys = Map.copyOf(b.keys);
        this.revocations = b.revocations;
        this.clock = b.clock;
    }

    /**
     * Starts building a verifier.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Verifies a certificate.
     *
     * @param jwt the compact VC-JWT
     * @return the result; never throws for a bad token
     */
    public VerificationResult verify(String jwt) {
        if (jwt == null || jwt.isEmpty() || jwt.length() > MAX_LENGTH) {
            return VerificationResult.failed(VerificationStatus.MALFORMED, "The token is empty or longer than "
                    + MAX_LENGTH + " characters.", null);
        }
        if (!JwsCodec.canonical(jwt)) {
            return VerificationResult.failed(VerificationStatus.MALFORMED,
                    "The token is not three canonical base64url segments.", null);
        }
        SignedJWT signed;
        try {
            signed = SignedJWT.parse(jwt);
        } catch (ParseException e) {
            return VerificationResult.failed(VerificationStatus.MALFORMED, "The token cannot be parsed: " + e.getMessage(), null);
        }
        JWSHeader header = signed.getHeader();
        String kid = header.getKeyID();
        if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
            return VerificationResult.failed(VerificationStatus.MALFORMED, "The header marks parameters critical: "
                    + header.getCriticalParams(), kid);
        }
        SigningAlgorithm algorithm = algorithmOf(header.getAlgorithm());
        if (algorithm == null) {
            return VerificationResult.failed(VerificationStatus.UNSUPPORTED_ALGORITHM, "Algorithm "
                    + header.getAlgorithm() + " is not accepted; use ES256, EdDSA or RS256.", kid);
        }
        PublicKey key = kid == null ? null : keys.get(kid);
        if (key == null) {
            return VerificationResult.failed(VerificationStatus.UNKNOWN_KEY, kid == null ? "The header names no key id."
                    : "Key '" + kid + "' is not a key of issuer " + issuer + ".", kid);
        }
        if (SigningKey.algorithmOf(key) != algorithm) {
            return VerificationResult.failed(VerificationStatus.UNSUPPORTED_ALGORITHM, "Key '" + kid + "' verifies "
                    + SigningKey.algorithmOf(key) + ", but the token says " + algorithm + ".", kid);
        }
        if (!JwsCodec.verify(signed, algorithm, key)) {
            return VerificationResult.failed(VerificationStatus.BAD_SIGNATURE, "The signature does not match.", kid);
        }
        return checkClaims(signed, kid);
    }

    private VerificationResult checkClaims(SignedJWT signed, String kid) {
        JWTClaimsSet claims;
        Map<String, Object> vc;
        try {
            claims = signed.getJWTClaimsSet();
            vc = claims.getJSONObjectClaim("vc");
        } catch (ParseException e) {
            return VerificationResult.failed(VerificationStatus.MALFORMED, "The claims cannot be parsed: " + e.getMessage(), kid);
        }
        if (!issuer.equals(claims.getIssuer())) {
            return VerificationResult.failed(VerificationStatus.WRONG_ISSUER, "The token names issuer "
                    + claims.getIssuer() + ", expected " + issuer + ".", kid);
        }
        String shape = shapeProblem(vc, claims);
        if (shape != null) {
            return VerificationResult.failed(VerificationStatus.NOT_AN_OPEN_BADGE, shape, kid);
        }
        Instant validFrom = claims.getNotBeforeTime().toInstant();
        Date exp = claims.getExpirationTime();
        Instant validUntil = exp == null ? null : exp.toInstant();
        Map<?, ?> subject = (Map<?, ?>) vc.get("credentialSubject");
        Map<?, ?> achievement = (Map<?, ?>) subject.get("achievement");
        String json = LearnloopJson.toJson(vc);
        Instant now = clock.instant();
        VerificationStatus status = VerificationStatus.VALID;
        String message = "The certificate is valid.";
        if (revocations.isRevoked(claims.getJWTID())) {
            status = VerificationStatus.REVOKED;
            message = "The issuer revoked this certificate.";
        } else if (now.isBefore(validFrom)) {
            status = VerificationStatus.NOT_YET_VALID;
            message = "The certificate is valid from " + validFrom + ".";
        } else if (validUntil != null && !now.isBefore(validUntil)) {
            status = VerificationStatus.EXPIRED;
            message = "The certificate expired at " + validUntil + ".";
        }
        return new VerificationResult(status, message, kid, claims.getJWTID(), claims.getIssuer(), claims.getSubject(),
                String.valueOf(achievement.get("name")), validFrom, validUntil, json);
    }

    /** Checks the Open Badges 3.0 shape and that the JWT claims agree with the credential; null when fine. */
    private static String shapeProblem(Map<String, Object> vc, JWTClaimsSet claims) {
        if (vc == null) {
            return "The token has no vc claim.";
        }
        if (!(vc.get("@context") instanceof List<?> contexts) || contexts.size() < 2
                || !VC_CONTEXT.equals(contexts.get(0)) || !contexts.contains(OB_CONTEXT)) {
            return "The credential's @context must start with " + VC_CONTEXT + " and include " + OB_CONTEXT + ".";
        }
        if (!(vc.get("type") instanceof List<?> types) || !types.contains("VerifiableCredential")
                || !(types.contains("OpenBadgeCredential") || types.contains("AchievementCredential"))) {
            return "The credential's type must include VerifiableCredential and OpenBadgeCredential.";
        }
        if (!(vc.get("issuer") instanceof Map<?, ?> profile) || !Objects.equals(profile.get("id"), claims.getIssuer())) {
            return "The credential's issuer.id must equal the iss claim.";
        }
        if (vc.get("id") == null || !vc.get("id").equals(claims.getJWTID())) {
            return "The credential's id must equal the jti claim.";
        }
        if (claims.getNotBeforeTime() == null || vc.get("validFrom") == null) {
            return "The credential needs validFrom and the nbf claim.";
        }
        if (!(vc.get("credentialSubject") instanceof Map<?, ?> subject)
                || !(subject.get("achievement") instanceof Map<?, ?> achievement)
                || !(achievement.get("criteria") instanceof Map<?, ?>) || achievement.get("name") == null) {
            return "The credential needs credentialSubject.achievement with a name and criteria.";
        }
        return null;
    }

    private static SigningAlgorithm algorithmOf(JWSAlgorithm alg) {
        if (JWSAlgorithm.ES256.equals(alg)) {
            return SigningAlgorithm.ES256;
        }
        if (JWSAlgorithm.EdDSA.equals(alg) || JWSAlgorithm.Ed25519.equals(alg)) {
            return SigningAlgorithm.EdDSA;
        }
        if (JWSAlgorithm.RS256.equals(alg)) {
            return SigningAlgorithm.RS256;
        }
        return null;
    }

    @Override
    public String toString() {
        return "CertificateVerifier[issuer=" + issuer + ", keys=" + keys.keySet() + "]";
    }

    /**
     * Builds a {@link CertificateVerifier}. Not thread-safe.
     */
    public static final class Builder {
        private String issuer;
        private final Map<String, PublicKey> keys = new HashMap<>();
        private RevocationCheck revocations = RevocationCheck.NONE;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * Sets the issuer's id (an HTTPS URL or a DID), which the token's {@code iss} must equal.
         *
         * @param issuerId the id
         * @return this builder
         */
        public Builder issuer(String issuerId) {
            if (issuerId == null || issuerId.isBlank()) {
                throw ValidationException.of("issuer", "must not be blank");
            }
            this.issuer = issuerId;
            return this;
        }

        /**
         * Adds one of the issuer's public keys.
         *
         * @param kid the key id the token's header names
         * @param key a P-256 EC, Ed25519 or RSA public key
         * @return this builder
         */
        public Builder key(String kid, PublicKey key) {
            if (kid == null || kid.isBlank()) {
                throw ValidationException.of("kid", "must not be blank");
            }
            SigningKey.algorithmOf(key);
            keys.put(kid, key);
            return this;
        }

        /**
         * Adds every key of the issuer's JWK Set (RFC 7517), as {@code CertificateService.jwks()} publishes it: EC keys
         * on P-256, RSA keys of 2048 bits or more and OKP keys on Ed25519, each named by its {@code kid}. A key may
         * say {@code alg} (ES256, RS256 or EdDSA, matching its type), {@code use} ({@code sig}) and {@code key_ops}
         * (with {@code verify}); other members (such as {@code x5c}) are ignored. Fetch the document from the issuer
         * over HTTPS and pass it unchanged; nothing is added unless every key is good.
         *
         * @param jwkSetJson the JWK Set document, at most {@link CertificateVerifier#MAX_JWKS_LENGTH}
         *                   characters
         * @return this builder
         * @throws ValidationException naming {@code jwks} when the document is missing, too long, not JSON, has a
         *                             member twice or lists no key, and {@code jwks.keys[i].member} for every bad
         *                             key: no {@code kid}, a key id given twice or already added with another key,
         *                             an unsupported {@code kty} or {@code crv}, an RSA modulus under 2048 bits, a
         *                             public value that is not a key, an {@code alg}, {@code use} or
         *                             {@code key_ops} that does not verify certificates, or private key material
         *                             ({@code d}, {@code p}, {@code q}, {@code dp}, {@code dq}, {@code qi},
         *                             {@code oth}, {@code k}), which a verifier must never be given
         */
        public Builder jwks(String jwkSetJson) {
            Map<String, PublicKey> found = JwkSetReader.read(jwkSetJson);
            List<ValidationException.Violation> clashes = new ArrayList<>();
            int i = 0;
            for (Map.Entry<String, PublicKey> e : found.entrySet()) {
                PublicKey known = keys.get(e.getKey());
                if (known != null && !known.equals(e.getValue())) {
                    clashes.add(new ValidationException.Violation("jwks.keys[" + i + "].kid", "key id '" + e.getKey()
                            + "' was already added with another key; a key id must name one key"));
                }
                i++;
            }
            if (!clashes.isEmpty()) {
                throw new ValidationException(clashes);
            }
            keys.putAll(found);
            return this;
        }

        /**
         * Sets the revocation check; without one, revocation is not consulted.
         *
         * @param check the check
         * @return this builder
         */
        public Builder revocations(RevocationCheck check) {
            this.revocations = Objects.requireNonNull(check, "check");
            return this;
        }

        /**
         * Sets the clock the validity window is checked against (default: the UTC system clock).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the verifier.
         *
         * @return the verifier
         * @throws ValidationException if no issuer or no key was given
         */
        public CertificateVerifier build() {
            if (issuer == null || keys.isEmpty()) {
                throw ValidationException.of(issuer == null ? "issuer" : "keys", "is required");
            }
            return new CertificateVerifier(this);
        }
    }
}
