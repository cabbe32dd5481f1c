package io.learnloop.payment.apple;

import io.learnloop.core.identity.Actor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AppleVerificationTest {
    private final AppleFixture fx = new AppleFixture();

    static List<AppleCases.Case> cases() {
        return AppleCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void handleNotification_whenSignedDataIsChecked_acceptsOnlyWhatVerifies(AppleCases.Case c) {
        AppleNotificationResult r = fx.apple().handleNotification(c.body());

        if (c.expected() == null) {
            assertThat(r.disposition()).as(r.detail()).isEqualTo(AppleDisposition.SETTLED);
            assertThat(r.httpStatus()).isEqualTo(200);
            return;
        }
        assertThat(r.disposition()).isEqualTo(AppleDisposition.REJECTED);
        assertThat(r.rejection()).as(r.detail()).isEqualTo(c.expected());
        assertThat(r.httpStatus()).isEqualTo(400);
        assertNothingRecorded();
    }

    @Test
    void handleNotification_whenRejectedBefore_processesTheSameUuidOnceItVerifies() {
        AppleInAppPurchases apple = fx.apple();
        Map<String, Object> tx = AppleCases.purchase("2001");
        AppleTestPki.Issued foreignRoot = AppleTestPki.selfSigned("CN=Forger Root,O=F,C=US");
        AppleTestPki.Issued foreignInt = AppleTestPki.issue(foreignRoot, "CN=Forger WWDR,O=F,C=US", true,
                AppleTestPki.WWDR_OID, AppleTestPki.NOT_BEFORE, AppleTestPki.NOT_AFTER);
        AppleTestPki.Issued foreignLeaf = AppleTestPki.issue(foreignInt, "CN=Forger,O=F,C=US", false,
                AppleTestPki.RECEIPT_SIGNER_OID, AppleTestPki.NOT_BEFORE, AppleTestPki.NOT_AFTER);

        AppleNotificationResult forged = apple.handleNotification(AppleCases.signedWith(
                new AppleTestPki.Chain(foreignLeaf, foreignInt, foreignRoot), "n-same", tx));
        AppleNotificationResult genuine = apple.handleNotification(AppleCases.signedWith(AppleFixture.PKI.chain(),
                "n-same", tx));

        assertThat(forged.rejection()).isEqualTo(AppleRejection.INVALID_CHAIN);
        assertThat(genuine.disposition()).isEqualTo(AppleDisposition.SETTLED);
    }

    @Test
    void handleNotification_whenProductionNotificationNamesAnotherAppAppleId_rejectsIt() {
        AppleInAppPurchases production = AppleInAppPurchases.builder(fx.learnloop,
                AppleConfig.builder(AppleSigned.BUNDLE, AppleEnvironment.PRODUCTION).appAppleId(999L)
                        .trustedRoot(AppleFixture.PKI.root.cert()).build()).build();
        Map<String, Object> tx = AppleCases.purchase("2002");
        tx.put("environment", "Production");
        Map<String, Object> n = AppleSigned.notification("ONE_TIME_CHARGE", null, "n-prod", AppleCases.NOW,
                AppleSigned.sign(tx, AppleFixture.PKI.chain()), null);
        AppleSigned.data(n).put("environment", "Production");

        AppleNotificationResult r = production.handleNotification(AppleSigned.body(
                AppleSigned.sign(n, AppleFixture.PKI.chain())));

        assertThat(r.rejection()).isEqualTo(AppleRejection.WRONG_APP);
        assertNothingRecorded();
    }

    @Test
    void handleNotification_whenLeafExpiredSinceSigning_acceptsOfflineAndRejectsWithOnlineChecks() {
        AppleTestPki pki = AppleFixture.PKI;
        Instant signed = AppleCases.NOW.minus(Duration.ofDays(2));
        AppleTestPki.Issued lapsedLeaf = AppleTestPki.issue(pki.intermediate, "CN=Lapsed Signer,O=T,C=US", false,
                AppleTestPki.RECEIPT_SIGNER_OID, AppleTestPki.NOT_BEFORE, AppleCases.NOW.minus(Duration.ofDays(1)));
        AppleTestPki.Chain chain = new AppleTestPki.Chain(lapsedLeaf, pki.intermediate, pki.root);
        Map<String, Object> tx = AppleCases.purchase("2003");
        tx.put("signedDate", signed.toEpochMilli());
        byte[] body = AppleSigned.body(AppleSigned.sign(AppleSigned.notification("ONE_TIME_CHARGE", null, "n-lapsed",
                signed, AppleSigned.sign(tx, chain), null), chain));
        AppleInAppPurchases online = AppleInAppPurchases.builder(fx.learnloop,
                fx.config().onlineChecks(true).build()).build();

        AppleNotificationResult onlineResult = online.handleNotification(body);
        AppleNotificationResult offlineResult = fx.apple().handleNotification(body);

        assertThat(onlineResult.rejection()).isEqualTo(AppleRejection.INVALID_CHAIN);
        assertThat(offlineResult.disposition()).isEqualTo(AppleDisposition.SETTLED);
    }

    private void assertNothingRecorded() {
        assertThat(fx.learnloop.commerce().ordersOf(Actor.learner("lena"), AppleFixture.LENA, null, 10).items())
                .isEmpty();
        assertThat(fx.balances()).isEmpty();
        assertThat(fx.apple().reviewQueue(AppleFixture.FINANCE, null, 10).items()).isEmpty();
    }
}
