package io.learnloop.payment.apple;

import com.nimbusds.jose.JWSAlgorithm;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Signed notifications that must be accepted or rejected, each with the reason, shared by the channel's own tests
 * and the agreement test against Apple's library. All are signed "now" ({@link #NOW}, the fixture clock's start)
 * unless the case is about the signed date.
 */
final class AppleCases {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    /**
     * One case.
     *
     * @param name          what it shows
     * @param body          the request body
     * @param expected      the rejection, or null when it must be accepted
     * @param appleChecksIt whether Apple's library makes the same check (the replay window is ours alone)
     */
    record Case(String name, byte[] body, AppleRejection expected, boolean appleChecksIt) {
        @Override
        public String toString() {
            return name;
        }
    }

    private AppleCases() {
    }

    static Map<String, Object> purchase(String transactionId) {
        return AppleSigned.transaction(transactionId, transactionId, "course.java", "Non-Consumable",
                NOW.minusSeconds(30), null, 9990);
    }

    static byte[] signedWith(AppleTestPki.Chain chain, String uuid, Map<String, Object> transaction) {
        String signedTransaction = AppleSigned.sign(transaction, chain);
        return AppleSigned.body(AppleSigned.sign(
                AppleSigned.notification("ONE_TIME_CHARGE", null, uuid, NOW, signedTransaction, null), chain));
    }

    static byte[] good(String uuid, String transactionId) {
        return signedWith(AppleFixture.PKI.chain(), uuid, purchase(transactionId));
    }

    static List<Case> all() {
        AppleTestPki pki = AppleFixture.PKI;
        AppleTestPki.Chain good = pki.chain();
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("a purchase signed through the trusted chain", good("n-good", "1001"), null, true));

        cases.add(new Case("a body that is not JSON", "signedPayload=x".getBytes(StandardCharsets.UTF_8),
                AppleRejection.MALFORMED, false));
        cases.add(new Case("a signedPayload that is not a JWS", AppleSigned.body("not-a-jws"),
                AppleRejection.MALFORMED, true));

        AppleTestPki.Issued foreignRoot = AppleTestPki.selfSigned("CN=Someone Else Root,O=Else,C=US");
        AppleTestPki.Issued foreignIntermediate = AppleTestPki.issue(foreignRoot, "CN=Else WWDR,O=Else,C=US", true,
                AppleTestPki.WWDR_OID, AppleTestPki.NOT_BEFORE, AppleTestPki.NOT_AFTER);
        AppleTestPki.Issued foreignLeaf = AppleTestPki.issue(foreignIntermediate, "CN=Else Signer,O=Else,C=US", false,
                AppleTestPki.RECEIPT_SIGNER_OID, AppleTestPki.NOT_BEFORE, AppleTestPki.NOT_AFTER);
        cases.add(new Case("a chain to another root", signedWith(new AppleTestPki.Chain(foreignLeaf,
                foreignIntermediate, foreignRoot), "n-foreign", purchase("1002")), AppleRejection.INVALID_CHAIN, true));
        // the right root placed in x5c does not help: the root is taken from the configuration
        cases.add(new Case("a chain to another root with the trusted root appended", signedWith(
                new AppleTestPki.Chain(foreignLeaf, foreignIntermediate, pki.root), "n-foreign-2", purchase("1003")),
                AppleRejection.INVALID_CHAIN, true));

        Map<String, Object> payload = AppleSigned.notification("ONE_TIME_CHARGE", null, "n-short", NOW,
                AppleSigned.sign(purchase("1004"), good), null);
        cases.add(new Case("a chain of two certificates", AppleSigned.body(AppleSigned.sign(payload,
                List.of(good.leaf().cert(), good.intermediate().cert()), good.leaf().keys().getPrivate())),
                AppleRejection.INVALID_CHAIN, true));

        AppleTestPki.Issued plainLeaf = AppleTestPki.issue(pki.intermediate, "CN=Not A Receipt Signer,O=T,C=US", false,
                null, AppleTestPki.NOT_BEFORE, AppleTestPki.NOT_AFTER);
        cases.add(new Case("a leaf without Apple's receipt-signer extension", signedWith(
                new AppleTestPki.Chain(plainLeaf, pki.intermediate, pki.root), "n-plain-leaf", purchase("1005")),
                AppleRejection.INVALID_CHAIN, true));

        AppleTestPki.Issued plainIntermediate = AppleTestPki.issue(pki.root, "CN=Not WWDR,O=T,C=US", true, null,
                AppleTestPki.NOT_BEFORE, AppleTestPki.NOT_AFTER);
        AppleTestPki.Issued leafUnderPlain = AppleTestPki.issue(plainIntermediate, "CN=Signer,O=T,C=US", false,
                AppleTestPki.RECEIPT_SIGNER_OID, AppleTestPki.NOT_BEFORE, AppleTestPki.NOT_AFTER);
        cases.add(new Case("an intermediate without Apple's WWDR extension", signedWith(
                new AppleTestPki.Chain(leafUnderPlain, plainIntermediate, pki.root), "n-plain-int", purchase("1006")),
                AppleRejection.INVALID_CHAIN, true));

        AppleTestPki.Issued expiredLeaf = AppleTestPki.issue(pki.intermediate, "CN=Expired Signer,O=T,C=US", false,
                AppleTestPki.RECEIPT_SIGNER_OID, AppleTestPki.NOT_BEFORE, Instant.parse("2026-01-01T00:00:00Z"));
        cases.add(new Case("a leaf expired before the signed date", signedWith(
                new AppleTestPki.Chain(expiredLeaf, pki.intermediate, pki.root), "n-expired", purchase("1007")),
                AppleRejection.INVALID_CHAIN, true));

        AppleTestPki.Issued otherKey = AppleTestPki.issue(pki.intermediate, "CN=Other,O=T,C=US", false,
                AppleTestPki.RECEIPT_SIGNER_OID, AppleTestPki.NOT_BEFORE, AppleTestPki.NOT_AFTER);
        cases.add(new Case("a signature by a key other than the leaf's", AppleSigned.body(AppleSigned.sign(
                AppleSigned.notification("ONE_TIME_CHARGE", null, "n-other-key", NOW,
                        AppleSigned.sign(purchase("1008"), good), null), good.certs(), otherKey.keys().getPrivate())),
                AppleRejection.BAD_SIGNATURE, true));

        String signed = AppleSigned.sign(AppleSigned.notification("ONE_TIME_CHARGE", null, "n-tampered", NOW,
                AppleSigned.sign(purchase("1009"), good), null), good);
        String[] parts = signed.split("\\.");
        String json = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"ONE_TIME_CHARGE\"", "\"REFUND_DECLINED\"");
        cases.add(new Case("a payload changed after signing", AppleSigned.body(parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8)) + "."
                + parts[2]), AppleRejection.BAD_SIGNATURE, true));

        cases.add(new Case("an algorithm other than ES256", AppleSigned.body(AppleSigned.sign(
                AppleSigned.notification("ONE_TIME_CHARGE", null, "n-es384", NOW,
                        AppleSigned.sign(purchase("1010"), good), null), good.certs(),
                good.leaf().keys().getPrivate(), JWSAlgorithm.ES384)), AppleRejection.BAD_SIGNATURE, true));

        Map<String, Object> otherApp = AppleSigned.notification("ONE_TIME_CHARGE", null, "n-other-app", NOW,
                AppleSigned.sign(purchase("1011"), good), null);
        AppleSigned.data(otherApp).put("bundleId", "com.example.other");
        cases.add(new Case("another app's bundle id", AppleSigned.body(AppleSigned.sign(otherApp, good)),
                AppleRejection.WRONG_APP, true));

        Map<String, Object> production = AppleSigned.notification("ONE_TIME_CHARGE", null, "n-production", NOW,
                AppleSigned.sign(purchase("1012"), good), null);
        AppleSigned.data(production).put("environment", "Production");
        cases.add(new Case("a production notification at the sandbox endpoint",
                AppleSigned.body(AppleSigned.sign(production, good)), AppleRejection.WRONG_ENVIRONMENT, true));

        Map<String, Object> productionTransaction = purchase("1013");
        productionTransaction.put("environment", "Production");
        cases.add(new Case("a sandbox notification carrying a production transaction",
                signedWith(good, "n-prod-txn", productionTransaction), AppleRejection.WRONG_ENVIRONMENT, true));

        Map<String, Object> otherBundleTransaction = purchase("1014");
        otherBundleTransaction.put("bundleId", "com.example.other");
        cases.add(new Case("a transaction of another app", signedWith(good, "n-other-txn", otherBundleTransaction),
                AppleRejection.WRONG_APP, true));

        String foreignTransaction = AppleSigned.sign(purchase("1015"),
                new AppleTestPki.Chain(foreignLeaf, foreignIntermediate, foreignRoot));
        cases.add(new Case("a transaction signed through another root", AppleSigned.body(AppleSigned.sign(
                AppleSigned.notification("ONE_TIME_CHARGE", null, "n-foreign-txn", NOW, foreignTransaction, null),
                good)), AppleRejection.INVALID_CHAIN, true));

        cases.add(new Case("a notification signed before the replay window", AppleSigned.body(AppleSigned.sign(
                AppleSigned.notification("ONE_TIME_CHARGE", null, "n-stale", NOW.minus(Duration.ofDays(8)),
                        AppleSigned.sign(purchase("1016"), good), null), good)), AppleRejection.STALE, false));
        cases.add(new Case("a notification signed in the future", AppleSigned.body(AppleSigned.sign(
                AppleSigned.notification("ONE_TIME_CHARGE", null, "n-future", NOW.plus(Duration.ofMinutes(10)),
                        AppleSigned.sign(purchase("1017"), good), null), good)), AppleRejection.FUTURE, false));
        return cases;
    }
}
