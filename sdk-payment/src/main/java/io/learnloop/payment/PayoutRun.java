package io.learnloop.payment;

import io.learnloop.core.error.Validator;
import io.learnloop.core.Page;

import java.util.Currency;

/**
 * One step of a payout run over the ledger's balances: payees of one currency with a positive balance, in account
 * order, paid through one provider for one period.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param provider the provider whose clearing account funds the payouts (a {@link io.learnloop.payment.spi.PayoutMode#BALANCE}
 *                 channel)
 * @param currency the currency
 * @param period   the period paid, 1 to 32 characters of {@code [0-9A-Za-z_-]} (for example {@code 2026-11}); a payee
 *                 is paid at most once per provider and period
 * @param cursor   where the previous step stopped ({@link PayoutReport#nextCursor()}), or null to start
 * @param limit    how many balances this step reads, 1 to {@value Page#MAX_LIMIT}
 */
public record PayoutRun(ProviderId provider, Currency currency, String period, String cursor, int limit) {
    /**
     * Validates.
     *
     * @param provider the provider
     * @param currency the currency
     * @param period   the period
     * @param cursor   the cursor
     * @param limit    the limit
     */
    public PayoutRun {
        new Validator().notNull("provider", provider).notNull("currency", currency).notBlank("period", period, 32)
                .check(period == null || period.matches("[0-9A-Za-z_-]+"), "period",
                        "may hold only letters, digits, '_' and '-'")
                .check(limit >= 1 && limit <= Page.MAX_LIMIT, "limit", "must be 1 to " + Page.MAX_LIMIT)
                .throwIfInvalid();
    }

    /**
     * The first step of a run.
     *
     * @param provider the provider
     * @param currency the currency
     * @param period   the period
     * @param limit    how many balances a step reads
     * @return the step
     */
    public static PayoutRun first(ProviderId provider, Currency currency, String period, int limit) {
        return new PayoutRun(provider, currency, period, null, limit);
    }

    /**
     * The next step, from where a report stopped.
     *
     * @param report the previous step's report
     * @return the step
     */
    public PayoutRun next(PayoutReport report) {
        return new PayoutRun(provider, currency, period, report.nextCursor(), limit);
    }
}
