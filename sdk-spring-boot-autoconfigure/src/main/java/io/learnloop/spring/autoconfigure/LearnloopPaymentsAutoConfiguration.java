package io.learnloop.spring.autoconfigure;

import io.learnloop.core.Learnloop;
import io.learnloop.payment.spi.PaymentProvider;
import io.learnloop.payment.Payments;
import io.learnloop.payment.alipay.AlipayProvider;
import io.learnloop.payment.stripe.StripeProvider;
import io.learnloop.payment.wechat.WechatPayProvider;
import io.learnloop.spring.internal.CheckedProperties;
import io.learnloop.spring.internal.ProviderFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/**
 * The payment providers whose keys are configured ({@code learnloop.payments.*}) and {@link Payments} over every
 * {@link PaymentProvider} bean, the host's own included. A host bean of a provider's type replaces the configured one.
 *
 * <p>Thread-safe: a Spring configuration class.
 */
@AutoConfiguration(after = LearnloopAutoConfiguration.class)
public class LearnloopPaymentsAutoConfiguration {
    /** Created by Spring. */
    public LearnloopPaymentsAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty("learnloop.payments.stripe.api-key")
    StripeProvider learnloopStripeProvider(CheckedProperties properties, Clock clock) {
        return ProviderFactory.stripe(properties.get().payments().stripe(), clock);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty("learnloop.payments.alipay.app-id")
    AlipayProvider learnloopAlipayProvider(CheckedProperties properties, Clock clock) {
        return ProviderFactory.alipay(properties.get().payments().alipay(), clock);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty("learnloop.payments.wechatpay.merchant-id")
    WechatPayProvider learnloopWechatPayProvider(CheckedProperties properties, Clock clock) {
        return ProviderFactory.wechatpay(properties.get().payments().wechatpay(), clock);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean({Learnloop.class, PaymentProvider.class})
    Payments learnloopPayments(Learnloop learnloop, CheckedProperties properties,
                               ObjectProvider<PaymentProvider> providers) {
        Payments.Builder b = Payments.builder(learnloop).reconcileAfter(properties.get().payments().reconcileAfter());
        providers.orderedStream().forEach(b::provider);
        return b.build();
    }
}
