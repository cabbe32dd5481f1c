package io.learnloop.examples.boot;

import io.learnloop.payment.Payments;
import io.learnloop.payment.Secret;
import io.learnloop.payment.sandbox.SandboxConfig;
import io.learnloop.payment.sandbox.SandboxProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

import java.time.Clock;

/**
 * The Sandbox payment provider, so a purchase completes without a real provider: the starter builds {@link Payments}
 * over this bean as over any provider. The starter mounts webhook endpoints for Stripe, Alipay and WeChat Pay; a
 * provider of the host's own, like this one, gets its endpoint from the host, at {@value #WEBHOOK_PATH}.
 *
 * <p>DEMO ONLY: {@value #PAY_PATH} stands in for the provider's payment page. Posting to it is the payer paying; the
 * sandbox then sends its signed notification to the webhook endpoint over HTTP, as a provider would, and the
 * notification pipeline settles the order.
 *
 * <p>Thread-safe: a Spring configuration class.
 */
@Configuration(proxyBeanMethods = false)
public class SandboxPayments {
    /** Where the Sandbox provider's notifications are received. */
    public static final String WEBHOOK_PATH = "/learnloop/webhooks/sandbox";
    /** The stand-in for the provider's payment page, by the checkout's {@code merchantReference}. */
    public static final String PAY_PATH = "/sandbox/payments/{merchantReference}/pay";

    /** Created by Spring. */
    public SandboxPayments() {
    }

    @Bean
    SandboxProvider sandboxProvider(Clock clock, @Value("${demo.sandbox.webhook-secret}") String webhookSecret) {
        return new SandboxProvider(SandboxConfig.builder().merchantId("learnloop-boot-demo")
                .key("sandbox-key-1", Secret.of(webhookSecret)).clock(clock).build());
    }

    @Bean
    RouterFunction<ServerResponse> sandboxRoutes(Payments payments, SandboxProvider sandbox) {
        return RouterFunctions.route()
                .POST(WEBHOOK_PATH, new SandboxWebhook(payments, sandbox.id()))
                .POST(PAY_PATH, new SandboxPayer(sandbox, WEBHOOK_PATH))
                .build();
    }
}
