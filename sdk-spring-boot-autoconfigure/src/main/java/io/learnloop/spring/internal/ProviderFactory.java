package io.learnloop.spring.internal;

import io.learnloop.core.error.ValidationException;
import io.learnloop.payment.Secret;
import io.learnloop.payment.alipay.AlipayConfig;
import io.learnloop.payment.alipay.AlipayProvider;
import io.learnloop.payment.stripe.StripeConfig;
import io.learnloop.payment.stripe.StripeProvider;
import io.learnloop.payment.wechat.WechatPayConfig;
import io.learnloop.payment.wechat.WechatPayProvider;
import io.learnloop.spring.LearnloopProperties;

import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * Builds each payment provider from its properties through the provider's public configuration type only. The one
 * place that knows those builders, so a change in how providers take their HTTP client is made here alone.
 *
 * <p>Thread-safe: stateless.
 */
public final class ProviderFactory {
    private ProviderFactory() {
    }

    /**
     * Stripe, from {@code learnloop.payments.stripe.*} (already checked by {@link LearnloopPropertiesCheck}).
     *
     * @param s     the properties
     * @param clock the clock webhook timestamps are checked against
     * @return the provider
     */
    public static StripeProvider stripe(LearnloopProperties.Stripe s, Clock clock) {
        StripeConfig.Builder b = StripeConfig.builder(Secret.of(s.apiKey())).webhookSecret(Secret.of(s.webhookSecret()))
                .clock(clock).apiVersion(s.apiVersion()).stripeAccount(s.stripeAccount());
        if (s.baseUrl() != null) {
            b.baseUrl(s.baseUrl());
        }
        if (s.tolerance() != null) {
            b.tolerance(s.tolerance());
        }
        return new StripeProvider(build("learnloop.payments.stripe", b::build));
    }

    /**
     * Alipay in public-key mode, from {@code learnloop.payments.alipay.*}.
     *
     * @param a     the properties
     * @param clock the clock
     * @return the provider
     */
    public static AlipayProvider alipay(LearnloopProperties.Alipay a, Clock clock) {
        AlipayConfig.Builder b = AlipayConfig.builder(a.appId()).appPrivateKey(key(() -> Pem.privateKey(a.appPrivateKey())))
                .alipayPublicKey(key(() -> Pem.publicKey(a.alipayPublicKey()))).notifyUrl(a.notifyUrl())
                .sellerId(a.sellerId()).clock(clock);
        if (a.gatewayUrl() != null) {
            b.gatewayUrl(a.gatewayUrl());
        }
        return new AlipayProvider(build("learnloop.payments.alipay", b::build));
    }

    /**
     * WeChat Pay APIv3 with WeChat Pay's public key, from {@code learnloop.payments.wechatpay.*}.
     *
     * @param w     the properties
     * @param clock the clock
     * @return the provider
     */
    public static WechatPayProvider wechatpay(LearnloopProperties.Wechatpay w, Clock clock) {
        WechatPayConfig.Builder b = WechatPayConfig.builder(w.merchantId(), w.appId())
                .merchantKey(w.merchantSerialNumber(), key(() -> Pem.privateKey(w.merchantPrivateKey())))
                .apiV3Key(Secret.of(w.apiV3Key()))
                .verificationKey(w.platformPublicKeyId(), key(() -> Pem.publicKey(w.platformPublicKey())))
                .notifyUrl(w.notifyUrl()).clock(clock);
        if (w.baseUrl() != null) {
            b.baseUrl(w.baseUrl());
        }
        return new WechatPayProvider(build("learnloop.payments.wechatpay", b::build));
    }

    /** Names the SDK's own configuration problems by the properties they come from. */
    private static <T> T build(String prefix, Supplier<T> builder) {
        try {
            return builder.get();
        } catch (ValidationException e) {
            throw new ValidationException(e.violations().stream()
                    .map(v -> new ValidationException.Violation(prefix + " (" + v.field() + ")", v.problem())).toList());
        }
    }

    private interface KeyReader<K> {
        K read() throws GeneralSecurityException;
    }

    private static <K> K key(KeyReader<K> reader) {
        try {
            return reader.read();
        } catch (GeneralSecurityException e) {
            // LearnloopPropertiesCheck has named the property already; this is only reached when it was bypassed
            throw new ValidationException(List.of(new ValidationException.Violation("key", "is not a readable RSA key")));
        }
    }
}
