package io.learnloop.core.credential;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.core.error.ValidationException;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.Map;

/**
 * Signs and checks compact JWS with nimbus-jose-jwt. ES256 and RS256 use nimbus' signers; EdDSA uses the JDK's
 * Ed25519 (nimbus' own Ed25519 classes need Google Tink, which the SDK does not depend on), with nimbus still
 * building and parsing the token. Nimbus types stay inside this class.
 *
 * <p>Thread-safe: stateless.
 */
final class JwsCodec {
    private JwsCodec() {
    }

    static JWSAlgorithm jwsAlgorithm(SigningAlgorithm algorithm) {
        return switch (algorithm) {
            case ES256 -> JWSAlgorithm.ES256;
            case EdDSA -> JWSAlgorithm.EdDSA;
            case RS256 -> JWSAlgorithm.RS256;
        };
    }

    static String sign(SigningKey key, PrivateKey privateKey, Map<String, Object> claims) {
        JWTClaimsSet claimSet;
        try {
            claimSet = JWTClaimsSet.parse(claims);
        } catch (ParseException e) {
            throw ValidationException.of("claims", "are not a valid JWT claims set: " + e.getMessage());
        }
        JWSHeader header = new JWSHeader.Builder(jwsAlgorithm(key.algorithm()))
                .keyID(key.kid()).type(JOSEObjectType.JWT).build();
        SignedJWT jwt = new SignedJWT(header, claimSet);
        try {
            switch (key.algorithm()) {
                case ES256 -> jwt.sign(new ECDSASigner((ECPrivateKey) privateKey));
                case RS256 -> jwt.sign(new RSASSASigner(privateKey));
                case EdDSA -> {
                    Signature ed = Signature.getInstance("Ed25519");
                    ed.initSign(privateKey);
                    ed.update(jwt.getSigningInput());
                    Base64URL signature = Base64URL.encode(ed.sign());
                    return header.toBase64URL() + "." + jwt.getPayload().toBase64URL() + "." + signature;
                }
                default -> throw new IllegalStateException("unknown algorithm " + key.algorithm());
            }
        } catch (JOSEException | GeneralSecurityException e) {
            throw new LearnloopException(ErrorCode.CONFIGURATION, "Signing with key '" + key.kid() + "' failed: "
                    + e.getMessage(), e);
        }
        return jwt.serialize();
    }

    /**
     * Whether each of the three segments is canonical base64url (no padding, no stray bits), so no two texts
     * decode to the same bytes and any changed character changes what is verified.
     */
    static boolean canonical(String jwt) {
        String[] parts = jwt.split("\\.", -1);
        if (parts.length != 3) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty()) {
                return false;
            }
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
                if (!ok) {
                    return false;
                }
            }
            if (!Base64URL.encode(new Base64URL(part).decode()).toString().equals(part)) {
                return false;
            }
        }
        return true;
    }

    static Map<String, Object> publicJwk(SigningKey key) {
        PublicKey pub = key.publicKey();
        com.nimbusds.jose.jwk.JWK jwk = switch (key.algorithm()) {
            case ES256 -> new com.nimbusds.jose.jwk.ECKey.Builder(com.nimbusds.jose.jwk.Curve.P_256, (ECPublicKey) pub)
                    .keyID(key.kid()).algorithm(JWSAlgorithm.ES256).keyUse(com.nimbusds.jose.jwk.KeyUse.SIGNATURE).build();
            case RS256 -> new com.nimbusds.jose.jwk.RSAKey.Builder((RSAPublicKey) pub)
                    .keyID(key.kid()).algorithm(JWSAlgorithm.RS256).keyUse(com.nimbusds.jose.jwk.KeyUse.SIGNATURE).build();
            case EdDSA -> {
                // An Ed25519 SubjectPublicKeyInfo is a fixed 12-byte prefix followed by the 32-byte public key.
                byte[] spki = pub.getEncoded();
                byte[] raw = java.util.Arrays.copyOfRange(spki, spki.length - 32, spki.length);
                yield new com.nimbusds.jose.jwk.OctetKeyPair.Builder(com.nimbusds.jose.jwk.Curve.Ed25519, Base64URL.encode(raw))
                        .keyID(key.kid()).algorithm(JWSAlgorithm.EdDSA).keyUse(com.nimbusds.jose.jwk.KeyUse.SIGNATURE).build();
            }
        };
        return jwk.toJSONObject();
    }

    static boolean verify(SignedJWT jwt, SigningAlgorithm algorithm, PublicKey key) {
        try {
            return switch (algorithm) {
                case ES256 -> jwt.verify(new ECDSAVerifier((ECPublicKey) key));
                case RS256 -> jwt.verify(new RSASSAVerifier((RSAPublicKey) key));
                case EdDSA -> {
                    Signature ed = Signature.getInstance("Ed25519");
                    ed.initVerify(key);
                    ed.update(jwt.getSigningInput());
                    yield ed.verify(jwt.getSignature().decode());
                }
            };
        } catch (JOSEException | GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
