package io.learnloop.payment;

import io.learnloop.core.identity.Identifier;

/**
 * Names a payment provider configuration, for example {@code "stripe"} or {@code "wechatpay"}.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param value the id's text
 */
public record ProviderId(String value) implements Identifier {
    /** The in-JVM sandbox provider. */
    public static final ProviderId SANDBOX = new ProviderId("sandbox");
    /** Stripe. */
    public static final ProviderId STRIPE = new ProviderId("stripe");
    /** Alipay OpenAPI. */
    public static final ProviderId ALIPAY = new ProviderId("alipay");
    /** WeChat Pay APIv3. */
    public static final ProviderId WECHAT_PAY = new ProviderId("wechatpay");

    /**
     * Validates the id.
     *
     * @param value the id's text
     */
    public ProviderId {
        Identifier.check("provider", value);
    }

    @Override
    public String toString() {
        return value;
    }
}
