package io.learnloop.spring;

import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.identity.Actor;
import io.learnloop.payment.CheckoutRequest;
import io.learnloop.payment.PaymentFlow;
import io.learnloop.payment.PaymentSession;
import io.learnloop.payment.Payments;
import io.learnloop.payment.ProviderId;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The controller of docs/spring-boot.md: a checkout as the signed-in user. */
@RestController
class CheckoutController {
    private final Payments payments;
    private final CurrentActor currentActor;

    CheckoutController(Payments payments, CurrentActor currentActor) {
        this.payments = payments;
        this.currentActor = currentActor;
    }

    @PostMapping("/orders/{orderId}/checkout")
    PaymentSession checkout(@PathVariable String orderId) {
        Actor actor = currentActor.get();
        return payments.checkout(actor, CheckoutRequest.of(OrderId.of(orderId), ProviderId.STRIPE,
                PaymentFlow.CLIENT_SECRET, "Course purchase"));
    }
}
