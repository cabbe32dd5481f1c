package io.learnloop.payment.apple;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.learnloop.core.error.RemoteException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.http.RetryPolicy;
import io.learnloop.http.SharedHttpClient;
import io.learnloop.payment.testing.RecordingSleeper;
import io.learnloop.payment.testing.StubServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The App Store Server API's Get Transaction Info, stubbed as Apple documents it: {@code GET
 * /inApps/v1/transactions/{transactionId}} with a bearer JWT, answering {@code {"signedTransactionInfo": "<JWS>"}} or
 * an error body {@code {"errorCode": ..., "errorMessage": ...}}.
 */
class AppleServerApiTest {
    @RegisterExtension
    static final StubServer server = new StubServer();

    private static final String PATH = "/inApps/v1/transactions/";

    private final AppleFixture fx = new AppleFixture();
    private final KeyPair apiKey = AppleTestPki.ecKeys();
    private final RecordingSleeper sleeper = new RecordingSleeper();

    private AppleInAppPurchases apple() {
        SharedHttpClient http = SharedHttpClient.builder().sleeper(sleeper)
                .retryPolicy(RetryPolicy.defaults().withMaxAttempts(3)).build();
        return AppleInAppPurchases.builder(fx.learnloop, fx.config().apiKey("57246542-96fe-1a63-e053-0824d011072a",
                "2X9R4HXF34", apiKey.getPrivate()).apiBaseUrl(server.baseUrl()).http(http).build()).build();
    }

    private void answer(String transactionId, Map<String, Object> transaction) {
        server.stubFor(get(urlEqualTo(PATH + transactionId)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"signedTransactionInfo\":\"" + AppleSigned.sign(transaction, AppleFixture.PKI.chain())
                        + "\"}")));
    }

    @Test
    void lookUpTransaction_whenAppleAnswers_sendsItsBearerTokenAndVerifiesTheTransaction() throws Exception {
        answer("2000000100", AppleCases.purchase("2000000100"));

        AppleTransaction t = apple().lookUpTransaction("2000000100");

        assertThat(t.transactionId()).isEqualTo("2000000100");
        assertThat(t.productId()).isEqualTo("course.java");
        assertThat(t.priceMilliunits()).isEqualTo(9990L);
        assertThat(t.appAccountToken()).isEqualTo(AppleSigned.LENA_TOKEN);
        List<LoggedRequest> requests = server.findAll(getRequestedFor(urlEqualTo(PATH + "2000000100")));
        assertThat(requests).hasSize(1);
        String authorization = requests.get(0).getHeader("Authorization");
        assertThat(authorization).startsWith("Bearer ");
        SignedJWT jwt = SignedJWT.parse(authorization.substring("Bearer ".length()));
        assertThat(jwt.verify(new ECDSAVerifier((ECPublicKey) apiKey.getPublic()))).isTrue();
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo("2X9R4HXF34");
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("JWT");
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("57246542-96fe-1a63-e053-0824d011072a");
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("appstoreconnect-v1");
        assertThat(jwt.getJWTClaimsSet().getStringClaim("bid")).isEqualTo(AppleSigned.BUNDLE);
        assertThat(jwt.getJWTClaimsSet().getIssueTime().toInstant()).isEqualTo(fx.clock.instant());
        assertThat(Duration.between(jwt.getJWTClaimsSet().getIssueTime().toInstant(),
                jwt.getJWTClaimsSet().getExpirationTime().toInstant())).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void lookUpTransaction_whenAppleDoesNotKnowIt_throwsWithApplesErrorCode() {
        server.stubFor(get(urlEqualTo(PATH + "404404")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"errorCode\":4040010,\"errorMessage\":\"Transaction id not found.\"}")));

        assertThatThrownBy(() -> apple().lookUpTransaction("404404")).isInstanceOfSatisfying(RemoteException.class,
                e -> {
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.providerCode()).isEqualTo("4040010");
                    assertThat(e.isRetryable()).isFalse();
                    assertThat(e.getMessage()).contains("Transaction id not found.");
                });
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void lookUpTransaction_whenRateLimited_retriesThroughTheSharedPolicy() {
        server.stubFor(get(urlEqualTo(PATH + "2000000101")).inScenario("busy")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withBody("{\"errorCode\":4290000,\"errorMessage\":\"Rate limit exceeded.\"}"))
                .willSetStateTo("calm"));
        server.stubFor(get(urlEqualTo(PATH + "2000000101")).inScenario("busy").whenScenarioStateIs("calm")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"signedTransactionInfo\":\"" + AppleSigned.sign(AppleCases.purchase("2000000101"),
                                AppleFixture.PKI.chain()) + "\"}")));

        AppleTransaction t = apple().lookUpTransaction("2000000101");

        assertThat(t.transactionId()).isEqualTo("2000000101");
        assertThat(sleeper.waits).hasSize(1);
        server.verify(2, getRequestedFor(urlEqualTo(PATH + "2000000101")));
    }

    @Test
    void lookUpTransaction_whenTheAnswerIsSignedThroughAnotherRoot_refusesIt() {
        AppleTestPki other = new AppleTestPki();
        server.stubFor(get(urlEqualTo(PATH + "2000000102")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"signedTransactionInfo\":\""
                        + AppleSigned.sign(AppleCases.purchase("2000000102"), other.chain()) + "\"}")));

        assertThatThrownBy(() -> apple().lookUpTransaction("2000000102"))
                .isInstanceOfSatisfying(RemoteException.class,
                        e -> assertThat(e.providerCode()).isEqualTo(AppleRejection.INVALID_CHAIN.name()));
    }

    @Test
    void reconcileTransaction_whenItsNotificationWasLost_settlesItOnce() {
        answer("2000000103", AppleCases.purchase("2000000103"));
        AppleInAppPurchases apple = apple();

        AppleNotificationResult first = apple.reconcileTransaction("2000000103");
        AppleNotificationResult second = apple.reconcileTransaction("2000000103");

        assertThat(first.disposition()).as(first.detail()).isEqualTo(AppleDisposition.SETTLED);
        assertThat(second.disposition()).isEqualTo(AppleDisposition.ALREADY_SETTLED);
        assertThat(fx.hasAccess(fx.clock.instant())).isTrue();
    }

    @Test
    void reconcileTransaction_whenAppleReportsItRevoked_settlesTheRefund() {
        answer("2000000104", AppleCases.purchase("2000000104"));
        AppleInAppPurchases apple = apple();
        apple.reconcileTransaction("2000000104");
        Map<String, Object> revoked = AppleCases.purchase("2000000104");
        revoked.put("revocationDate", fx.clock.instant().toEpochMilli());
        server.resetAll();
        answer("2000000104", revoked);

        AppleNotificationResult r = apple.reconcileTransaction("2000000104");

        assertThat(r.disposition()).as(r.detail()).isEqualTo(AppleDisposition.REFUNDED);
        assertThat(fx.hasAccess(fx.clock.instant())).isFalse();
    }

    @Test
    void config_whenPrinted_neverShowsTheApiKey() {
        AppleConfig config = fx.config().apiKey("issuer", "KEY123", apiKey.getPrivate()).build();
        String encoded = java.util.Base64.getEncoder().encodeToString(apiKey.getPrivate().getEncoded());

        assertThat(config.toString()).contains("apiKey=***").doesNotContain(encoded)
                .doesNotContain(apiKey.getPrivate().toString());
    }

    @Test
    void lookUpTransaction_whenNoApiKeyIsConfigured_saysWhatToConfigure() {
        assertThatThrownBy(() -> fx.apple().lookUpTransaction("1"))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.fields()).containsExactly("apiKey"));
    }
}
