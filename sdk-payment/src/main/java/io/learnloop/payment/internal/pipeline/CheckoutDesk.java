package io.learnloop.payment.internal.pipeline;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OrderStatus;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.error.RemoteException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.error.Validator;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.settlement.Settlement;
import io.learnloop.payment.spi.Capability;
import io.learnloop.payment.CheckoutRequest;
import io.learnloop.payment.internal.checkout.PayerFields;
import io.learnloop.payment.spi.CreatePaymentRequest;
import io.learnloop.payment.spi.PaymentProvider;
import io.learnloop.payment.spi.PaymentReference;
import io.learnloop.payment.PaymentSession;
import io.learnloop.payment.spi.PaymentState;
import io.learnloop.payment.spi.PaymentStatus;

import java.util.Comparator;
import java.util.List;

/**
 * Checkout: starts (or resumes) a payment of an order at a provider, with a reference and idempotency key derived
 * from (order, attempt), so a repeated checkout resumes the same payment.
 *
 * <p>Thread-safe: immutable.
 */
final class CheckoutDesk {
    private final ServiceContext ctx;
    private final Settlement settlement;
    private final Providers providers;
    private final Attempts attempts;
    private final Settler settler;

    CheckoutDesk(ServiceContext ctx, Settlement settlement, Providers providers, Attempts attempts, Settler settler) {
        this.ctx = ctx;
        this.settlement = settlement;
        this.providers = providers;
        this.attempts = attempts;
        this.settler = settler;
    }

    PaymentSession checkout(Actor actor, CheckoutRequest request) {
        new Validator().notNull("actor", actor).notNull("request", request).throwIfInvalid();
        PaymentProvider provider = providers.get(request.provider());
        if (!provider.capabilities().contains(Capability.of(request.flow()))) {
            throw ValidationException.of("flow", provider.id() + " does not support " + request.flow());
        }
        Validator payer = new Validator();
        PayerFields.required(payer, request.flow(), request.payerId(), request.payerClientIp(), request.returnUrl());
        payer.throwIfInvalid();
        Order order = settlement.order(request.order());
        if (!order.learner().equals(actor.id()) && !actor.has(Role.ADMIN)) {
            throw new ForbiddenException("User '" + actor.id() + "' may not pay order " + order.id()
                    + ": only its learner (or an admin) may start its payment.");
        }
        if (order.status() == OrderStatus.CREATED) {
            order = settlement.awaitPayment(order.id());
        }
        if (order.status() != OrderStatus.AWAITING_PAYMENT) {
            throw new ConflictException(ErrorCode.INVALID_STATE, "Order " + order.id().value() + " is "
                    + order.status() + "; only CREATED or AWAITING_PAYMENT orders can be paid.");
        }
        PaymentAttempt attempt = nextAttempt(order, provider, request);
        CreatePaymentRequest create = CreatePaymentRequest.builder(attempt.merchantReference(), order.total(), request.flow())
                .description(request.description())
                .idempotencyKey(References.idempotencyKey(order.id(), "create", attempt.attempt()))
                .returnUrl(request.returnUrl()).cancelUrl(request.cancelUrl()).payerId(request.payerId())
                .payerClientIp(request.payerClientIp())
                .h5Scene(request.h5Scene())
                .expiresAt(order.expiresAt())
                .metadata("order", order.id().value())
                .build();
        try {
            PaymentSession session = provider.create(create);
            attempts.save(attempt.with(PaymentAttempt.PENDING, session.providerPaymentId(), ctx.now()));
            return session;
        } catch (RemoteException e) {
            String state = e.outcomeUnknown() ? PaymentAttempt.UNKNOWN
                    : e.isRetryable() ? PaymentAttempt.NEW : PaymentAttempt.FAILED;
            attempts.save(attempt.with(state, null, ctx.now()));
            throw e;
        }
    }

    private PaymentAttempt nextAttempt(Order order, PaymentProvider provider, CheckoutRequest request) {
        List<PaymentAttempt> all = attempts.of(order.id());
        PaymentAttempt latest = all.stream().filter(a -> a.provider().equals(provider.id().value()))
                .max(Comparator.comparingInt(PaymentAttempt::attempt)).orElse(null);
        int number = all.stream().mapToInt(PaymentAttempt::attempt).max().orElse(0) + 1;
        if (latest != null && latest.open()) {
            if (PaymentAttempt.UNKNOWN.equals(latest.state())) {
                // the last create may have reached the provider: ask before sending anything again
                PaymentStatus status = provider.query(new PaymentReference(latest.merchantReference(),
                        latest.providerPaymentId()));
                if (status.state() == PaymentState.PAID) {
                    settler.settle(latest, status.providerPaymentId(), status.amount(), provider.id(), null);
                    throw new ConflictException(ErrorCode.INVALID_STATE, "Order " + order.id().value()
                            + " was already paid through " + provider.id() + "; it is now settled.");
                }
                if (status.state() == PaymentState.CLOSED || status.state() == PaymentState.FAILED) {
                    attempts.save(latest.with(PaymentAttempt.CLOSED, null, ctx.now()));
                    return newAttempt(order, provider, request, number);
                }
                if (status.state() == PaymentState.NOT_FOUND) {
                    // Nothing the payer could pay exists under the old reference (a provider may even replay the old
                    // failure for the old key), so start afresh; reconciliation still checks the old attempt later.
                    return newAttempt(order, provider, request, number);
                }
                PaymentAttempt resumed = latest.with(PaymentAttempt.PENDING, status.providerPaymentId(), ctx.now());
                attempts.save(resumed);
                return resumed.flow().equals(request.flow().name()) ? resumed
                        : switchFlow(order, provider, request, resumed, number);
            }
            if (PaymentAttempt.PENDING.equals(latest.state()) && !latest.flow().equals(request.flow().name())) {
                return switchFlow(order, provider, request, latest, number);
            }
            // same attempt, same reference and key: the provider returns the payment it already has
            return latest;
        }
        return newAttempt(order, provider, request, number);
    }

    /**
     * The payer changed how they pay (say from a WeChat page to a mobile browser): the provider will not create a
     * payment of another kind under the same reference, so the pending one is closed, so that it can no longer be paid
     * as well, and a new attempt starts. A payment paid in the meantime is settled instead.
     */
    private PaymentAttempt switchFlow(Order order, PaymentProvider provider, CheckoutRequest request,
                                      PaymentAttempt pending, int number) {
        if (!provider.capabilities().contains(Capability.CLOSE)) {
            throw new ConflictException(ErrorCode.INVALID_STATE, "Order " + order.id().value() + " has a pending "
                    + pending.flow() + " payment at " + provider.id() + ", which cannot close it; pay with "
                    + pending.flow() + " or wait until it expires.");
        }
        PaymentReference ref = new PaymentReference(pending.merchantReference(), pending.providerPaymentId());
        try {
            provider.close(ref);
        } catch (RemoteException e) {
            // refused, perhaps because the payer has just paid: what the provider knows decides
            PaymentStatus status = provider.query(ref);
            if (status.state() == PaymentState.PAID) {
                settler.settle(pending, status.providerPaymentId(), status.amount(), provider.id(), null);
                throw new ConflictException(ErrorCode.INVALID_STATE, "Order " + order.id().value()
                        + " was already paid through " + provider.id() + "; it is now settled.");
            }
            if (status.state() != PaymentState.CLOSED && status.state() != PaymentState.NOT_FOUND) {
                throw e;
            }
        }
        attempts.save(pending.with(PaymentAttempt.CLOSED, null, ctx.now()));
        return newAttempt(order, provider, request, number);
    }

    private PaymentAttempt newAttempt(Order order, PaymentProvider provider, CheckoutRequest request, int number) {
        String ref = References.merchant(ctx.tenant(), order.id(), number);
        PaymentAttempt a = new PaymentAttempt(provider.id().value() + ":" + ref, order.id(), provider.id().value(),
                number, ref, request.flow().name(), order.total(), PaymentAttempt.NEW, null, ctx.now(), ctx.now());
        return attempts.insert(a);
    }
}
