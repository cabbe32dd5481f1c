package io.learnloop.lms;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.learnloop.core.credential.SigningKey;
import io.learnloop.core.error.ValidationException;
import io.learnloop.http.SharedHttpClient;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.text.ParseException;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ToolKeysTest {
    private static final KeyPair A = LtiFixture.keyPair();
    private static final KeyPair B = LtiFixture.keyPair();

    private static JWKSet parse(String json) throws ParseException {
        return JWKSet.parse(json);
    }

    @Test
    void jwks_whenPublished_listsPublicRsaKeysOnlyActiveFirst() throws ParseException {
        ToolKeys keys = ToolKeys.of(SigningKey.of("k1", A)).withPublished(SigningKey.of("k2", B));

        JWKSet set = parse(keys.jwks());

        assertThat(set.getKeys()).extracting(JWK::getKeyID).containsExactly("k1", "k2");
        assertThat(set.getKeys()).allSatisfy(k -> {
            assertThat(k.isPrivate()).isFalse();
            assertThat(k.getAlgorithm().getName()).isEqualTo("RS256");
            assertThat(k.getKeyUse().identifier()).isEqualTo("sig");
        });
        assertThat(keys.jwks()).doesNotContain("\"d\"", "\"p\"", "\"q\"");
    }

    @Test
    void rotate_whenGivenTheNextKey_signsWithItAndKeepsPublishingTheOldOne() throws ParseException {
        ToolKeys keys = ToolKeys.of(SigningKey.of("k1", A)).withPublished(SigningKey.of("k2", B));

        ToolKeys rotated = keys.rotate(SigningKey.of("k2", B));

        assertThat(rotated.active().kid()).isEqualTo("k2");
        assertThat(parse(rotated.jwks()).getKeys()).extracting(JWK::getKeyID).containsExactly("k2", "k1");
        assertThat(rotated.retire("k1").kids()).containsExactly("k2");
    }

    @Test
    void keys_whenMisused_throwValidationNamingTheProblem() throws Exception {
        ToolKeys keys = ToolKeys.of(SigningKey.of("k1", A));
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        SigningKey ecKey = SigningKey.of("ec", ec.generateKeyPair());

        assertThatThrownBy(() -> ToolKeys.of(ecKey)).isInstanceOf(ValidationException.class).hasMessageContaining("RS256");
        assertThatThrownBy(() -> keys.withPublished(SigningKey.of("k1", B))).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> keys.retire("k1")).isInstanceOf(ValidationException.class).hasMessageContaining("active");
        assertThatThrownBy(() -> keys.retire("k9")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> keys.rotate(SigningKey.of("k1", A))).isInstanceOf(ValidationException.class);
        assertThat(keys.toString()).doesNotContain("PRIVATE").contains("k1");
    }

    @Test
    void toolJwks_whenHostRotatesThroughItsSupplier_servesTheNewSetWithoutRestart() throws ParseException {
        AtomicReference<ToolKeys> current = new AtomicReference<>(ToolKeys.of(SigningKey.of("k1", A)));
        LtiTool tool = LtiTools.tool(io.learnloop.core.Learnloop.builder().build(),
                LtiToolConfig.builder(SharedHttpClient.create(), LtiFixture.REDIRECT_URI, current::get).build());
        assertThat(parse(tool.jwks()).getKeys()).extracting(JWK::getKeyID).containsExactly("k1");

        current.updateAndGet(k -> k.rotate(SigningKey.of("k2", B)));

        assertThat(parse(tool.jwks()).getKeys()).extracting(JWK::getKeyID).containsExactly("k2", "k1");
    }
}
