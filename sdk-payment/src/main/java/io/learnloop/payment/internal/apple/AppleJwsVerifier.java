package io.learnloop.payment.internal.apple;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.util.Base64;
import io.learnloop.payment.apple.AppleRejection;
import io.learnloop.payment.internal.json.Json;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Verifies one JWS signed by the App Store, the way Apple's {@code SignedDataVerifier} and {@code ChainVerifier}
 * do: the algorithm is ES256; the {@code x5c} header holds exactly three certificates (leaf, intermediate, root); the
 * leaf and intermediate form a PKIX path to one of the configured roots (the third certificate is not trusted for
 * itself), with Apple's extensions ({@link AppleExtensionChecker}), valid at the payload's {@code signedDate} (at the
 * current time when it has none, or with online checks, which also ask OCSP through the JDK's revocation checker and
 * fail when it cannot answer); the signature verifies under the leaf's key.
 *
 * <p>Thread-safe: immutable.
 */
public final class AppleJwsVerifier {
    private static final int CHAIN_LENGTH = 3;

    private final Set<TrustAnchor> anchors;
    private final boolean onlineChecks;
    private final Clock clock;

    /**
     * Creates the verifier.
     *
     * @param roots        the trusted roots, at least one
     * @param onlineChecks whether to check at the current time and for revocation
     * @param clock        the clock for the current time
     */
    public AppleJwsVerifier(List<X509Certificate> roots, boolean onlineChecks, Clock clock) {
        Set<TrustAnchor> set = new HashSet<>();
        for (X509Certificate root : roots) {
            set.add(new TrustAnchor(root, null));
        }
        this.anchors = Set.copyOf(set);
        this.onlineChecks = onlineChecks;
        this.clock = clock;
    }

    /**
     * Verifies a JWS and returns its payload.
     *
     * @param compact the JWS in compact form
     * @return the payload, a JSON object
     * @throws AppleVerificationException if any check fails
     */
    public JsonNode verify(String compact) {
        if (compact == null || compact.isBlank()) {
            throw new AppleVerificationException(AppleRejection.MALFORMED, "the signed data is missing");
        }
        JWSObject jws;
        try {
            jws = JWSObject.parse(compact);
        } catch (ParseException e) {
            throw new AppleVerificationException(AppleRejection.MALFORMED, "the signed data is not a JWS");
        }
        JsonNode payload = Json.parse(jws.getPayload().toBytes());
        if (payload == null || !payload.isObject()) {
            throw new AppleVerificationException(AppleRejection.MALFORMED, "the JWS payload is not a JSON object");
        }
        if (!JWSAlgorithm.ES256.equals(jws.getHeader().getAlgorithm())) {
            throw new AppleVerificationException(AppleRejection.BAD_SIGNATURE,
                    "the algorithm is " + jws.getHeader().getAlgorithm() + ", not ES256");
        }
        List<Base64> x5c = jws.getHeader().getX509CertChain();
        if (x5c == null) {
            throw new AppleVerificationException(AppleRejection.INVALID_CHAIN, "the JWS header has no x5c chain");
        }
        Long signedDate = Json.number(payload, "signedDate");
        Instant at = onlineChecks || signedDate == null ? clock.instant() : Instant.ofEpochMilli(signedDate);
        PublicKey key = verifyChain(x5c, at);
        if (!(key instanceof ECPublicKey ec)) {
            throw new AppleVerificationException(AppleRejection.BAD_SIGNATURE, "the signing key is not an EC key");
        }
        try {
            if (!jws.verify(new ECDSAVerifier(ec))) {
                throw new AppleVerificationException(AppleRejection.BAD_SIGNATURE,
                        "the signature does not verify under the signing certificate");
            }
        } catch (JOSEException e) {
            throw new AppleVerificationException(AppleRejection.BAD_SIGNATURE,
                    "the signature could not be checked: " + e.getMessage());
        }
        return payload;
    }

    private PublicKey verifyChain(List<Base64> x5c, Instant at) {
        List<X509Certificate> certs = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Base64 der : x5c) {
                certs.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der.decode())));
            }
            if (certs.size() != CHAIN_LENGTH) {
                throw new AppleVerificationException(AppleRejection.INVALID_CHAIN,
                        "the x5c chain has " + certs.size() + " certificates, not " + CHAIN_LENGTH);
            }
            CertPathValidator validator = CertPathValidator.getInstance("PKIX");
            // The root comes from the configuration, never from the message: only leaf and intermediate form the path.
            CertPath path = factory.generateCertPath(certs.subList(0, CHAIN_LENGTH - 1));
            PKIXParameters params = new PKIXParameters(anchors);
            params.setDate(Date.from(at));
            params.setRevocationEnabled(onlineChecks);
            if (onlineChecks) {
                PKIXRevocationChecker revocation = (PKIXRevocationChecker) validator.getRevocationChecker();
                revocation.setOptions(Set.of(PKIXRevocationChecker.Option.NO_FALLBACK));
                params.addCertPathChecker(revocation);
            }
            params.addCertPathChecker(new AppleExtensionChecker());
            return ((PKIXCertPathValidatorResult) validator.validate(path, params)).getPublicKey();
        } catch (AppleVerificationException e) {
            throw e;
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new AppleVerificationException(AppleRejection.INVALID_CHAIN,
                    "the x5c chain does not verify to a trusted root at " + at + ": " + e.getMessage());
        }
    }
}
