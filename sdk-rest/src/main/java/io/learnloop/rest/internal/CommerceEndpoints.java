package io.learnloop.rest.internal;

import io.learnloop.core.Learnloop;
import io.learnloop.core.commerce.OfferId;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.commerce.PlaceOrder;
import io.learnloop.core.commerce.Quote;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.identity.Actor;
import io.learnloop.payment.CheckoutRequest;
import io.learnloop.payment.PaymentFlow;
import io.learnloop.payment.Payments;
import io.learnloop.payment.ProviderId;
import io.learnloop.rest.Route;

import java.util.List;

/** Quotes, orders and their status, checkout. */
final class CommerceEndpoints {
    private final Learnloop learnloop;
    private final Payments payments;

    CommerceEndpoints(Learnloop learnloop, Payments payments) {
        this.learnloop = learnloop;
        this.payments = payments;
    }

    void register(Router.Builder routes) {
        routes.post("/quotes", "createQuote", Route.Access.SIGNED_IN,
                        Doc.one("Prices offers and coupons for the caller without placing an order", Quote.class)
                                .reads(Views.OrderBody.class), this::quote)
                .postMovingMoney("/orders", "placeOrder",
                        Doc.one("Places an order for the caller", Order.class).reads(Views.OrderBody.class).creates(),
                        this::placeOrder)
                .get("/orders", "listMyOrders", Route.Access.SIGNED_IN, Doc.page("The caller's orders", Order.class),
                        this::myOrders)
                .get("/orders/{orderId}", "getOrder", Route.Access.SIGNED_IN,
                        Doc.one("One of the caller's orders, with its status", Order.class), this::order)
                .post("/orders/{orderId}/cancel", "cancelOrder", Route.Access.SIGNED_IN,
                        Doc.one("Cancels an unpaid order", Order.class), this::cancel)
                .postMovingMoney("/orders/{orderId}/checkout", "checkout",
                        Doc.one("Starts or resumes paying an order; answers what the provider's front end needs",
                                Views.Checkout.class).reads(Views.CheckoutBody.class).problems(501, 502, 504),
                        this::checkout);
    }

    private static PlaceOrder request(String clientKey, Views.OrderBody body) {
        if (body.offers() == null || body.offers().isEmpty()) {
            throw ValidationException.of("offers", "name at least one offer id");
        }
        List<OfferId> offers = body.offers().stream().map(id -> {
            if (id == null) {
                throw ValidationException.of("offers", "must not hold null");
            }
            return OfferId.of(id);
        }).toList();
        return new PlaceOrder(clientKey, offers, body.coupons());
    }

    private Reply quote(Call call) {
        Actor actor = call.actor();
        // A quote places nothing, so its client key only has to pass the request's validation.
        return Reply.ok(learnloop.commerce().quote(actor, request("quote", call.body(Views.OrderBody.class))));
    }

    private Reply placeOrder(Call call) {
        Actor actor = call.actor();
        // The idempotency key is the order's client key too, so even two racing repeats place one order.
        Order order = learnloop.commerce().placeOrder(actor,
                request(Idempotency.key(call), call.body(Views.OrderBody.class)));
        return Reply.created(order, "/orders/" + order.id().value());
    }

    private Reply myOrders(Call call) {
        Actor actor = call.actor();
        return Reply.ok(learnloop.commerce().ordersOf(actor, actor.id(), call.cursor(), call.limit()));
    }

    private Reply order(Call call) {
        return Reply.ok(learnloop.commerce().order(call.actor(), OrderId.of(call.param("orderId"))));
    }

    private Reply cancel(Call call) {
        return Reply.ok(learnloop.commerce().cancel(call.actor(), OrderId.of(call.param("orderId"))));
    }

    private Reply checkout(Call call) {
        Actor actor = call.actor();
        Views.CheckoutBody body = call.body(Views.CheckoutBody.class);
        if (payments == null) {
            throw new RestFailure(501, "CONFIGURATION", "This server takes no payments: the host configured no"
                    + " payment provider for the API.");
        }
        if (body.provider() == null || body.provider().isBlank()) {
            throw ValidationException.of("provider", "is required, for example \"stripe\"");
        }
        OrderId orderId = OrderId.of(call.param("orderId"));
        // Read first, so another learner's order is refused before anything reaches a provider.
        Order order = learnloop.commerce().order(actor, orderId);
        String description = body.description() != null ? body.description()
                : order.lines().get(0).title();
        CheckoutRequest request = new CheckoutRequest(orderId, new ProviderId(body.provider()), body.flow(),
                description.length() > 127 ? description.substring(0, 127) : description, body.returnUrl(),
                body.cancelUrl(), body.payerId(), body.flow() == PaymentFlow.H5 ? call.request().clientAddress() : null);
        return Reply.ok(Views.Checkout.of(payments.checkout(actor, request)));
    }
}
