package io.learnloop.payment.internal.pipeline;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.internal.paging.KeysetRecords;
import io.learnloop.core.privacy.ErasureScope;
import io.learnloop.core.privacy.PersonalDataSource;
import io.learnloop.core.store.Versioned;
import io.learnloop.payment.internal.apple.AppleRecords;

import java.util.Iterator;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The payment module's sections of a learner's export, each read one order at a time: the learner's orders come a
 * page at a time from sdk-core ({@link ErasureScope#ordersOf}), and each order's records by key through an index of
 * the order or its payment references, so no type is ever scanned and no long history sits in memory. Records are
 * written as stored: none holds a card or account number, a WeChat openid, an Alipay buyer id or logon id, a Stripe
 * customer or payment method, or the payer's IP, because the module never stores them.
 *
 * <p>Thread-safe: stateless.
 */
public final class PaymentSections {
    private PaymentSections() {
    }

    /**
     * The sections, in the order an archive lists them: {@code payment-attempts}, {@code payment-notifications},
     * {@code refund-requests}, {@code apple-transactions}, {@code apple-notifications}, {@code payouts}.
     *
     * @return the sections
     */
    public static List<PersonalDataSource> all() {
        return List.of(
                section("payment-attempts", PaymentSections::attemptsOf),
                section("payment-notifications", (ctx, order) -> attemptsOf(ctx, order).stream()
                        .flatMap(a -> ctx.read(uow -> uow.findBy(PaymentTypes.NOTIFICATION,
                                PaymentTypes.BY_REFERENCE, a.id())).stream().map(Versioned::value))
                        .toList()),
                section("refund-requests", (ctx, order) -> ctx.read(uow -> uow.findBy(PaymentTypes.REFUND,
                        PaymentTypes.BY_ORDER, order.value())).stream().map(Versioned::value).toList()),
                section("apple-transactions", AppleRecords::transactionsOf),
                section("apple-notifications", AppleRecords::notificationsOf),
                new io.learnloop.payment.internal.payout.PayoutSection());
    }

    /** An order's attempts: a handful, one per checkout that could not resume the last. */
    private static List<PaymentAttempt> attemptsOf(ServiceContext ctx, OrderId order) {
        return ctx.read(uow -> uow.findBy(PaymentTypes.ATTEMPT, "order", order.value())).stream()
                .map(Versioned::value).toList();
    }

    private static PersonalDataSource section(String name, BiFunction<ServiceContext, OrderId, List<?>> perOrder) {
        return new PersonalDataSource() {
            @Override
            public String section() {
                return name;
            }

            @Override
            public Iterator<?> records(ErasureScope scope, UserId learner) {
                // the next order is read only once the last one's records are written
                return KeysetRecords.flatten(scope.ordersOf(learner),
                        order -> perOrder.apply(scope.context(), order).iterator());
            }

            @Override
            public String toString() {
                return "PaymentSection[" + name + "]";
            }
        };
    }
}
