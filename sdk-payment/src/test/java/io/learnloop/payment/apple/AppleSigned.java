package io.learnloop.payment.apple;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.util.Base64;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds App Store signed data the way the App Store sends it: JWS (ES256) with the signer's chain in {@code x5c},
 * payloads with the field names of Apple's model classes, dates in milliseconds since the epoch.
 */
final class AppleSigned {
    static final String BUNDLE = "com.learnloop.courses";
    static final long APP_APPLE_ID = 1_234_567_890L;
    static final UUID LENA_TOKEN = UUID.fromString("7e3fb20b-4cdb-47cc-936d-99d65f608138");
    private static final ObjectMapper JSON = new ObjectMapper();

    private AppleSigned() {
    }

    static String sign(Map<String, ?> payload, List<X509Certificate> x5c, PrivateKey key) {
        return sign(payload, x5c, key, JWSAlgorithm.ES256);
    }

    static String sign(Map<String, ?> payload, List<X509Certificate> x5c, PrivateKey key, JWSAlgorithm alg) {
        try {
            List<Base64> chain = new ArrayList<>();
            for (X509Certificate c : x5c) {
                chain.add(Base64.encode(c.getEncoded()));
            }
            JWSHeader header = new JWSHeader.Builder(alg).x509CertChain(chain).build();
            JWSObject jws = new JWSObject(header, new Payload(JSON.writeValueAsString(payload)));
            ECDSASigner signer = new ECDSASigner((ECPrivateKey) key);
            if (!JWSAlgorithm.ES256.equals(alg)) {
                // Sign the bytes as ES256 would, under another header: the algorithm check must refuse it first.
                JWSObject es256 = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).x509CertChain(chain).build(),
                        jws.getPayload());
                es256.sign(signer);
                return jws.getHeader().toBase64URL() + "." + jws.getPayload().toBase64URL() + "."
                        + es256.getSignature();
            }
            jws.sign(signer);
            return jws.serialize();
        } catch (JOSEException | JsonProcessingException | CertificateEncodingException e) {
            throw new AssertionError(e);
        }
    }

    static String sign(Map<String, ?> payload, AppleTestPki.Chain chain) {
        return sign(payload, chain.certs(), chain.leaf().keys().getPrivate());
    }

    static byte[] body(String signedPayload) {
        return ("{\"signedPayload\":\"" + signedPayload + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** A transaction of {@code productId}; override fields with {@link Map#put}. */
    static Map<String, Object> transaction(String transactionId, String originalTransactionId, String productId,
                                           String type, Instant purchase, Instant expires, long priceMilliunits) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("transactionId", transactionId);
        t.put("originalTransactionId", originalTransactionId);
        t.put("webOrderLineItemId", "w-" + transactionId);
        t.put("bundleId", BUNDLE);
        t.put("productId", productId);
        t.put("purchaseDate", purchase.toEpochMilli());
        t.put("originalPurchaseDate", purchase.toEpochMilli());
        if (expires != null) {
            t.put("expiresDate", expires.toEpochMilli());
        }
        t.put("quantity", 1);
        t.put("type", type);
        t.put("appAccountToken", LENA_TOKEN.toString());
        t.put("inAppOwnershipType", "PURCHASED");
        t.put("signedDate", purchase.toEpochMilli());
        t.put("environment", "Sandbox");
        t.put("transactionReason", "PURCHASE");
        t.put("storefront", "USA");
        t.put("storefrontId", "143441");
        t.put("price", priceMilliunits);
        t.put("currency", "USD");
        return t;
    }

    static Map<String, Object> renewal(String originalTransactionId, String productId, Instant gracePeriodExpires,
                                       Instant signed) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("originalTransactionId", originalTransactionId);
        r.put("autoRenewProductId", productId);
        r.put("productId", productId);
        r.put("autoRenewStatus", 1);
        r.put("isInBillingRetryPeriod", true);
        if (gracePeriodExpires != null) {
            r.put("gracePeriodExpiresDate", gracePeriodExpires.toEpochMilli());
        }
        r.put("signedDate", signed.toEpochMilli());
        r.put("environment", "Sandbox");
        return r;
    }

    /** A notification; {@code data} gets the app's fields. */
    static Map<String, Object> notification(String type, String subtype, String uuid, Instant signed,
                                            String signedTransaction, String signedRenewal) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("appAppleId", APP_APPLE_ID);
        data.put("bundleId", BUNDLE);
        data.put("bundleVersion", "1.0");
        data.put("environment", "Sandbox");
        if (signedTransaction != null) {
            data.put("signedTransactionInfo", signedTransaction);
        }
        if (signedRenewal != null) {
            data.put("signedRenewalInfo", signedRenewal);
        }
        data.put("status", 1);
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("notificationType", type);
        if (subtype != null) {
            n.put("subtype", subtype);
        }
        n.put("notificationUUID", uuid);
        n.put("data", data);
        n.put("version", "2.0");
        n.put("signedDate", signed.toEpochMilli());
        return n;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> data(Map<String, Object> notification) {
        return (Map<String, Object>) notification.get("data");
    }
}
