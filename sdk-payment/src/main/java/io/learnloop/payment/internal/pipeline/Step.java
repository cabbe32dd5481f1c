package io.learnloop.payment.internal.pipeline;

import io.learnloop.core.commerce.OrderId;
import io.learnloop.payment.Disposition;

/**
 * What the pipeline did with one verified event.
 *
 * @param disposition what happened
 * @param order       the order it concerned, or null
 * @param detail      why, for logs and the review queue
 * @param recorded    whether the dedupe record was written with the change itself
 */
record Step(Disposition disposition, OrderId order, String detail, boolean recorded) {
    Step(Disposition disposition, OrderId order, String detail) {
        this(disposition, order, detail, false);
    }
}
