package io.learnloop.core.credential;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.json.LearnloopJson;
import io.learnloop.core.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static io.learnloop.core.credential.CertificateFixture.COURSE;
import static io.learnloop.core.credential.CertificateFixture.ISSUER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Verifying certificates with the keys of the issuer's published JWK Set ({@code CertificateService.jwks()}). */
class CertificateVerifierJwksTest {
    private static final UserId ANA = UserId.of("ana");
    private static final IssuerProfile PROFILE = new IssuerProfile(ISSUER, "Example School");

    private final CertificateFixture f = new CertificateFixture();

    private CertificateVerifier fromJwks(String jwks) {
        return CertificateVerifier.builder().issuer(ISSUER).jwks(jwks).clock(new MutableClock(f.fx.clock.instant()))
                .build();
    }

    private static String jwksOf(SigningKey... keys) {
        return LearnloopJson.toJson(Map.of("keys", Stream.of(keys).map(SigningKey::publicJwk).toList()));
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void jwks_whenTheServicePublishedIt_verifiesTheServicesCertificates(SigningAlgorithm algorithm) {
        SigningKey key = SigningKey.of("school-2026", CertificateFixture.keyPair(algorithm));
        CertificateService certs = f.service(CertificatePolicy.defaults(PROFILE), key);
        f.complete("ana");
        Certificate c = certs.issue(ANA, COURSE);

        VerificationResult r = fromJwks(certs.jwks()).verify(c.jwt());

        assertThat(r.status()).as(r.message()).isEqualTo(VerificationStatus.VALID);
        assertThat(r.kid()).isEqualTo("school-2026");
        assertThat(r.credentialId()).isEqualTo(c.credentialId());
        assertThat(c.algorithm()).isEqualTo(algorithm);
    }

    @Test
    void jwks_whenItHoldsEveryKeyOfARotation_verifiesCertificatesOfEachKey() {
        SigningKey old = SigningKey.of("school-2025", CertificateFixture.keyPair(SigningAlgorithm.RS256));
        SigningKey current = SigningKey.of("school-2026", CertificateFixture.keyPair(SigningAlgorithm.EdDSA));
        f.complete("ana");
        String oldJwt = f.service(CertificatePolicy.defaults(PROFILE), old).issue(ANA, COURSE).jwt();
        CertificateVerifier verifier = fromJwks(jwksOf(old, current));

        assertThat(verifier.verify(oldJwt).status()).isEqualTo(VerificationStatus.VALID);
        assertThat(verifier.verify(oldJwt).kid()).isEqualTo("school-2025");
    }

    @Test
    void jwks_whenTheCertificateNamesAKeyNotInTheSet_reportsUnknownKey() {
        SigningKey signer = SigningKey.of("school-2026", CertificateFixture.keyPair(SigningAlgorithm.ES256));
        SigningKey other = SigningKey.of("school-2027", CertificateFixture.keyPair(SigningAlgorithm.ES256));
        CertificateService certs = f.service(CertificatePolicy.defaults(PROFILE), signer);
        f.complete("ana");

        VerificationResult r = fromJwks(jwksOf(other)).verify(certs.issue(ANA, COURSE).jwt());

        assertThat(r.status()).isEqualTo(VerificationStatus.UNKNOWN_KEY);
        assertThat(r.message()).contains("school-2026");
    }

    @Test
    void jwks_whenTheSetHoldsTheSameKidWithAnotherKeyType_verifiesNothingWithTheWrongType() {
        SigningKey signer = SigningKey.of("k1", CertificateFixture.keyPair(SigningAlgorithm.ES256));
        SigningKey impostor = SigningKey.of("k1", CertificateFixture.keyPair(SigningAlgorithm.RS256));
        CertificateService certs = f.service(CertificatePolicy.defaults(PROFILE), signer);
        f.complete("ana");

        VerificationResult r = fromJwks(jwksOf(impostor)).verify(certs.issue(ANA, COURSE).jwt());

        assertThat(r.status()).isEqualTo(VerificationStatus.UNSUPPORTED_ALGORITHM);
    }

    static Stream<Arguments> badSets() {
        String ec = jwksOf(SigningKey.of("ec-1", CertificateFixture.keyPair(SigningAlgorithm.ES256)));
        String ed = jwksOf(SigningKey.of("ed-1", CertificateFixture.keyPair(SigningAlgorithm.EdDSA)));
        String rsa = jwksOf(SigningKey.of("rsa-1", CertificateFixture.keyPair(SigningAlgorithm.RS256)));
        return Stream.of(
                Arguments.of("null", null, "jwks"),
                Arguments.of("blank", "  ", "jwks"),
                Arguments.of("too long", "{\"keys\":[]," + "\"x\":\"" + "a".repeat(CertificateVerifier.MAX_JWKS_LENGTH)
                        + "\"}", "jwks"),
                Arguments.of("not JSON", "{\"keys\": [", "jwks"),
                Arguments.of("text after the set", ec + " {}", "jwks"),
                Arguments.of("a member given twice", "{\"keys\":[],\"keys\":[]}", "jwks"),
                Arguments.of("not an object", "[]", "jwks.keys"),
                Arguments.of("no keys member", "{\"kid\":\"k\"}", "jwks.keys"),
                Arguments.of("no key", "{\"keys\":[]}", "jwks.keys"),
                Arguments.of("a key that is not an object", "{\"keys\":[\"k\"]}", "jwks.keys[0]"),
                Arguments.of("no kid", edit(ec, k -> k.without("kid")), "jwks.keys[0].kid"),
                Arguments.of("a kid that is not a string", edit(ec, k -> k.put("kid", 7)), "jwks.keys[0].kid"),
                Arguments.of("a symmetric key", "{\"keys\":[{\"kty\":\"oct\",\"kid\":\"h\",\"k\":\"c2VjcmV0\"}]}",
                        "jwks.keys[0].k"),
                Arguments.of("an unsupported key type", edit(ec, k -> k.put("kty", "XYZ")), "jwks.keys[0].kty"),
                Arguments.of("an EC key on P-384", edit(ec, k -> k.put("crv", "P-384")), "jwks.keys[0].crv"),
                Arguments.of("an X25519 key", edit(ed, k -> k.put("crv", "X25519")), "jwks.keys[0].crv"),
                Arguments.of("an EC point off the curve", edit(ec, k -> k.put("y", k.get("x").asText())), "jwks.keys[0]"),
                Arguments.of("an Ed25519 x of 31 bytes", edit(ed, k -> k.put("x", Base64.getUrlEncoder()
                        .withoutPadding().encodeToString(new byte[31]))), "jwks.keys[0].x"),
                Arguments.of("an Ed25519 x that is not base64url", edit(ed, k -> k.put("x", "not base64 !")),
                        "jwks.keys[0].x"),
                Arguments.of("a 1024-bit RSA key", weakRsa(), "jwks.keys[0].n"),
                Arguments.of("an alg the key type does not verify", edit(rsa, k -> k.put("alg", "PS256")),
                        "jwks.keys[0].alg"),
                Arguments.of("an encryption key", edit(rsa, k -> k.put("use", "enc")), "jwks.keys[0].use"),
                Arguments.of("key_ops without verify", edit(ec, k -> {
                    k.putArray("key_ops").add("encrypt");
                    return k;
                }),
                        "jwks.keys[0].key_ops"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSets")
    void jwks_whenTheSetIsBad_throwsAValidationExceptionNamingTheField(String why, String jwks, String field) {
        CertificateVerifier.Builder builder = CertificateVerifier.builder().issuer(ISSUER);

        assertThatThrownBy(() -> builder.jwks(jwks))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.fields()).containsExactly(field);
                });
    }

    @Test
    void jwks_whenAKeyHoldsPrivateMaterial_refusesItNamingTheKeyWithoutShowingTheSecret() {
        KeyPair pair = CertificateFixture.keyPair(SigningAlgorithm.ES256);
        ObjectNode jwk = LearnloopJson.newMapper().valueToTree(SigningKey.of("leaky", pair).publicJwk());
        String d = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ((ECPrivateKey) pair.getPrivate()).getS().toByteArray());
        jwk.put("d", d);
        String jwks = "{\"keys\":[" + jwk + "]}";

        assertThatThrownBy(() -> CertificateVerifier.builder().issuer(ISSUER).jwks(jwks))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.fields()).containsExactly("jwks.keys[0].d");
                    assertThat(e.getMessage()).contains("'leaky'").contains("private key material")
                            .doesNotContain(d);
                });
    }

    @Test
    void jwks_whenSeveralKeysAreBad_listsEveryOneAndAddsNone() {
        String ec = jwksOf(SigningKey.of("ec-1", CertificateFixture.keyPair(SigningAlgorithm.ES256)),
                SigningKey.of("ec-2", CertificateFixture.keyPair(SigningAlgorithm.ES256)),
                SigningKey.of("ec-3", CertificateFixture.keyPair(SigningAlgorithm.ES256)));
        String bad = edit(edit(ec, k -> k.put("crv", "P-521")), 2, k -> k.put("kid", "ec-1"));
        CertificateVerifier.Builder builder = CertificateVerifier.builder().issuer(ISSUER);

        assertThatThrownBy(() -> builder.jwks(bad))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.fields()).containsExactly("jwks.keys[0].crv", "jwks.keys[2].kid");
                    assertThat(e.getMessage()).contains("'ec-1'").contains("keys[0]");
                });
        // nothing was half added: the builder still has no key
        assertThatThrownBy(builder::build).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.fields()).containsExactly("keys"));
    }

    @Test
    void jwks_whenAKidIsAlreadyAddedWithAnotherKey_refusesTheSet() {
        SigningKey first = SigningKey.of("k1", CertificateFixture.keyPair(SigningAlgorithm.ES256));
        SigningKey second = SigningKey.of("k1", CertificateFixture.keyPair(SigningAlgorithm.ES256));
        CertificateVerifier.Builder builder = CertificateVerifier.builder().issuer(ISSUER)
                .key("k1", first.publicKey());

        builder.jwks(jwksOf(first));
        assertThatThrownBy(() -> builder.jwks(jwksOf(second)))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.fields()).containsExactly("jwks.keys[0].kid"));
    }

    @Test
    void jwks_whenKeysAreWrittenByAnotherLibrary_acceptsAlgUseAndKeyOps() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        SigningKey key = SigningKey.of("ec-ops", g.generateKeyPair());
        ObjectNode jwk = LearnloopJson.newMapper().valueToTree(key.publicJwk());
        jwk.putArray("key_ops").add("verify");
        jwk.putArray("x5c");
        f.complete("ana");
        String jwt = f.service(CertificatePolicy.defaults(PROFILE), key).issue(ANA, COURSE).jwt();

        CertificateVerifier verifier = fromJwks("{\"keys\":[" + jwk + "]}");

        assertThat(verifier.verify(jwt).valid()).isTrue();
        assertThat(verifier.toString()).contains("ec-ops");
    }

    private static String edit(String jwks, UnaryOperator<ObjectNode> change) {
        return edit(jwks, 0, change);
    }

    private static String edit(String jwks, int index, UnaryOperator<ObjectNode> change) {
        try {
            ObjectNode root = (ObjectNode) LearnloopJson.newMapper().readTree(jwks);
            ArrayNode keys = (ArrayNode) root.get("keys");
            keys.set(index, change.apply((ObjectNode) keys.get(index)));
            return root.toString();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static String weakRsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(1024);
            java.security.interfaces.RSAPublicKey pub = (java.security.interfaces.RSAPublicKey) g.generateKeyPair()
                    .getPublic();
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            return LearnloopJson.toJson(Map.of("keys", List.of(Map.of("kty", "RSA", "kid", "weak",
                    "n", b64.encodeToString(unsigned(pub.getModulus().toByteArray())),
                    "e", b64.encodeToString(unsigned(pub.getPublicExponent().toByteArray()))))));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] unsigned(byte[] twosComplement) {
        return twosComplement[0] == 0 ? java.util.Arrays.copyOfRange(twosComplement, 1, twosComplement.length)
                : twosComplement;
    }
}
