package io.learnloop.spring.autoconfigure;

import io.learnloop.community.DiscourseWebhooks;
import io.learnloop.core.Learnloop;
import io.learnloop.payment.spi.PaymentProvider;
import io.learnloop.payment.Payments;
import io.learnloop.payment.ProviderId;
import io.learnloop.spring.LearnloopProperties;
import io.learnloop.spring.internal.CheckedProperties;
import io.learnloop.spring.internal.DiscourseWebhookHandler;
import io.learnloop.spring.internal.PaymentWebhookHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The webhook endpoints (Spring MVC functional routes, POST) at the paths of {@code learnloop.webhooks.*}: one per
 * configured payment provider (Stripe, Alipay, WeChat Pay) and one for Discourse when
 * {@code learnloop.community.discourse.webhook-secret} is set.
 *
 * <p>Thread-safe: a Spring configuration class.
 */
@AutoConfiguration(after = {LearnloopAutoConfiguration.class, LearnloopPaymentsAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(RouterFunction.class)
public class LearnloopWebhooksAutoConfiguration {
    /** Created by Spring. */
    public LearnloopWebhooksAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean(name = "learnloopPaymentWebhooks")
    @ConditionalOnBean(Payments.class)
    RouterFunction<ServerResponse> learnloopPaymentWebhooks(Payments payments, ObjectProvider<PaymentProvider> providers,
                                                            CheckedProperties properties) {
        LearnloopProperties.Webhooks paths = properties.get().webhooks();
        Map<ProviderId, String> mounted = Map.of(ProviderId.STRIPE, paths.stripe(), ProviderId.ALIPAY, paths.alipay(),
                ProviderId.WECHAT_PAY, paths.wechatpay());
        List<ProviderId> ids = providers.orderedStream().map(PaymentProvider::id).filter(mounted::containsKey)
                .distinct().toList();
        if (ids.isEmpty()) {
            // only providers of the host's own ids (a sandbox, a second account): the host mounts their endpoints
            return request -> Optional.empty();
        }
        RouterFunctions.Builder routes = RouterFunctions.route();
        ids.forEach(id -> routes.POST(mounted.get(id), new PaymentWebhookHandler(payments, id)));
        return routes.build();
    }

    /** The Discourse endpoint, with sdk-community on the class path. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(DiscourseWebhooks.class)
    @ConditionalOnProperty("learnloop.community.discourse.webhook-secret")
    @ConditionalOnBean(Learnloop.class)
    static class Discourse {
        @Bean
        @ConditionalOnMissingBean
        DiscourseWebhooks learnloopDiscourseWebhooks(Learnloop learnloop, CheckedProperties properties) {
            return DiscourseWebhooks.create(learnloop.context(),
                    properties.get().community().discourse().webhookSecret());
        }

        @Bean
        @ConditionalOnMissingBean(name = "learnloopDiscourseWebhookRoute")
        RouterFunction<ServerResponse> learnloopDiscourseWebhookRoute(DiscourseWebhooks webhooks,
                                                                      ApplicationEventPublisher publisher,
                                                                      CheckedProperties properties) {
            return RouterFunctions.route().POST(properties.get().webhooks().discourse(),
                    new DiscourseWebhookHandler(webhooks, publisher)).build();
        }
    }
}
