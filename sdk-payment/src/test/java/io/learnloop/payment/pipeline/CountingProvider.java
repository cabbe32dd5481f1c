package io.learnloop.payment.pipeline;

import io.learnloop.payment.Acknowledgement;
import io.learnloop.payment.spi.Capability;
import io.learnloop.payment.spi.CreatePaymentRequest;
import io.learnloop.payment.NotificationOutcome;
import io.learnloop.payment.spi.PaymentProvider;
import io.learnloop.payment.spi.PaymentReference;
import io.learnloop.payment.PaymentSession;
import io.learnloop.payment.spi.PaymentStatus;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.spi.RefundQuery;
import io.learnloop.payment.spi.RefundRequest;
import io.learnloop.payment.spi.RefundResult;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/** A provider that passes every call to another one and records the refund requests and queries and counts the notifications it saw. */
final class CountingProvider implements PaymentProvider {
    private final PaymentProvider delegate;
    final List<RefundRequest> refunds = new CopyOnWriteArrayList<>();
    final List<RefundQuery> refundQueries = new CopyOnWriteArrayList<>();
    /** How many notifications were handed to the provider to parse. */
    final AtomicInteger notificationsParsed = new AtomicInteger();
    /** Runs after each refund query has been answered, before the caller sees the answer. */
    volatile Runnable afterRefundQuery = () -> { };
    /** Rewrites each refund query's answer, as a provider whose records disagree with ours would answer. */
    volatile UnaryOperator<RefundResult> refundQueryAnswer = r -> r;
    /** Runs after each refund has been made at the provider, before the caller sees the answer. */
    volatile Runnable afterRefund = () -> { };

    CountingProvider(PaymentProvider delegate) {
        this.delegate = delegate;
    }

    @Override
    public ProviderId id() {
        return delegate.id();
    }

    @Override
    public Set<Capability> capabilities() {
        return delegate.capabilities();
    }

    @Override
    public PaymentSession create(CreatePaymentRequest request) {
        return delegate.create(request);
    }

    @Override
    public PaymentStatus query(PaymentReference payment) {
        return delegate.query(payment);
    }

    @Override
    public void close(PaymentReference payment) {
        delegate.close(payment);
    }

    @Override
    public RefundResult refund(RefundRequest request) {
        refunds.add(request);
        RefundResult result = delegate.refund(request);
        afterRefund.run();
        return result;
    }

    @Override
    public RefundResult queryRefund(RefundQuery query) {
        refundQueries.add(query);
        RefundResult result = refundQueryAnswer.apply(delegate.queryRefund(query));
        afterRefundQuery.run();
        return result;
    }

    @Override
    public NotificationOutcome parseNotification(byte[] body, Map<String, String> headers) {
        notificationsParsed.incrementAndGet();
        return delegate.parseNotification(body, headers);
    }

    @Override
    public Acknowledgement acknowledge(NotificationOutcome outcome) {
        return delegate.acknowledge(outcome);
    }
}
