package io.learnloop.payment.internal.pipeline;

import io.learnloop.payment.RefundReview;

import java.util.ArrayList;
import java.util.List;

/** What the refund part of one reconciliation run did. Not thread-safe: one run's tally. */
final class RefundRun {
    final List<String> failures;
    final List<RefundReview> review = new ArrayList<>();
    int checked;
    int sent;
    int confirmed;

    RefundRun(List<String> failures) {
        this.failures = failures;
    }
}
