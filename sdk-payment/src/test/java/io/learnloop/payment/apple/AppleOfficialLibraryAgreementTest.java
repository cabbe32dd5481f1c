package io.learnloop.payment.apple;

import com.apple.itunes.storekit.model.Environment;
import com.apple.itunes.storekit.model.JWSTransactionDecodedPayload;
import com.apple.itunes.storekit.model.NotificationTypeV2;
import com.apple.itunes.storekit.model.ResponseBodyV2DecodedPayload;
import com.apple.itunes.storekit.verification.SignedDataVerifier;
import com.apple.itunes.storekit.verification.VerificationException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.cert.CertificateEncodingException;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Apple's official App Store Server Library ({@code com.apple.itunes.storekit:app-store-server-library}), its
 * {@code SignedDataVerifier} built on the same test root with online checks off, accepts what the channel accepts and
 * rejects what it rejects, for every case Apple's library checks (the replay window on {@code signedDate} is the
 * channel's own). Apple's verifier checks a notification's own JWS and app only; the signed transaction inside is
 * verified with its {@code verifyAndDecodeTransaction}, as an App Store server does.
 */
class AppleOfficialLibraryAgreementTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static List<AppleCases.Case> cases() {
        return AppleCases.all().stream().filter(AppleCases.Case::appleChecksIt).toList();
    }

    private static SignedDataVerifier appleVerifier(Environment environment, Long appAppleId) {
        try {
            InputStream root = new ByteArrayInputStream(AppleFixture.PKI.root.cert().getEncoded());
            return new SignedDataVerifier(Set.of(root), AppleSigned.BUNDLE, appAppleId, environment, false);
        } catch (CertificateEncodingException e) {
            throw new AssertionError(e);
        }
    }

    /** What Apple's library says of a body: null when it accepts all of it, else its failure. */
    private static String appleVerdict(SignedDataVerifier verifier, byte[] body) {
        try {
            JsonNode outer = JSON.readTree(body);
            ResponseBodyV2DecodedPayload n = verifier.verifyAndDecodeNotification(outer.path("signedPayload")
                    .asText());
            if (n.getData() != null && n.getData().getSignedTransactionInfo() != null) {
                verifier.verifyAndDecodeTransaction(n.getData().getSignedTransactionInfo());
            }
            if (n.getData() != null && n.getData().getSignedRenewalInfo() != null) {
                verifier.verifyAndDecodeRenewalInfo(n.getData().getSignedRenewalInfo());
            }
            return null;
        } catch (VerificationException e) {
            return String.valueOf(e.getStatus());
        } catch (IOException e) {
            return "unreadable body";
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void verify_whenAppleLibraryChecksTheSameData_agreesWithTheChannel(AppleCases.Case c) {
        AppleNotificationResult ours = new AppleFixture().apple().handleNotification(c.body());
        String apple = appleVerdict(appleVerifier(Environment.SANDBOX, null), c.body());

        if (c.expected() == null) {
            assertThat(ours.disposition()).as(ours.detail()).isEqualTo(AppleDisposition.SETTLED);
            assertThat(apple).isNull();
        } else {
            assertThat(ours.rejection()).as(ours.detail()).isEqualTo(c.expected());
            assertThat(apple).as("Apple's library must reject: " + c.name()).isIn(appleStatusesFor(c.expected()));
        }
    }

    /** The statuses of Apple's {@code VerificationStatus} that mean the same as our rejection. */
    private static List<String> appleStatusesFor(AppleRejection rejection) {
        return switch (rejection) {
            case MALFORMED, BAD_SIGNATURE -> List.of("VERIFICATION_FAILURE");
            case INVALID_CHAIN -> List.of("INVALID_CHAIN", "INVALID_CHAIN_LENGTH", "INVALID_CERTIFICATE");
            case WRONG_APP -> List.of("INVALID_APP_IDENTIFIER");
            case WRONG_ENVIRONMENT -> List.of("INVALID_ENVIRONMENT");
            case STALE, FUTURE -> List.of();
        };
    }

    @Test
    void verify_whenAppleLibraryDecodesAnAcceptedNotification_readsTheSameFields() throws Exception {
        byte[] body = AppleCases.good("n-fields", "1999");
        SignedDataVerifier verifier = appleVerifier(Environment.SANDBOX, null);

        ResponseBodyV2DecodedPayload n = verifier.verifyAndDecodeNotification(
                JSON.readTree(body).path("signedPayload").asText());
        JWSTransactionDecodedPayload t = verifier.verifyAndDecodeTransaction(n.getData().getSignedTransactionInfo());
        AppleNotificationResult ours = new AppleFixture().apple().handleNotification(body);

        assertThat(n.getNotificationType()).isEqualTo(NotificationTypeV2.ONE_TIME_CHARGE);
        assertThat(n.getNotificationUUID()).isEqualTo(ours.notificationUuid());
        assertThat(n.getData().getBundleId()).isEqualTo(AppleSigned.BUNDLE);
        assertThat(Instant.ofEpochMilli(n.getSignedDate())).isEqualTo(AppleCases.NOW);
        assertThat(t.getTransactionId()).isEqualTo(ours.transactionId());
        assertThat(t.getPrice()).isEqualTo(9990L);
        assertThat(t.getCurrency()).isEqualTo("USD");
        assertThat(t.getAppAccountToken()).isEqualTo(AppleSigned.LENA_TOKEN);
        assertThat(t.getEnvironment()).isEqualTo(Environment.SANDBOX);
    }

    @Test
    void verify_whenProductionAppAppleIdDiffers_bothReject() {
        java.util.Map<String, Object> tx = AppleCases.purchase("1998");
        tx.put("environment", "Production");
        java.util.Map<String, Object> n = AppleSigned.notification("ONE_TIME_CHARGE", null, "n-prod-id",
                AppleCases.NOW, AppleSigned.sign(tx, AppleFixture.PKI.chain()), null);
        AppleSigned.data(n).put("environment", "Production");
        byte[] body = AppleSigned.body(AppleSigned.sign(n, AppleFixture.PKI.chain()));
        AppleFixture fx = new AppleFixture();
        AppleInAppPurchases production = AppleInAppPurchases.builder(fx.learnloop,
                AppleConfig.builder(AppleSigned.BUNDLE, AppleEnvironment.PRODUCTION).appAppleId(42L)
                        .trustedRoot(AppleFixture.PKI.root.cert()).build()).build();

        AppleNotificationResult ours = production.handleNotification(body);
        String apple = appleVerdict(appleVerifier(Environment.PRODUCTION, 42L), body);
        String appleWithRightId = appleVerdict(appleVerifier(Environment.PRODUCTION, AppleSigned.APP_APPLE_ID), body);

        assertThat(ours.rejection()).isEqualTo(AppleRejection.WRONG_APP);
        assertThat(apple).isEqualTo("INVALID_APP_IDENTIFIER");
        assertThat(appleWithRightId).isNull();
    }
}
