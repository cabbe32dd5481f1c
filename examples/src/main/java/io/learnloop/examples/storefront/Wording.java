package io.learnloop.examples.storefront;

import io.learnloop.community.SpaceKind;
import io.learnloop.core.access.AccessReason;
import io.learnloop.core.assessment.AttemptState;
import io.learnloop.core.assessment.Outcome;
import io.learnloop.core.commerce.OrderStatus;
import io.learnloop.core.credential.CertificateStatus;
import io.learnloop.core.learning.NoteVisibility;

import java.util.Locale;

/**
 * What the pages say for the SDK's states: words for people, not enum constants. A constant added to the SDK later
 * reads as its name in lower case until it gets its own wording here.
 *
 * <p>Thread-safe: stateless.
 */
final class Wording {
    private Wording() {
    }

    /**
     * Why a lesson is open or closed to the learner.
     *
     * @param reason the access decision's reason
     * @return the wording
     */
    static String of(AccessReason reason) {
        return switch (reason) {
            case FREE_PREVIEW -> "free preview";
            case PURCHASED -> "yours: you bought this course";
            case MEMBERSHIP -> "included in your membership";
            case GRANTED -> "yours: access granted";
            case EXPIRED -> "locked: your access has ended";
            case REVOKED -> "locked: access removed (for example after a refund)";
            case NOT_ENTITLED -> "locked: buy the course to watch";
            case COURSE_UNPUBLISHED -> "unavailable: not published";
            default -> fallback(reason);
        };
    }

    /**
     * An order's status.
     *
     * @param status the status
     * @return the wording
     */
    static String of(OrderStatus status) {
        return switch (status) {
            case CREATED -> "Created";
            case AWAITING_PAYMENT -> "Awaiting payment";
            case PAID -> "Paid";
            case PARTIALLY_REFUNDED -> "Partly refunded";
            case REFUNDED -> "Refunded";
            case CANCELLED -> "Cancelled";
            case EXPIRED -> "Expired";
            default -> fallback(status);
        };
    }

    /**
     * A certificate's status.
     *
     * @param status the status
     * @return the wording
     */
    static String of(CertificateStatus status) {
        return switch (status) {
            case ACTIVE -> "Valid";
            case REVOKED -> "Revoked";
            default -> fallback(status);
        };
    }

    /**
     * A quiz attempt's state.
     *
     * @param state the state
     * @return the wording
     */
    static String of(AttemptState state) {
        return switch (state) {
            case IN_PROGRESS -> "in progress";
            case SUBMITTED -> "submitted";
            default -> fallback(state);
        };
    }

    /**
     * How a quiz answer was graded.
     *
     * @param outcome the outcome
     * @return the wording
     */
    static String of(Outcome outcome) {
        return switch (outcome) {
            case CORRECT -> "correct";
            case PARTIAL -> "partly correct";
            case WRONG -> "wrong";
            case UNANSWERED -> "not answered";
            default -> fallback(outcome);
        };
    }

    /**
     * Who sees a note.
     *
     * @param visibility the visibility
     * @return the wording
     */
    static String of(NoteVisibility visibility) {
        return switch (visibility) {
            case PRIVATE -> "private";
            case SHARED -> "shared with the course";
            default -> fallback(visibility);
        };
    }

    /**
     * What kind of community space it is.
     *
     * @param kind the kind
     * @return the wording
     */
    static String of(SpaceKind kind) {
        return switch (kind) {
            case GENERAL -> "open to everyone";
            case COURSE -> "course space";
            case GROUP -> "study group";
            default -> fallback(kind);
        };
    }

    private static String fallback(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
