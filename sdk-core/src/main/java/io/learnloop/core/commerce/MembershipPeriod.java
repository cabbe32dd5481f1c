package io.learnloop.core.commerce;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * How long one purchase of a membership plan lasts. Calendar months are counted in UTC, so a monthly plan bought on
 * 31 January ends on 28 or 29 February.
 *
 * <p>Thread-safe: an enum.
 */
public enum MembershipPeriod {
    /** One calendar month. */
    MONTH(1),
    /** Three calendar months. */
    QUARTER(3),
    /** Twelve calendar months. */
    YEAR(12);

    private final int months;

    MembershipPeriod(int months) {
        this.months = months;
    }

    /**
     * The number of calendar months in the period.
     *
     * @return 1, 3 or 12
     */
    public int months() {
        return months;
    }

    /**
     * When a period that starts at {@code start} ends.
     *
     * @param start the start
     * @return the end (exclusive)
     */
    public Instant endOf(Instant start) {
        return start.atOffset(ZoneOffset.UTC).plusMonths(months).toInstant();
    }
}
