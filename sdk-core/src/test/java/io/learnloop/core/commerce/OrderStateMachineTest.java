package io.learnloop.core.commerce;

import io.learnloop.core.Page;
import io.learnloop.core.testing.Staff;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.money.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static io.learnloop.core.commerce.CommerceFixture.cny;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderStateMachineTest {
    private final CommerceFixture f = new CommerceFixture();
    private final Offer java = f.course("Java", cny("100.00"));
    private final Offer go = f.course("Go", cny("50.00"));
    private int keys;

    /** The operations that move an order, each named by the state it moves to. */
    private Map<OrderStatus, Function<Order, Order>> operations() {
        Map<OrderStatus, Function<Order, Order>> ops = new EnumMap<>(OrderStatus.class);
        ops.put(OrderStatus.AWAITING_PAYMENT, o -> f.orders.startPayment(o.id()));
        ops.put(OrderStatus.PAID, o -> f.orders.markPaid(o.id(), new PaymentReceipt("sandbox", "pay-1", o.total())));
        ops.put(OrderStatus.PARTIALLY_REFUNDED, o -> f.orders.refund(o.id(), new RefundRequest("r-" + keys++,
                List.of(LineAmount.of(1, cny("1.00"))), null)));
        ops.put(OrderStatus.REFUNDED, o -> f.orders.refund(o.id(), new RefundRequest("r-" + keys++,
                o.lines().stream().map(l -> LineAmount.of(l.line(), l.refundable().isZero() ? cny("0.01")
                        : l.refundable())).toList(), null)));
        ops.put(OrderStatus.CANCELLED, o -> f.commerce.cancel(f.learner, o.id()));
        ops.put(OrderStatus.EXPIRED, o -> {
            f.clock.advance(Duration.ofHours(1));
            return f.orders.expire(o.id());
        });
        return ops;
    }

    /** Drives a new order into a state through legal transitions. */
    private Order orderIn(OrderStatus status) {
        Order o = f.commerce.placeOrder(f.learner, PlaceOrder.of("key-" + keys++, java.id(), go.id()));
        Map<OrderStatus, Function<Order, Order>> ops = operations();
        return switch (status) {
            case CREATED -> o;
            case AWAITING_PAYMENT -> ops.get(OrderStatus.AWAITING_PAYMENT).apply(o);
            case PAID -> ops.get(OrderStatus.PAID).apply(orderIn(OrderStatus.AWAITING_PAYMENT));
            case PARTIALLY_REFUNDED -> ops.get(OrderStatus.PARTIALLY_REFUNDED).apply(orderIn(OrderStatus.PAID));
            case REFUNDED -> ops.get(OrderStatus.REFUNDED).apply(orderIn(OrderStatus.PAID));
            case CANCELLED -> ops.get(OrderStatus.CANCELLED).apply(o);
            case EXPIRED -> ops.get(OrderStatus.EXPIRED).apply(o);
        };
    }

    @ParameterizedTest
    @EnumSource(OrderStatus.class)
    void transition_whenNotAllowedFromState_throwsInvalidStateAndChangesNothing(OrderStatus from) {
        for (Map.Entry<OrderStatus, Function<Order, Order>> op : operations().entrySet()) {
            OrderStatus to = op.getKey();
            if (from.canMoveTo(to)) {
                continue;
            }
            Order before = orderIn(from);
            int eventsBefore = f.events.size();
            assertThatThrownBy(() -> op.getValue().apply(before)).as(from + " -> " + to)
                    .isInstanceOf(ConflictException.class)
                    .satisfies(e -> assertThat(((ConflictException) e).code()).isEqualTo(ErrorCode.INVALID_STATE))
                    .hasMessageContaining(from.name());
            assertThat(f.orders.order(before.id())).as(from + " -> " + to + " leaves the order").isEqualTo(before);
            assertThat(f.events).hasSize(eventsBefore);
        }
    }

    @ParameterizedTest
    @EnumSource(OrderStatus.class)
    void transition_whenAllowedFromState_movesAndPublishesOneEvent(OrderStatus from) {
        for (Map.Entry<OrderStatus, Function<Order, Order>> op : operations().entrySet()) {
            if (!from.canMoveTo(op.getKey())) {
                continue;
            }
            Order before = orderIn(from);
            int eventsBefore = f.events.size();
            Order after = op.getValue().apply(before);
            assertThat(after.status()).isEqualTo(op.getKey());
            assertThat(f.orders.order(before.id())).isEqualTo(after);
            assertThat(f.events).hasSize(eventsBefore + 1);
            assertThat(f.events.get(eventsBefore).aggregateId()).isEqualTo(before.id().value());
            assertThat(f.events.get(eventsBefore).get("previousStatus") == null
                    || f.events.get(eventsBefore).get("previousStatus").equals(from.name())).isTrue();
        }
    }

    @Test
    void statusTable_whenRead_matchesTheDocumentedMachine() {
        assertThat(OrderStatus.CREATED.next()).containsExactlyInAnyOrder(OrderStatus.AWAITING_PAYMENT,
                OrderStatus.CANCELLED, OrderStatus.EXPIRED);
        assertThat(OrderStatus.AWAITING_PAYMENT.next()).containsExactlyInAnyOrder(OrderStatus.PAID,
                OrderStatus.CANCELLED, OrderStatus.EXPIRED);
        assertThat(OrderStatus.PAID.next()).containsExactlyInAnyOrder(OrderStatus.PARTIALLY_REFUNDED,
                OrderStatus.REFUNDED);
        assertThat(OrderStatus.REFUNDED.isFinal()).isTrue();
        assertThat(OrderStatus.CANCELLED.isFinal()).isTrue();
        assertThat(OrderStatus.EXPIRED.isFinal()).isTrue();
    }

    @Test
    void ordersIn_whenStatesDiffer_pagesEachStateMostRecentlyChangedFirst() {
        Order a = orderIn(OrderStatus.CREATED);
        Order b = orderIn(OrderStatus.AWAITING_PAYMENT);
        f.clock.advance(Duration.ofSeconds(1));
        Order c = orderIn(OrderStatus.AWAITING_PAYMENT);
        Page<Order> first = f.commerce.ordersIn(Staff.FINANCE, OrderStatus.AWAITING_PAYMENT, null, 1);
        assertThat(first.items()).extracting(Order::id).containsExactly(c.id());
        Page<Order> second = f.commerce.ordersIn(Staff.FINANCE, OrderStatus.AWAITING_PAYMENT, first.nextCursor(), 1);
        assertThat(second.items()).extracting(Order::id).containsExactly(b.id());
        assertThat(second.hasNext()).isFalse();
        assertThat(f.commerce.ordersIn(Staff.FINANCE, OrderStatus.CREATED, null, 10).items()).extracting(Order::id)
                .containsExactly(a.id());
        assertThatThrownBy(() -> f.commerce.ordersIn(Staff.FINANCE, OrderStatus.PAID, null, 1001))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> f.commerce.ordersIn(f.learner, OrderStatus.PAID, null, 10))
                .isInstanceOf(io.learnloop.core.error.ForbiddenException.class);
    }

    @Test
    void expire_whenDeadlineNotReached_throwsInvalidState() {
        Order o = f.commerce.placeOrder(f.learner, PlaceOrder.of("k", java.id()));
        assertThatThrownBy(() -> f.orders.expire(o.id())).isInstanceOf(ConflictException.class)
                .hasMessageContaining(o.expiresAt().toString());
        f.clock.advance(Duration.ofMinutes(30));
        assertThat(f.orders.expire(o.id()).status()).isEqualTo(OrderStatus.EXPIRED);
    }

    @Test
    void markPaid_whenAmountDiffers_throwsValidationAndStaysAwaiting() {
        Order o = f.orders.startPayment(f.commerce.placeOrder(f.learner, PlaceOrder.of("k", java.id())).id());
        assertThatThrownBy(() -> f.orders.markPaid(o.id(), new PaymentReceipt("stripe", "pi_1", cny("99.99"))))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).fields()).containsExactly("receipt.amount"));
        assertThatThrownBy(() -> f.orders.markPaid(o.id(),
                new PaymentReceipt("stripe", "pi_1", Money.ofMinor(10000, "USD"))))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).fields()).containsExactly("receipt.amount"));
        assertThat(f.orders.order(o.id())).isEqualTo(o);
        Order paid = f.orders.markPaid(o.id(), new PaymentReceipt("stripe", "pi_1", cny("100.00")));
        assertThat(paid.paidAt()).isEqualTo(CommerceFixture.T0);
        assertThat(paid.payment().reference()).isEqualTo("pi_1");
    }

    @Test
    void cancel_whenNotTheLearner_throwsForbiddenAndChangesNothing() {
        Order o = f.commerce.placeOrder(f.learner, PlaceOrder.of("k", java.id()));
        assertThatThrownBy(() -> f.commerce.cancel(Actor.learner("someone-else"), o.id()))
                .isInstanceOf(ForbiddenException.class);
        assertThat(f.orders.order(o.id())).isEqualTo(o);
        assertThat(f.commerce.cancel(f.admin, o.id()).status()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void refund_whenLinesRefundedStepByStep_neverExceedsWhatWasPaid() {
        Order paid = orderIn(OrderStatus.PAID);
        Order partial = f.orders.refund(paid.id(), new RefundRequest("r1",
                List.of(LineAmount.of(1, cny("60.00"))), "changed mind"));
        assertThat(partial.status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
        assertThat(partial.line(1).refundable()).isEqualTo(cny("40.00"));
        assertThatThrownBy(() -> f.orders.refund(paid.id(), new RefundRequest("r2",
                List.of(LineAmount.of(1, cny("40.01"))), null)))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).fields()).containsExactly("lines[0].amount"));
        assertThat(f.orders.order(paid.id())).isEqualTo(partial);
        // the same refund key again is a no-op
        assertThat(f.orders.refund(paid.id(), new RefundRequest("r1",
                List.of(LineAmount.of(1, cny("60.00"))), "changed mind"))).isEqualTo(partial);
        assertThatThrownBy(() -> f.orders.refund(paid.id(), new RefundRequest("r1",
                List.of(LineAmount.of(1, cny("1.00"))), null))).isInstanceOf(ConflictException.class)
                .satisfies(e -> assertThat(((ConflictException) e).code()).isEqualTo(ErrorCode.DUPLICATE_KEY));
        Order done = f.orders.refund(paid.id(), new RefundRequest("r3",
                List.of(LineAmount.of(1, cny("40.00")), LineAmount.of(2, cny("50.00"))), null));
        assertThat(done.status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(done.refunded()).isEqualTo(done.total());
        assertThat(done.refunds()).hasSize(2);
        assertThat(f.eventTypes()).contains("order.partially_refunded", "order.refunded");
    }
}
