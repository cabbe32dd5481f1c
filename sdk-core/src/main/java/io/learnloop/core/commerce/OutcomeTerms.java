package io.learnloop.core.commerce;

import io.learnloop.core.money.Money;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The terms of a pay-per-outcome offer as a learner reads them, generated from the offer by {@link Offer#outcomeTerms()}
 * so that what is shown can never drift from what the scheduled job applies. Show {@link #text(Locale)} (or the
 * structured fields) wherever the offer is sold.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param kind             how the price depends on the outcome
 * @param within           the deadline after payment, or null for a fixed deadline
 * @param by               the fixed deadline, or null
 * @param payNow           what the learner pays at checkout (the offer's price; the deposit for a deposit offer)
 * @param refundShareBps   the share refunded if the work is completed but not passed (0 for a deposit offer)
 * @param refundAtList     what that share refunds at the list price (coupons lower it in proportion), zero for a
 *                         deposit offer
 * @param rest             what falls due after passing (deposit offer), or null
 * @param english          the terms in English
 * @param chinese          the terms in Simplified Chinese
 */
public record OutcomeTerms(OutcomeKind kind, Duration within, Instant by, Money payNow, int refundShareBps,
                           Money refundAtList, Money rest, String english, String chinese) {
    /**
     * The terms of an offer's condition.
     *
     * @param price     the offer's price
     * @param condition the offer's condition
     * @return the terms
     */
    static OutcomeTerms of(Money price, OutcomeCondition condition) {
        Money refund = condition.atRisk(price);
        String percent = percent(condition.refundShareBps());
        String enDeadline = condition.by() != null ? "by " + condition.by() : "within " + english(condition.within())
                + " of payment";
        String zhDeadline = condition.by() != null ? "在 " + condition.by() + " 之前" : "付款后" + chinese(condition.within())
                + "内";
        String en;
        String zh;
        if (condition.kind() == OutcomeKind.REFUND_SHARE_IF_NOT_PASSED) {
            en = "Pay " + price + " now. If you complete every required lesson " + enDeadline + " but do not pass"
                    + " (earn the course certificate) by then, " + percent + " of what you paid is refunded (" + refund
                    + " at the list price). If the required lessons are not complete by the deadline, nothing is"
                    + " refunded.";
            zh = "现付 " + price + "。若" + zhDeadline + "完成全部必修课时但截止时仍未通过（未获得课程证书），退还实付金额的 "
                    + percent + "（按标价为 " + refund + "）。若截止时必修课时未全部完成，不予退款。";
        } else {
            en = "Pay a deposit of " + price + " now. If you pass (earn the course certificate) " + enDeadline
                    + ", the rest, " + condition.rest() + ", falls due as a second order. If you do not pass by then,"
                    + " you owe nothing more and the deposit is not refunded.";
            zh = "现付定金 " + price + "。若" + zhDeadline + "通过（获得课程证书），尾款 " + condition.rest()
                    + " 将作为第二笔订单待付。若截止时未通过，无需再付，定金不退。";
        }
        return new OutcomeTerms(condition.kind(), condition.within(), condition.by(), price,
                condition.refundShareBps(), refund, condition.rest(), en, zh);
    }

    /**
     * The terms in a language: Chinese for {@code zh}, English otherwise.
     *
     * @param locale the learner's locale
     * @return the sentence
     */
    public String text(Locale locale) {
        return locale != null && "zh".equals(locale.getLanguage()) ? chinese : english;
    }

    private static String percent(int bps) {
        String whole = Integer.toString(bps / 100);
        return bps % 100 == 0 ? whole + "%" : whole + "." + String.format(Locale.ROOT, "%02d", bps % 100)
                .replaceAll("0$", "") + "%";
    }

    private static String english(Duration d) {
        if (d.toSeconds() % 86_400 == 0) {
            return plural(d.toDays(), "day");
        }
        if (d.toSeconds() % 3_600 == 0) {
            return plural(d.toHours(), "hour");
        }
        return plural(Math.max(1, d.toMinutes()), "minute");
    }

    private static String chinese(Duration d) {
        if (d.toSeconds() % 86_400 == 0) {
            return d.toDays() + " 天";
        }
        if (d.toSeconds() % 3_600 == 0) {
            return d.toHours() + " 小时";
        }
        return Math.max(1, d.toMinutes()) + " 分钟";
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
