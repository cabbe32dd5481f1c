package io.learnloop.payment.testing;

import io.learnloop.core.Learnloop;
import io.learnloop.core.store.Stores;
import io.learnloop.core.testing.MutableClock;
import io.learnloop.payment.NotificationLimits;
import io.learnloop.payment.Payments;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.Secret;
import io.learnloop.payment.alipay.AlipayConfig;
import io.learnloop.payment.alipay.AlipayProvider;
import io.learnloop.payment.sandbox.SandboxConfig;
import io.learnloop.payment.sandbox.SandboxProvider;
import io.learnloop.payment.stripe.StripeConfig;
import io.learnloop.payment.stripe.StripeProvider;
import io.learnloop.payment.wechat.WechatPayConfig;
import io.learnloop.payment.wechat.WechatPayProvider;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * One facade with all four providers behind one {@link Payments}, as a host configures them, and signers that
 * build each provider's notifications the way the provider does, independently of the SDK.
 */
public final class NotificationProviders {
    public static final String STRIPE_SECRET = "whsec_limitsLimitsLimits";
    public static final String SANDBOX_SECRET = "sandbox-limits-secret";
    public static final String ALIPAY_APP_ID = "2021000123456789";
    public static final String WECHAT_MCH_ID = "1900009191";
    public static final String WECHAT_APP_ID = "wxd678efh567hg6787";
    public static final String WECHAT_SERIAL = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
    public static final String WECHAT_API_V3_KEY = "a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb";

    // RSA key generation is slow: our side's keys (Alipay app key, WeChat Pay merchant key) sign no notification,
    // and the providers' keys never meet in one test, so two pairs serve all four roles
    private static final KeyPair APP = TestKeys.rsa2048();
    private static final KeyPair MERCHANT = APP;
    private static final KeyPair ALIPAY = TestKeys.rsa2048();
    private static final KeyPair PLATFORM = ALIPAY;

    public final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    public final Learnloop learnloop = Learnloop.builder().store(Stores.inMemory()).clock(clock).build();
    public final Payments payments;

    public NotificationProviders() {
        this(NotificationLimits.defaults());
    }

    public NotificationProviders(NotificationLimits limits) {
        payments = Payments.builder(learnloop)
                .provider(new SandboxProvider(SandboxConfig.builder().key("k1", Secret.of(SANDBOX_SECRET)).clock(clock).build()))
                .provider(new StripeProvider(StripeConfig.builder(Secret.of("sk_test_limits"))
                        .webhookSecret(Secret.of(STRIPE_SECRET)).clock(clock).build()))
                .provider(new AlipayProvider(AlipayConfig.builder(ALIPAY_APP_ID).appPrivateKey(APP.getPrivate())
                        .alipayPublicKey(ALIPAY.getPublic()).gatewayUrl("https://openapi.alipay.example/gateway.do")
                        .notifyUrl("https://shop.example/notify/alipay").clock(clock).build()))
                .provider(new WechatPayProvider(WechatPayConfig.builder(WECHAT_MCH_ID, WECHAT_APP_ID)
                        .merchantKey("3775B6A45ACD588826D15E583A95F5DD2C3A4F1B", MERCHANT.getPrivate())
                        .apiV3Key(Secret.of(WECHAT_API_V3_KEY)).verificationKey(WECHAT_SERIAL, PLATFORM.getPublic())
                        .baseUrl("https://api.mch.weixin.example").notifyUrl("https://shop.example/notify/wechat")
                        .clock(clock).build()))
                .notificationLimits(limits)
                .build();
    }

    /** The clock's time in unix seconds, as header text. */
    public String now() {
        return String.valueOf(clock.instant().getEpochSecond());
    }

    private static byte[] concat(String head, byte[] body, String tail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(body);
        out.writeBytes(tail.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static String hmacHex(String key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Stripe's headers: {@code Stripe-Signature: t=<t>,v1=<hex HMAC of "t.body">}. */
    public static Map<String, String> stripeHeaders(byte[] body, String t) {
        return Map.of("Stripe-Signature", "t=" + t + ",v1=" + hmacHex(STRIPE_SECRET, concat(t + ".", body, "")),
                "Content-Type", "application/json");
    }

    /** The sandbox's headers: {@code Sandbox-Signature: t=<t>,kid=k1,v1=<hex HMAC of "t.body">}. */
    public static Map<String, String> sandboxHeaders(byte[] body, String t) {
        return Map.of(SandboxProvider.SIGNATURE_HEADER, "t=" + t + ",kid=k1,v1=" + hmacHex(SANDBOX_SECRET, concat(t + ".", body, "")));
    }

    /** WeChat Pay's headers, signed over {@code TIMESTAMP\nNONCE\nBODY\n} with the platform key. */
    public static Map<String, String> wechatHeaders(byte[] body, String timestamp) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Wechatpay-Timestamp", timestamp);
        h.put("Wechatpay-Nonce", "n0nce");
        h.put("Wechatpay-Serial", WECHAT_SERIAL);
        h.put("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048");
        h.put("Wechatpay-Signature", TestKeys.sign(PLATFORM.getPrivate(), concat(timestamp + "\nn0nce\n", body, "\n")));
        return h;
    }

    /** A WeChat Pay {@code resource} envelope: AEAD_AES_256_GCM under the APIv3 key. */
    public static String wechatResource(String plaintext) {
        try {
            String nonce = "fdasflkja484";
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(WECHAT_API_V3_KEY.getBytes(StandardCharsets.UTF_8), "AES"),
                    new GCMParameterSpec(128, nonce.getBytes(StandardCharsets.UTF_8)));
            c.updateAAD("transaction".getBytes(StandardCharsets.UTF_8));
            String ct = Base64.getEncoder().encodeToString(c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
            return "{\"algorithm\":\"AEAD_AES_256_GCM\",\"ciphertext\":\"" + ct + "\",\"nonce\":\"" + nonce
                    + "\",\"associated_data\":\"transaction\"}";
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /**
     * An Alipay notification form: the parameters plus {@code sign_type=RSA2} and a {@code sign} over the sorted,
     * non-empty decoded parameters without {@code sign} and {@code sign_type}, URL-encoded in UTF-8.
     */
    public static byte[] alipayForm(Map<String, String> params) {
        StringJoiner content = new StringJoiner("&");
        new TreeMap<>(params).forEach((k, v) -> {
            if (!k.equals("sign") && !k.equals("sign_type") && !k.isEmpty() && !v.isEmpty()) {
                content.add(k + "=" + v);
            }
        });
        Map<String, String> all = new LinkedHashMap<>(params);
        all.put("sign_type", "RSA2");
        all.put("sign", TestKeys.sign(ALIPAY.getPrivate(), content.toString().getBytes(StandardCharsets.UTF_8)));
        StringJoiner form = new StringJoiner("&");
        all.forEach((k, v) -> form.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return form.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The provider ids of the four providers. */
    public static ProviderId[] ids() {
        return new ProviderId[]{ProviderId.SANDBOX, ProviderId.STRIPE, ProviderId.ALIPAY, ProviderId.WECHAT_PAY};
    }
}
