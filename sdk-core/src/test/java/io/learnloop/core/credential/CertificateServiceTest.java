package io.learnloop.core.credential;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.event.EventTypes;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.json.LearnloopJson;
import io.learnloop.core.learning.LearningFixture;
import io.learnloop.core.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.learnloop.core.credential.CertificateFixture.COURSE;
import static io.learnloop.core.credential.CertificateFixture.ISSUER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CertificateServiceTest {
    private static final UserId ANA = UserId.of("ana");
    private static final IssuerProfile PROFILE = new IssuerProfile(ISSUER, "Example School");

    private final CertificateFixture f = new CertificateFixture();

    private static CertificateVerifier offline(SigningKey key, Instant at) {
        return CertificateVerifier.builder().issuer(ISSUER).key(key.kid(), key.publicKey())
                .clock(new MutableClock(at)).build();
    }

    @Test
    void issue_whenRuleNotMet_isRefusedNamingWhatIsMissing() {
        CertificateService certs = f.service(CertificatePolicy.defaults(PROFILE),
                SigningKey.of("k1", CertificateFixture.keyPair(SigningAlgorithm.ES256)));
        f.watch("ana", "v1");
        f.passFinal("ana", false);
        assertThatThrownBy(() -> certs.issue(ANA, COURSE))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE))
                .hasMessageContaining("1 of 2 required lessons are not complete")
                .hasMessageContaining("final quiz 'Final exam' is not passed");
        f.watch("ana", "v2");
        assertThat(certs.check(ANA, COURSE).missing()).containsExactly("the final quiz 'Final exam' is not passed");
        f.passFinal("ana", true);
        assertThat(certs.check(ANA, COURSE).met()).isTrue();
    }

    @Test
    void issue_whenFinalQuizIsNotRequired_needsOnlyTheLessons() {
        CertificateService certs = f.service(CertificatePolicy.defaults(PROFILE).withRule(new CompletionRule(true, false, 0)),
                SigningKey.of("k1", CertificateFixture.keyPair(SigningAlgorithm.ES256)));
        f.watch("ana", "v1");
        f.watch("ana", "v2");
        assertThat(certs.issue(ANA, COURSE).status()).isEqualTo(CertificateStatus.ACTIVE);
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void verify_whenOnlyThePublicKeyIsKnown_acceptsTheCertificate(SigningAlgorithm algorithm) {
        SigningKey key = SigningKey.of("school-2026", CertificateFixture.keyPair(algorithm));
        CertificateService certs = f.service(CertificatePolicy.defaults(PROFILE), key);
        f.complete("ana");
        Certificate c = certs.issue(ANA, COURSE);
        assertThat(certs.issue(ANA, COURSE)).isEqualTo(c);
        assertThat(c.algorithm()).isEqualTo(algorithm);

        VerificationResult r = offline(key, f.fx.clock.instant()).verify(c.jwt());
        assertThat(r.status()).as(r.message()).isEqualTo(VerificationStatus.VALID);
        assertThat(r.kid()).isEqualTo("school-2026");
        assertThat(r.credentialId()).isEqualTo(c.credentialId());
        assertThat(r.subjectId()).isEqualTo("urn:learnloop:learner:ana");
        assertThat(r.achievementName()).isEqualTo("Bread Baking");
        assertThat(certs.verify(c.jwt()).valid()).isTrue();
        assertThat(f.fx.events(EventTypes.CERTIFICATE_ISSUED)).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void verify_whenAnySingleCharacterChanges_rejectsTheCertificate(SigningAlgorithm algorithm) {
        SigningKey key = SigningKey.of("k1", CertificateFixture.keyPair(algorithm));
        CertificateService certs = f.service(CertificatePolicy.defaults(PROFILE), key);
        f.complete("ana");
        String jwt = certs.issue(ANA, COURSE).jwt();
        CertificateVerifier verifier = offline(key, f.fx.clock.instant());
        List<Integer> accepted = new ArrayList<>();
        for (int i = 0; i < jwt.length(); i++) {
            char c = jwt.charAt(i);
            // a neighbour in the base64url alphabet: differs in the lowest bits, the hardest case
            char changed = c == '.' ? 'A' : c == 'A' ? 'B' : c == 'z' ? 'y' : c == '9' ? '8' : c == '_' ? '-' : c == '-' ? '_' : (char) (c ^ 1);
            String tampered = jwt.substring(0, i) + changed + jwt.substring(i + 1);
            if (verifier.verify(tampered).valid()) {
                accepted.add(i);
            }
        }
        assertThat(accepted).as("positions whose change still verified").isEmpty();
        assertThat(verifier.verify(jwt).valid()).isTrue();
    }

    @Test
    void verify_whenRevoked_reportsRevokedOnlineAndOffline() {
        SigningKey key = SigningKey.of("k1", CertificateFixture.keyPair(SigningAlgorithm.EdDSA));
        CertificateService certs = f.service(CertificatePolicy.defaults(PROFILE), key);
        f.complete("ana");
        Certificate c = certs.issue(ANA, COURSE);
        assertThatThrownBy(() -> certs.revoke(Actor.learner("ana"), c.id(), "fraud")).isInstanceOf(ForbiddenException.class);
        Certificate revoked = certs.revoke(Actor.of("root", Role.ADMIN), c.id(), "plagiarised final exam");
        assertThat(revoked.status()).isEqualTo(CertificateStatus.REVOKED);
        assertThat(certs.revoke(Actor.of("root", Role.ADMIN), c.id(), "again")).isEqualTo(revoked);

        assertThat(certs.verify(c.jwt()).status()).isEqualTo(VerificationStatus.REVOKED);
        List<String> list = certs.revocationList(null, 1000).items().stream().map(RevokedCertificate::credentialId).toList();
        CertificateVerifier offline = CertificateVerifier.builder().issuer(ISSUER).key("k1", key.publicKey())
                .revocations(list::contains).clock(f.fx.clock).build();
        assertThat(offline.verify(c.jwt()).status()).isEqualTo(VerificationStatus.REVOKED);
        assertThat(certs.revocationList(null, 1000).items()).singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo("plagiarised final exam"));
        assertThat(f.fx.events(EventTypes.CERTIFICATE_REVOKED)).hasSize(1);
        // a revoked certificate can be earned again
        assertThat(certs.issue(ANA, COURSE).id()).isNotEqualTo(c.id());
    }

    @Test
    void verify_whenOutsideTheValidityWindow_reportsNotYetValidOrExpired() {
        SigningKey key = SigningKey.of("k1", CertificateFixture.keyPair(SigningAlgorithm.ES256));
        CertificateService certs = f.service(CertificatePolicy.defaults(PROFILE).withValidity(Duration.ofDays(365)), key);
        f.complete("ana");
        Certificate c = certs.issue(ANA, COURSE);
        Instant from = c.validFrom();
        assertThat(c.validUntil()).isEqualTo(from.plus(Duration.ofDays(365)));
        assertThat(offline(key, from.minusSeconds(1)).verify(c.jwt()).status()).isEqualTo(VerificationStatus.NOT_YET_VALID);
        assertThat(offline(key, from).verify(c.jwt()).status()).isEqualTo(VerificationStatus.VALID);
        assertThat(offline(key, c.validUntil().minusSeconds(1)).verify(c.jwt()).status()).isEqualTo(VerificationStatus.VALID);
        assertThat(offline(key, c.validUntil()).verify(c.jwt()).status()).isEqualTo(VerificationStatus.EXPIRED);
        f.fx.clock.set(c.validUntil().plusSeconds(1));
        assertThat(certs.verify(c.jwt()).status()).isEqualTo(VerificationStatus.EXPIRED);
    }

    @Test
    void verify_whenKeyOrIssuerDiffers_saysWhich() {
        SigningKey key = SigningKey.of("k1", CertificateFixture.keyPair(SigningAlgorithm.ES256));
        CertificateService certs = f.service(CertificatePolicy.defaults(PROFILE), key);
        f.complete("ana");
        String jwt = certs.issue(ANA, COURSE).jwt();
        Instant now = f.fx.clock.instant();
        SigningKey other = SigningKey.of("k1", CertificateFixture.keyPair(SigningAlgorithm.ES256));
        assertThat(offline(other, now).verify(jwt).status()).isEqualTo(VerificationStatus.BAD_SIGNATURE);
        SigningKey otherKid = SigningKey.of("k2", CertificateFixture.keyPair(SigningAlgorithm.ES256));
        assertThat(offline(otherKid, now).verify(jwt).status()).isEqualTo(VerificationStatus.UNKNOWN_KEY);
        SigningKey rsa = SigningKey.of("k1", CertificateFixture.keyPair(SigningAlgorithm.RS256));
        assertThat(offline(rsa, now).verify(jwt).status()).isEqualTo(VerificationStatus.UNSUPPORTED_ALGORITHM);
        CertificateVerifier otherIssuer = CertificateVerifier.builder().issuer("https://other.example")
                .key("k1", key.publicKey()).clock(f.fx.clock).build();
        assertThat(otherIssuer.verify(jwt).status()).isEqualTo(VerificationStatus.WRONG_ISSUER);

        String unsigned = base64("{\"alg\":\"none\"}") + "." + jwt.split("\\.")[1] + ".";
        assertThat(offline(key, now).verify(unsigned).status()).isEqualTo(VerificationStatus.MALFORMED);
        String none = base64("{\"alg\":\"HS256\",\"kid\":\"k1\"}") + "." + jwt.split("\\.")[1] + "." + jwt.split("\\.")[2];
        assertThat(offline(key, now).verify(none).status()).isEqualTo(VerificationStatus.UNSUPPORTED_ALGORITHM);
        assertThat(offline(key, now).verify("not a token").status()).isEqualTo(VerificationStatus.MALFORMED);
        assertThat(offline(key, now).verify(null).status()).isEqualTo(VerificationStatus.MALFORMED);
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void issue_whenSigned_carriesTheOpenBadges3Fields() throws Exception {
        SigningKey key = SigningKey.of("k1", CertificateFixture.keyPair(SigningAlgorithm.ES256));
        CertificateService certs = f.service(CertificatePolicy.defaults(PROFILE).withValidity(Duration.ofDays(30))
                .withStatusListUrl("https://school.example/revocations"), key);
        f.complete("ana");
        Certificate c = certs.issue(ANA, COURSE);
        String[] parts = c.jwt().split("\\.");
        JsonNode header = LearnloopJson.newMapper().readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = LearnloopJson.newMapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(header.get("alg").asText()).isEqualTo("ES256");
        assertThat(header.get("kid").asText()).isEqualTo("k1");
        assertThat(header.get("typ").asText()).isEqualTo("JWT");

        JsonNode vc = claims.get("vc");
        assertThat(vc.get("@context").get(0).asText()).isEqualTo("https://www.w3.org/ns/credentials/v2");
        assertThat(vc.get("@context").get(1).asText()).isEqualTo("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json");
        assertThat(vc.get("type")).extracting(JsonNode::asText).containsExactly("VerifiableCredential", "OpenBadgeCredential");
        assertThat(vc.get("id").asText()).isEqualTo(c.credentialId()).startsWith("urn:");
        assertThat(vc.get("issuer").get("id").asText()).isEqualTo(ISSUER);
        assertThat(vc.get("issuer").get("type").get(0).asText()).isEqualTo("Profile");
        assertThat(vc.get("issuer").get("name").asText()).isEqualTo("Example School");
        assertThat(Instant.parse(vc.get("validFrom").asText())).isEqualTo(c.validFrom());
        assertThat(Instant.parse(vc.get("validUntil").asText())).isEqualTo(c.validUntil());
        JsonNode subject = vc.get("credentialSubject");
        assertThat(subject.get("type").get(0).asText()).isEqualTo("AchievementSubject");
        assertThat(subject.get("id").asText()).isEqualTo("urn:learnloop:learner:ana");
        JsonNode achievement = subject.get("achievement");
        assertThat(achievement.get("id").asText()).isEqualTo("https://school.example/achievements/c1");
        assertThat(achievement.get("type").get(0).asText()).isEqualTo("Achievement");
        assertThat(achievement.get("name").asText()).isEqualTo("Bread Baking");
        assertThat(achievement.get("description").asText()).isNotBlank();
        assertThat(achievement.get("criteria").get("narrative").asText())
                .isEqualTo("Completed every required lesson of Bread Baking, and passed its final quiz.");
        assertThat(vc.get("credentialStatus").get("type").asText()).isEqualTo("1EdTechRevocationList");

        assertThat(claims.get("iss").asText()).isEqualTo(ISSUER);
        assertThat(claims.get("jti").asText()).isEqualTo(c.credentialId());
        assertThat(claims.get("sub").asText()).isEqualTo("urn:learnloop:learner:ana");
        assertThat(claims.get("nbf").asLong()).isEqualTo(c.validFrom().getEpochSecond());
        assertThat(claims.get("exp").asLong()).isEqualTo(c.validUntil().getEpochSecond());
    }

    @Test
    void refundListener_whenThePurchaseIsRefunded_revokesTheCertificate() {
        CertificateService certs = f.service(CertificatePolicy.defaults(PROFILE),
                SigningKey.of("k1", CertificateFixture.keyPair(SigningAlgorithm.ES256)));
        f.complete("ana");
        f.complete("bob");
        Certificate ana = certs.issue(ANA, COURSE);
        Certificate bob = certs.issue(UserId.of("bob"), COURSE);
        publishAccessRevoked("bob", "MANUAL");
        publishAccessRevoked("ana", "REFUND");
        assertThat(certs.certificate(ana.id()).status()).isEqualTo(CertificateStatus.REVOKED);
        assertThat(certs.certificate(ana.id()).revocationReason()).contains("refunded");
        assertThat(certs.verify(ana.jwt()).status()).isEqualTo(VerificationStatus.REVOKED);
        assertThat(certs.certificate(bob.id()).status()).isEqualTo(CertificateStatus.ACTIVE);
        // a second delivery of the same event changes nothing
        publishAccessRevoked("ana", "REFUND");
        assertThat(f.fx.events(EventTypes.CERTIFICATE_REVOKED)).hasSize(1);
    }

    private void publishAccessRevoked(String learner, String reason) {
        f.fx.context.transact(uow -> {
            uow.publish(f.fx.context.event(EventTypes.ACCESS_REVOKED, "grant-" + learner,
                    Map.of("learner", learner, "course", COURSE.value(), "reason", reason, "source", "PURCHASE")));
            return null;
        });
    }

    @Test
    void jwks_whenPublished_holdsThePublicKeyOnly() throws Exception {
        KeyPair pair = CertificateFixture.keyPair(SigningAlgorithm.EdDSA);
        SigningKey key = SigningKey.of("ed-1", pair);
        CertificateService certs = f.service(CertificatePolicy.defaults(PROFILE), key);
        JsonNode jwk = LearnloopJson.newMapper().readTree(certs.jwks()).get("keys").get(0);
        assertThat(jwk.get("kid").asText()).isEqualTo("ed-1");
        assertThat(jwk.get("kty").asText()).isEqualTo("OKP");
        assertThat(jwk.get("crv").asText()).isEqualTo("Ed25519");
        assertThat(jwk.get("alg").asText()).isEqualTo("EdDSA");
        assertThat(jwk.has("d")).isFalse();
        assertThat(key.toString()).doesNotContain(pair.getPrivate().toString()).contains("redacted");
    }

    @Test
    void certificate_whenStored_roundTripsThroughJson() {
        CertificateService certs = f.service(CertificatePolicy.defaults(PROFILE),
                SigningKey.of("k1", CertificateFixture.keyPair(SigningAlgorithm.ES256)));
        f.complete("ana");
        Certificate c = certs.issue(ANA, COURSE);
        assertThat(LearnloopJson.fromJson(LearnloopJson.toJson(c), Certificate.class)).isEqualTo(c);
        assertThat(c.validFrom()).isEqualTo(LearningFixture.START.plusSeconds(60));
    }
}
