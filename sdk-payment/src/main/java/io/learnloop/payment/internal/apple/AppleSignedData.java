package io.learnloop.payment.internal.apple;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnloop.core.error.ValidationException;
import io.learnloop.payment.apple.AppleConfig;
import io.learnloop.payment.apple.AppleEnvironment;
import io.learnloop.payment.apple.AppleRejection;
import io.learnloop.payment.apple.AppleTransaction;
import io.learnloop.payment.internal.json.Json;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Decodes App Store signed data after {@link AppleJwsVerifier} has verified it, with the checks Apple's
 * {@code SignedDataVerifier} adds: a notification's bundle id, in production its app Apple id, and its environment
 * (read from {@code data}, else {@code summary}, else {@code externalPurchaseToken}); a transaction's bundle id and
 * environment; a renewal info's environment. Field names are those of Apple's model classes
 * ({@code ResponseBodyV2DecodedPayload}, {@code Data}, {@code JWSTransactionDecodedPayload},
 * {@code JWSRenewalInfoDecodedPayload}); dates are milliseconds since the epoch.
 *
 * <p>Thread-safe: immutable.
 */
public final class AppleSignedData {
    private final AppleJwsVerifier verifier;
    private final String bundleId;
    private final Long appAppleId;
    private final AppleEnvironment environment;

    /**
     * Creates the decoder.
     *
     * @param verifier the JWS verifier
     * @param config   the app and environment to accept
     */
    public AppleSignedData(AppleJwsVerifier verifier, AppleConfig config) {
        this.verifier = verifier;
        this.bundleId = config.bundleId();
        this.appAppleId = config.appAppleId();
        this.environment = config.environment();
    }

    /**
     * Verifies and decodes a notification's body.
     *
     * @param body the raw body, {@code {"signedPayload": "..."}}
     * @return the notification
     * @throws AppleVerificationException if any check fails
     */
    public AppleNotification notification(byte[] body) {
        JsonNode outer = body == null ? null : Json.parse(body);
        String signedPayload = outer == null || !outer.isObject() ? null : Json.text(outer, "signedPayload");
        if (signedPayload == null) {
            throw new AppleVerificationException(AppleRejection.MALFORMED,
                    "the body is not {\"signedPayload\": \"<JWS>\"}");
        }
        JsonNode p = verifier.verify(signedPayload);
        JsonNode source = p.get("data") != null && p.get("data").isObject() ? p.get("data")
                : p.get("summary") != null && p.get("summary").isObject() ? p.get("summary") : null;
        String bundle;
        Long appId;
        String env;
        if (source != null) {
            bundle = Json.text(source, "bundleId");
            appId = Json.number(source, "appAppleId");
            env = Json.text(source, "environment");
        } else if (p.get("externalPurchaseToken") != null && p.get("externalPurchaseToken").isObject()) {
            JsonNode token = p.get("externalPurchaseToken");
            bundle = Json.text(token, "bundleId");
            appId = Json.number(token, "appAppleId");
            String id = Json.text(token, "externalPurchaseId");
            env = id != null && id.startsWith("SANDBOX") ? AppleEnvironment.SANDBOX.wireName()
                    : AppleEnvironment.PRODUCTION.wireName();
        } else {
            bundle = null;
            appId = null;
            env = null;
        }
        if (!bundleId.equals(bundle)
                || (environment == AppleEnvironment.PRODUCTION && !Objects.equals(appAppleId, appId))) {
            throw new AppleVerificationException(AppleRejection.WRONG_APP,
                    "the notification is for app '" + bundle + "' (" + appId + "), not '" + bundleId + "'");
        }
        checkEnvironment(env, "notification");
        String type = Json.text(p, "notificationType");
        String uuid = Json.text(p, "notificationUUID");
        Long signedDate = Json.number(p, "signedDate");
        if (type == null || uuid == null || uuid.isBlank() || uuid.length() > 128 || signedDate == null) {
            throw new AppleVerificationException(AppleRejection.MALFORMED,
                    "the notification lacks notificationType, notificationUUID or signedDate");
        }
        AppleTransaction transaction = null;
        AppleRenewal renewal = null;
        if (p.get("data") != null) {
            String signedTransaction = Json.text(p, "data", "signedTransactionInfo");
            String signedRenewal = Json.text(p, "data", "signedRenewalInfo");
            transaction = signedTransaction == null ? null : transaction(signedTransaction);
            renewal = signedRenewal == null ? null : renewal(signedRenewal);
        }
        return new AppleNotification(type, Json.text(p, "subtype"), uuid, Instant.ofEpochMilli(signedDate),
                transaction, renewal);
    }

    /**
     * Verifies and decodes a signed transaction.
     *
     * @param signed the JWS
     * @return the transaction
     * @throws AppleVerificationException if any check fails
     */
    public AppleTransaction transaction(String signed) {
        JsonNode t = verifier.verify(signed);
        String bundle = Json.text(t, "bundleId");
        if (!bundleId.equals(bundle)) {
            throw new AppleVerificationException(AppleRejection.WRONG_APP,
                    "the transaction is for app '" + bundle + "', not '" + bundleId + "'");
        }
        checkEnvironment(Json.text(t, "environment"), "transaction");
        try {
            Long quantity = Json.number(t, "quantity");
            Long reason = Json.number(t, "revocationReason");
            String token = Json.text(t, "appAccountToken");
            return new AppleTransaction(Json.text(t, "transactionId"), Json.text(t, "originalTransactionId"),
                    Json.text(t, "productId"), Json.text(t, "type"), instant(t, "purchaseDate"),
                    instant(t, "expiresDate"), quantity == null ? 1 : Math.toIntExact(quantity),
                    Json.number(t, "price"), Json.text(t, "currency"),
                    token == null || token.isEmpty() ? null : UUID.fromString(token), environment, bundle,
                    instant(t, "revocationDate"), reason == null ? null : Math.toIntExact(reason),
                    instant(t, "signedDate"));
        } catch (ValidationException | IllegalArgumentException | ArithmeticException e) {
            throw new AppleVerificationException(AppleRejection.MALFORMED,
                    "the transaction's fields are invalid: " + e.getMessage());
        }
    }

    /**
     * Verifies and decodes a signed renewal info.
     *
     * @param signed the JWS
     * @return the renewal info
     * @throws AppleVerificationException if any check fails
     */
    public AppleRenewal renewal(String signed) {
        JsonNode r = verifier.verify(signed);
        checkEnvironment(Json.text(r, "environment"), "renewal info");
        Long intent = Json.number(r, "expirationIntent");
        Long autoRenew = Json.number(r, "autoRenewStatus");
        return new AppleRenewal(Json.text(r, "originalTransactionId"), Json.text(r, "productId"),
                instant(r, "gracePeriodExpiresDate"), intent == null ? null : intent.intValue(),
                autoRenew == null ? null : autoRenew.intValue(), instant(r, "signedDate"));
    }

    private void checkEnvironment(String env, String what) {
        if (!environment.wireName().equals(env)) {
            throw new AppleVerificationException(AppleRejection.WRONG_ENVIRONMENT,
                    "the " + what + " is from environment '" + env + "', not '" + environment.wireName() + "'");
        }
    }

    private static Instant instant(JsonNode node, String field) {
        Long ms = Json.number(node, field);
        return ms == null ? null : Instant.ofEpochMilli(ms);
    }
}
