package io.learnloop.examples.storefront;

import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.commerce.LineAmount;
import io.learnloop.core.commerce.OfferId;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.commerce.OrderLine;
import io.learnloop.core.commerce.OrderStatus;
import io.learnloop.core.commerce.PlaceOrder;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.error.NotFoundException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.examples.storefront.WebServer.Request;
import io.learnloop.examples.storefront.WebServer.Response;
import io.learnloop.payment.Acknowledgement;
import io.learnloop.payment.CheckoutRequest;
import io.learnloop.payment.NotificationResult;
import io.learnloop.payment.PaymentFlow;
import io.learnloop.payment.PaymentSession;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.RefundOutcome;
import io.learnloop.payment.sandbox.SandboxNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checkout: the order, the provider's payment page (the Sandbox provider's is simulated here), the webhook endpoint
 * that hands the raw signed notification to the payment pipeline, and the order page.
 */
final class CheckoutPages extends Pages {
    private static final Logger LOG = LoggerFactory.getLogger(CheckoutPages.class);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile URI webhookBase;

    CheckoutPages(Shop shop) {
        super(shop);
    }

    static String label(ProviderId p) {
        return switch (p.value()) {
            case "sandbox" -> "Sandbox (test payments)";
            case "stripe" -> "Stripe";
            case "alipay" -> "Alipay 支付宝";
            case "wechatpay" -> "WeChat Pay 微信支付";
            default -> p.value();
        };
    }

    @Override
    void register(WebServer web) {
        web.post("/checkout", this::checkout);
        web.get("/sandbox/pay/{ref}", this::sandboxPage);
        web.post("/sandbox/pay/{ref}", this::sandboxPay);
        web.postFromProvider("/webhooks/{provider}", this::webhook);
        web.get("/orders/{id}", this::order);
        web.post("/orders/{id}/refund", this::refund);
    }

    /** Where the sandbox delivers its notifications: this server's own webhook endpoint. */
    void webhookBase(URI base) {
        this.webhookBase = base;
    }

    private Response checkout(Request req) {
        Response signIn = signInFirst(req);
        if (signIn != null) {
            return signIn;
        }
        Course c = publishedCourse(req.param("course"));
        ProviderId provider = new ProviderId(req.param("provider") == null ? "sandbox" : req.param("provider"));
        if (!shop.providers().getOrDefault(provider, false)) {
            throw ValidationException.of("provider", label(provider) + " is not configured in this shop; choose the Sandbox");
        }
        Listing listing = shop.listing(c.id()).orElseThrow(() -> new NotFoundException("listing", c.id().value()));
        String key = req.param("key");
        if (key == null || key.isBlank() || key.length() > 100) {
            throw ValidationException.of("key", "the form lost its order key; reload the course page");
        }
        // the client key makes a double-click or a resubmitted form the same order
        Order order = shop.learnloop.commerce().placeOrder(actor(req), PlaceOrder.of(key, OfferId.of(listing.offerId())));
        PaymentSession session = shop.payments.checkout(actor(req), CheckoutRequest.of(order.id(), provider,
                PaymentFlow.REDIRECT, title(c)));
        if (provider.equals(ProviderId.SANDBOX)) {
            return Response.redirect("/sandbox/pay/" + Html.url(session.merchantReference()) + "?order=" + Html.url(order.id().value()));
        }
        return Response.redirect(session.redirectUrl());
    }

    private Order ownOrder(Request req, String id) {
        Order order = shop.learnloop.commerce().order(actor(req), OrderId.of(id));
        if (!order.learner().value().equals(req.learner())) {
            throw new ForbiddenException("order " + id + " belongs to another learner");
        }
        return order;
    }

    private Response sandboxPage(Request req) {
        Response signIn = signInFirst(req);
        if (signIn != null) {
            return signIn;
        }
        Order order = ownOrder(req, req.param("order"));
        StringBuilder b = new StringBuilder("<div class=\"card\"><p class=\"muted\">This page plays the part of the payment "
                + "provider's checkout. Paying here makes the Sandbox provider send a signed notification to the shop's webhook "
                + "endpoint, which runs it through the payment pipeline (signature, dedupe, amount check, access grant, ledger).</p>");
        b.append("<p>Merchant reference <code>").append(Html.esc(req.param("ref"))).append("</code></p><ul>");
        for (OrderLine line : order.lines()) {
            b.append("<li>").append(Html.esc(line.title())).append(" — ").append(Html.money(line.net())).append("</li>");
        }
        b.append("</ul><p>Total <span class=\"price\" id=\"total\">").append(Html.money(order.total())).append("</span></p>")
                .append(button(req, "/sandbox/pay/" + req.param("ref"), "pay-button", "Pay " + order.total().currency().getCurrencyCode()
                        + " " + order.total().toDecimalString(), Map.of("order", order.id().value())))
                .append("</div>");
        return page(req, "Sandbox checkout", b.toString());
    }

    private Response sandboxPay(Request req) {
        Response signIn = signInFirst(req);
        if (signIn != null) {
            return signIn;
        }
        Order order = ownOrder(req, req.param("order"));
        if (order.status() == OrderStatus.PAID) {
            // a second press of the button: the payment went through already
            return Response.redirect("/orders/" + Html.url(order.id().value()));
        }
        // checking out again resumes the same attempt: its reference must be the one on this page
        PaymentSession session = shop.payments.checkout(actor(req), CheckoutRequest.of(order.id(), ProviderId.SANDBOX,
                PaymentFlow.REDIRECT, order.lines().get(0).title()));
        if (!session.merchantReference().equals(req.param("ref"))) {
            throw ValidationException.of("ref", "payment '" + req.param("ref") + "' is not the payment of order " + order.id().value());
        }
        shop.sandbox.pay(session.merchantReference());
        List<SandboxNotification> due = shop.sandbox.deliverable();
        for (SandboxNotification n : due) {
            deliver(n);
        }
        Order after = shop.learnloop.commerce().order(actor(req), order.id());
        if (after.status() == OrderStatus.PAID) {
            shop.recommendations.purchased(after.learner(), after.lines().stream().flatMap(l -> l.courses().stream()).toList());
        }
        return Response.redirect("/orders/" + Html.url(order.id().value()));
    }

    /** Posts one notification to this server's webhook endpoint, byte for byte, as the provider would. */
    private void deliver(SandboxNotification n) {
        HttpRequest.Builder r = HttpRequest.newBuilder(webhookBase.resolve("/webhooks/sandbox")).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(n.body()));
        n.headers().forEach(r::header);
        try {
            HttpResponse<String> response = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
            LOG.info("sandbox notification delivered: HTTP {}", response.statusCode());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the webhook endpoint " + webhookBase, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while delivering a notification", e);
        }
    }

    private Response webhook(Request req) {
        ProviderId provider = new ProviderId(req.param("provider"));
        if (!shop.providers().getOrDefault(provider, false)) {
            return Response.text(404, "no such provider");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        req.headers().forEach((k, v) -> headers.put(k, String.join(",", v)));
        // the raw body, unparsed: signatures are computed over the exact bytes
        NotificationResult result = shop.payments.handleNotification(provider, req.body(), headers);
        LOG.info("{} notification: {}", provider.value(), result.disposition());
        Acknowledgement ack = result.acknowledgement();
        return new Response(ack.httpStatus(), ack.contentType() == null ? "text/plain" : ack.contentType(),
                ack.body() == null ? new byte[0] : ack.body().getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private Response refund(Request req) {
        Response signIn = signInFirst(req);
        if (signIn != null) {
            return signIn;
        }
        Order order = ownOrder(req, req.param("id"));
        List<LineAmount> lines = order.lines().stream().map(l -> LineAmount.of(l.line(), l.net().minus(l.refunded()))).toList();
        // one refund per order in this shop: the order id is the refund's idempotency key
        RefundOutcome outcome = shop.payments.refund(actor(req), order.id(), "storefront-refund", lines,
                "requested in the storefront");
        for (SandboxNotification n : shop.sandbox.deliverable()) {
            deliver(n);
        }
        return Response.redirect("/orders/" + Html.url(order.id().value()) + "?notice="
                + Html.url("Refund " + outcome.state().toLowerCase(java.util.Locale.ROOT) + "; access to the course is removed."));
    }

    private Response order(Request req) {
        Response signIn = signInFirst(req);
        if (signIn != null) {
            return signIn;
        }
        Order order = ownOrder(req, req.param("id"));
        StringBuilder b = new StringBuilder(Html.notice(req.param("notice"))).append("<div class=\"card\"><p>Status: <b id=\"order-status\">").append(Html.esc(Wording.of(order.status())))
                .append("</b></p><ul>");
        for (OrderLine line : order.lines()) {
            b.append("<li>").append(Html.esc(line.title())).append(" — ").append(Html.money(line.net())).append("</li>");
        }
        b.append("</ul><p>Total ").append(Html.money(order.total())).append("</p>");
        if (order.status() == OrderStatus.PAID) {
            for (OrderLine line : order.lines()) {
                for (CourseId course : line.courses()) {
                    b.append("<p class=\"ok\">Paid. <a id=\"start-learning\" href=\"/learn/").append(Html.esc(course.value()))
                            .append("\">Start learning</a></p>");
                }
            }
            b.append("<p class=\"muted\">Refunds are open for 14 days after payment; a refund removes the access and any "
                    + "certificate that rests on it.</p>")
                    .append(button(req, "/orders/" + order.id().value() + "/refund", "refund-button", "Request a refund", Map.of()));
        } else if (order.status() == OrderStatus.REFUNDED || order.status() == OrderStatus.PARTIALLY_REFUNDED) {
            b.append("<p id=\"refunded\">Refunded ").append(Html.money(order.refunded())).append(".</p>");
        } else {
            b.append("<p class=\"muted\">Waiting for the provider's notification. <a href=\"/orders/")
                    .append(Html.esc(order.id().value())).append("\">Refresh</a></p>");
        }
        return page(req, "Order", b.append("</div>").toString());
    }
}
