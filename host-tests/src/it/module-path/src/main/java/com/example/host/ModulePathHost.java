package com.example.host;

import com.sun.net.httpserver.HttpServer;
import io.learnloop.community.Communities;
import io.learnloop.community.Community;
import io.learnloop.community.CommunityOptions;
import io.learnloop.community.NewSpace;
import io.learnloop.community.Space;
import io.learnloop.core.Learnloop;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.http.SharedHttpClient;
import io.learnloop.jdbc.JdbcStore;
import io.learnloop.jdbc.JdbcStores;
import io.learnloop.payment.spi.PaymentReference;
import io.learnloop.payment.spi.PaymentState;
import io.learnloop.payment.spi.PaymentStatus;
import io.learnloop.payment.Secret;
import io.learnloop.payment.stripe.StripeConfig;
import io.learnloop.payment.stripe.StripeProvider;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * What a host on the module path does first: ask a payment provider (a local stand-in for Stripe) about a payment
 * through the SDK's HTTP layer, sdk-http (okhttp, okio and the Kotlin standard library), and keep data in the embedded H2
 * store (Flyway migrations, Jackson reading records of a module's internal package). Exits non-zero on any failure.
 */
public final class ModulePathHost {
    private ModulePathHost() {
    }

    public static void main(String[] args) throws IOException {
        if (ModulePathHost.class.getModule().getName() == null || !SharedHttpClient.class.getModule().isNamed()) {
            throw new IllegalStateException("expected to run on the module path, not the class path");
        }
        checkPaymentOverHttp();
        checkEmbeddedStore(Path.of(args[0]));
        System.out.println("module-path host: OK");
    }

    private static void checkPaymentOverHttp() throws IOException {
        HttpServer stripe = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stripe.createContext("/v1/payment_intents/pi_module_path", exchange -> {
            byte[] body = ("{\"id\":\"pi_module_path\",\"object\":\"payment_intent\",\"status\":\"succeeded\","
                    + "\"amount\":1999,\"amount_received\":1999,\"currency\":\"eur\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        stripe.start();
        try {
            SharedHttpClient http = SharedHttpClient.create();
            StripeProvider provider = new StripeProvider(StripeConfig.builder(Secret.of("sk_test_module_path"))
                    .webhookSecret(Secret.of("whsec_module_path"))
                    .baseUrl("http://127.0.0.1:" + stripe.getAddress().getPort())
                    .http(http)
                    .build());

            PaymentStatus status = provider.query(new PaymentReference("order-1", "pi_module_path"));

            if (status.state() != PaymentState.PAID || status.amount() == null
                    || status.amount().minor() != 1999 || !status.amount().currency().getCurrencyCode().equals("EUR")) {
                throw new IllegalStateException("unexpected payment status " + status);
            }
        } finally {
            stripe.stop(0);
        }
    }

    private static void checkEmbeddedStore(Path folder) {
        Actor operator = Actor.of("operator", Role.ADMIN, Role.MODERATOR);
        try (JdbcStore store = JdbcStores.embeddedH2(folder)) {
            Learnloop learnloop = Learnloop.builder().store(store).build();
            Community community = Communities.embedded(learnloop.context(),
                    CommunityOptions.builder((user, courseId) -> false).build());

            Space created = community.createSpace(operator, NewSpace.general("Lounge"));
            Space read = community.space(operator, created.id());

            if (!read.name().equals("Lounge")) {
                throw new IllegalStateException("unexpected space " + read);
            }
        }
    }
}
