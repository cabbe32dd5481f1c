package io.learnloop.core.credential;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.error.ValidationException.Violation;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the public keys of a JWK Set (RFC 7517) to verify certificates with: the inverse of
 * {@link JwsCodec#publicJwk}. It takes exactly the keys the certificate service can publish (EC on P-256, RSA of
 * 2048 bits or more, OKP on Ed25519), each with a key id, and refuses everything else with a violation naming the
 * key and the member to fix: a set that verifies is never half read.
 *
 * <p>Thread-safe: stateless.
 */
final class JwkSetReader {
    /** Members that only a private (or secret) key has; a verifier must never be handed one. */
    private static final List<String> PRIVATE_MEMBERS = List.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");
    /** An Ed25519 SubjectPublicKeyInfo is this fixed prefix followed by the 32-byte public key (RFC 8410). */
    private static final byte[] ED25519_SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03,
            0x21, 0x00};
    private static final int ED25519_KEY_BYTES = 32;
    private static final int MIN_RSA_BITS = 2048;
    private static final int MAX_ECHO = 40;
    // an ambiguous document (a member given twice, text after the set) is refused rather than read one way
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final TypeReference<Map<String, Object>> MEMBERS = new TypeReference<>() {
    };

    private JwkSetReader() {
    }

    /**
     * Reads every key of a JWK Set.
     *
     * @param json the JWK Set document
     * @return the public keys by key id, in the set's order
     * @throws ValidationException naming {@code jwks} for a document that is missing, too long or not a JWK Set,
     *                             and {@code jwks.keys[i].member} for each bad key
     */
    static Map<String, PublicKey> read(String json) {
        JsonNode keys = keysOf(json);
        List<Violation> violations = new ArrayList<>();
        Map<String, PublicKey> found = new LinkedHashMap<>();
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            String at = "jwks.keys[" + i + "]";
            JsonNode node = keys.get(i);
            if (!node.isObject()) {
                violations.add(new Violation(at, "must be a JSON object (a JWK), was " + node.getNodeType()));
                continue;
            }
            String kid = text(node, "kid");
            if (kid == null || kid.isBlank()) {
                violations.add(new Violation(at + ".kid", "keys[" + i + "] has no key id: every key needs a 'kid' string"
                        + " that the certificates it verifies name in their header"));
                continue;
            }
            Integer earlier = firstIndex.putIfAbsent(kid, i);
            if (earlier != null) {
                violations.add(new Violation(at + ".kid", "key " + quote(kid) + " repeats the key id of keys["
                        + earlier + "]; a key id must name one key"));
                continue;
            }
            PublicKey key = publicKey(node, at, "key " + quote(kid), violations);
            if (key != null) {
                found.put(kid, key);
            }
        }
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
        return found;
    }

    private static JsonNode keysOf(String json) {
        if (json == null || json.isBlank()) {
            throw ValidationException.of("jwks", "is required: pass the issuer's JWK Set document, for example what"
                    + " CertificateService.jwks() returns");
        }
        if (json.length() > CertificateVerifier.MAX_JWKS_LENGTH) {
            throw ValidationException.of("jwks", "is " + json.length() + " characters long; a JWK Set to verify"
                    + " certificates with may be at most " + CertificateVerifier.MAX_JWKS_LENGTH);
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            // the parser's own message may quote the document, which could hold private material: say only where
            JsonLocation where = e.getLocation();
            String position = where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
            String what = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")
                    ? "repeats a member name" : "is not a single JSON document";
            throw ValidationException.of("jwks", what + position + "; pass the JWK Set document unchanged");
        }
        JsonNode keys = root == null || !root.isObject() ? null : root.get("keys");
        if (keys == null || !keys.isArray()) {
            throw ValidationException.of("jwks.keys", "is required: a JWK Set is a JSON object whose 'keys' member is"
                    + " an array of keys");
        }
        if (keys.isEmpty()) {
            throw ValidationException.of("jwks.keys", "holds no key; the issuer's JWK Set must list its public keys");
        }
        return keys;
    }

    /** The key's public key, or null after adding what is wrong with it. */
    private static PublicKey publicKey(JsonNode node, String at, String name, List<Violation> violations) {
        int before = violations.size();
        for (String member : PRIVATE_MEMBERS) {
            if (node.has(member)) {
                violations.add(new Violation(at + "." + member, name + " holds private key material ('" + member
                        + "'); a verifier takes public keys only, so publish and pass the public JWK Set"));
            }
        }
        if (violations.size() > before) {
            return null;
        }
        String kty = text(node, "kty");
        String expectedAlg;
        String expectedCurve;
        if ("EC".equals(kty)) {
            expectedAlg = "ES256";
            expectedCurve = "P-256";
        } else if ("RSA".equals(kty)) {
            expectedAlg = "RS256";
            expectedCurve = null;
        } else if ("OKP".equals(kty)) {
            expectedAlg = "EdDSA";
            expectedCurve = "Ed25519";
        } else {
            violations.add(new Violation(at + ".kty", name + " has key type " + quote(kty) + "; certificates are"
                    + " verified with EC (P-256), RSA (2048 bits or more) or OKP (Ed25519) keys"));
            return null;
        }
        if (expectedCurve != null && !expectedCurve.equals(text(node, "crv"))) {
            violations.add(new Violation(at + ".crv", name + " is a " + kty + " key on curve " + quote(text(node, "crv"))
                    + "; " + kty + " keys verify certificates on " + expectedCurve + " only"));
        }
        String alg = text(node, "alg");
        boolean algOk = alg == null || alg.equals(expectedAlg) || ("OKP".equals(kty) && alg.equals("Ed25519"));
        if (!algOk) {
            violations.add(new Violation(at + ".alg", name + " is for algorithm " + quote(alg) + ", but a " + kty
                    + " key verifies " + expectedAlg + " certificates"));
        }
        if (node.has("use") && !"sig".equals(text(node, "use"))) {
            violations.add(new Violation(at + ".use", name + " is for use " + quote(text(node, "use"))
                    + "; a key that verifies certificates has use 'sig'"));
        }
        if (node.has("key_ops") && !hasVerify(node.get("key_ops"))) {
            violations.add(new Violation(at + ".key_ops", name + " does not allow 'verify' in its key_ops"));
        }
        if (violations.size() > before) {
            return null;
        }
        PublicKey key = switch (kty) {
            case "EC" -> ecKey(node, at, name, violations);
            case "RSA" -> rsaKey(node, at, name, violations);
            default -> ed25519Key(node, at, name, violations);
        };
        // the same rule SigningKey applies to the keys it signs with
        if (key != null) {
            SigningKey.algorithmOf(key);
        }
        return key;
    }

    private static PublicKey ecKey(JsonNode node, String at, String name, List<Violation> violations) {
        try {
            // nimbus refuses coordinates that are not on the curve, so no invalid-curve point gets through
            return ECKey.parse(JSON.convertValue(node, MEMBERS)).toECPublicKey();
        } catch (ParseException | JOSEException | IllegalArgumentException e) {
            violations.add(new Violation(at, name + " is not a valid P-256 public key: " + e.getMessage()));
            return null;
        }
    }

    private static PublicKey rsaKey(JsonNode node, String at, String name, List<Violation> violations) {
        RSAPublicKey key;
        try {
            key = RSAKey.parse(JSON.convertValue(node, MEMBERS)).toRSAPublicKey();
        } catch (ParseException | JOSEException | IllegalArgumentException e) {
            violations.add(new Violation(at, name + " is not a valid RSA public key: " + e.getMessage()));
            return null;
        }
        int bits = key.getModulus().bitLength();
        if (bits < MIN_RSA_BITS) {
            violations.add(new Violation(at + ".n", name + " has a " + bits + "-bit modulus; RSA keys that verify"
                    + " certificates have " + MIN_RSA_BITS + " bits or more"));
            return null;
        }
        return key;
    }

    private static PublicKey ed25519Key(JsonNode node, String at, String name, List<Violation> violations) {
        String x = text(node, "x");
        byte[] raw;
        try {
            raw = x == null ? null : Base64.getUrlDecoder().decode(x);
        } catch (IllegalArgumentException e) {
            raw = null;
        }
        if (raw == null || raw.length != ED25519_KEY_BYTES || x.indexOf('=') >= 0) {
            violations.add(new Violation(at + ".x", name + " needs its 32-byte Ed25519 public key in 'x',"
                    + " base64url without padding"));
            return null;
        }
        byte[] spki = new byte[ED25519_SPKI_PREFIX.length + ED25519_KEY_BYTES];
        System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
        System.arraycopy(raw, 0, spki, ED25519_SPKI_PREFIX.length, ED25519_KEY_BYTES);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            violations.add(new Violation(at + ".x", name + " is not a valid Ed25519 public key: " + e.getMessage()));
            return null;
        }
    }

    private static boolean hasVerify(JsonNode ops) {
        if (!ops.isArray()) {
            return false;
        }
        for (JsonNode op : ops) {
            if ("verify".equals(op.asText(null))) {
                return true;
            }
        }
        return false;
    }

    private static String text(JsonNode node, String member) {
        JsonNode value = node.get(member);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    /** Quotes a value from the document for a message, shortened: it may come from anyone. */
    private static String quote(String value) {
        if (value == null) {
            return "(none)";
        }
        String shown = value.length() > MAX_ECHO ? value.substring(0, MAX_ECHO) + "…" : value;
        StringBuilder out = new StringBuilder("'");
        shown.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.append('\'').toString();
    }
}
