package io.learnloop.payment.apple;

import io.learnloop.core.commerce.MembershipPeriod;
import io.learnloop.core.commerce.MembershipTerms;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.OfferDraft;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OrderStatus;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.ledger.Balance;
import io.learnloop.core.ledger.LedgerAccount;
import io.learnloop.core.money.Money;
import io.learnloop.core.subscription.DunningPolicy;
import io.learnloop.core.subscription.Subscription;
import io.learnloop.core.subscription.SubscriptionStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AppleNotificationsTest {
    private static final String SUBSCRIPTION = "Auto-Renewable Subscription";

    private final AppleFixture fx = new AppleFixture();
    private final AppleInAppPurchases apple = fx.apple();
    private final AppleTestPki.Chain chain = AppleFixture.PKI.chain();

    private AppleNotificationResult send(String type, String subtype, String uuid, Map<String, Object> transaction,
                                         Map<String, Object> renewal) {
        return apple.handleNotification(body(type, subtype, uuid, transaction, renewal));
    }

    private byte[] body(String type, String subtype, String uuid, Map<String, Object> transaction,
                        Map<String, Object> renewal) {
        String st = transaction == null ? null : AppleSigned.sign(transaction, chain);
        String sr = renewal == null ? null : AppleSigned.sign(renewal, chain);
        return AppleSigned.body(AppleSigned.sign(
                AppleSigned.notification(type, subtype, uuid, fx.clock.instant(), st, sr), chain));
    }

    private static Map<String, Object> course(String id, Instant at) {
        return AppleSigned.transaction(id, id, "course.java", "Non-Consumable", at, null, 9990);
    }

    private static Map<String, Object> month(String id, String original, Instant from, Instant to) {
        return AppleSigned.transaction(id, original, "pro.monthly", SUBSCRIPTION, from, to, 4990);
    }

    private int ordersOfLena() {
        return fx.learnloop.commerce().ordersOf(Actor.learner("lena"), AppleFixture.LENA, null, 50).items().size();
    }

    private void assertLedgerBalances() {
        Money sum = Money.sum(AppleFixture.USD, fx.balances().stream().map(Balance::amount).toList());
        assertThat(sum).isEqualTo(Money.zero(AppleFixture.USD));
    }

    @Test
    void handleNotification_whenOneTimeChargeVerified_paysTheOrderGrantsAccessAndBooksAppleCommission() {
        Instant now = fx.clock.instant();

        AppleNotificationResult r = send("ONE_TIME_CHARGE", null, "n-1", course("2000000001", now), null);

        assertThat(r.disposition()).as(r.detail()).isEqualTo(AppleDisposition.SETTLED);
        Order order = fx.learnloop.settlement().order(r.order());
        assertThat(order.status()).isEqualTo(OrderStatus.PAID);
        assertThat(order.learner()).isEqualTo(AppleFixture.LENA);
        assertThat(order.payment().provider()).isEqualTo(AppleConfig.CHANNEL);
        assertThat(order.payment().reference()).isEqualTo("2000000001");
        assertThat(fx.hasAccess(now.plus(Duration.ofDays(400)))).isTrue();
        // 9.99: Apple keeps 30% (2.997, which the largest remainder rounds to 3.00); of the 6.99 left the platform
        // takes 20% (1.398, rounded to 1.40) and the creator the other 5.59
        Money gross = Money.ofMinor(999, "USD");
        Money fee = fx.channelFee();
        assertThat(fee).isEqualTo(gross.allocate(3000, 7000).get(0));
        Money rest = gross.minus(fee);
        assertThat(fx.balance(LedgerAccount.clearing(AppleConfig.CHANNEL))).isEqualTo(gross.negate());
        assertThat(fx.balance(LedgerAccount.PLATFORM)).isEqualTo(rest.allocate(2000, 8000).get(0));
        assertThat(fx.balance(LedgerAccount.creator(UserId.of("ada")))).isEqualTo(rest.allocate(2000, 8000).get(1));
        assertLedgerBalances();
    }

    @Test
    void handleNotification_whenSameNotificationUuidComesTwice_settlesOnce() {
        Instant now = fx.clock.instant();
        AppleNotificationResult first = send("ONE_TIME_CHARGE", null, "n-dup", course("2000000002", now), null);
        Money feeAfterFirst = fx.channelFee();

        AppleNotificationResult second = send("ONE_TIME_CHARGE", null, "n-dup", course("2000000002", now), null);

        assertThat(first.disposition()).isEqualTo(AppleDisposition.SETTLED);
        assertThat(second.disposition()).isEqualTo(AppleDisposition.DUPLICATE);
        assertThat(second.order()).isEqualTo(first.order());
        assertThat(second.httpStatus()).isEqualTo(200);
        assertThat(ordersOfLena()).isEqualTo(1);
        assertThat(fx.channelFee()).isEqualTo(feeAfterFirst);
    }

    @Test
    void handleNotification_whenTheSameTransactionComesUnderAnotherUuid_findsItsOrderSettled() {
        Instant now = fx.clock.instant();
        send("ONE_TIME_CHARGE", null, "n-a", course("2000000003", now), null);

        AppleNotificationResult again = send("ONE_TIME_CHARGE", null, "n-b", course("2000000003", now), null);

        assertThat(again.disposition()).isEqualTo(AppleDisposition.ALREADY_SETTLED);
        assertThat(ordersOfLena()).isEqualTo(1);
    }

    @Test
    void handleNotification_whenSubscriptionRenewsThenExpires_stacksOnePeriodPerRenewalOnTheCoreSubscription() {
        Instant t0 = fx.clock.instant();
        Instant e1 = AppleFixture.monthAfter(t0);
        Instant e2 = AppleFixture.monthAfter(e1);

        AppleNotificationResult subscribed = send("SUBSCRIBED", "INITIAL_BUY", "n-sub", month("3001", "3001", t0, e1),
                null);
        fx.clock.set(e1.minus(Duration.ofHours(20)));
        // Apple renews up to a day before the period ends; the renewal carries no account token
        Map<String, Object> renewal = month("3002", "3001", e1, e2);
        renewal.remove("appAccountToken");
        AppleNotificationResult renewed = send("DID_RENEW", null, "n-renew", renewal, null);
        fx.clock.set(e2.plusSeconds(60));
        AppleNotificationResult expired = send("EXPIRED", "VOLUNTARY", "n-expired", month("3002", "3001", e1, e2),
                null);

        assertThat(subscribed.disposition()).as(subscribed.detail()).isEqualTo(AppleDisposition.SETTLED);
        assertThat(renewed.disposition()).as(renewed.detail()).isEqualTo(AppleDisposition.SETTLED);
        assertThat(expired.disposition()).as(expired.detail()).isEqualTo(AppleDisposition.LAPSED);
        Subscription s = fx.subscription("3001");
        assertThat(s.paidPeriods()).isEqualTo(2);
        assertThat(s.periodStart()).isEqualTo(e1);
        assertThat(s.periodEnd()).isEqualTo(e2);
        assertThat(s.status()).isEqualTo(SubscriptionStatus.CANCELED);
        assertThat(s.endedAt()).isEqualTo(e2.plusSeconds(60));
        assertThat(fx.hasAccess(t0)).isTrue();
        assertThat(fx.hasAccess(e1.minusMillis(1))).isTrue();
        assertThat(fx.hasAccess(e1)).isTrue();
        assertThat(fx.hasAccess(e2.minusMillis(1))).isTrue();
        assertThat(fx.hasAccess(e2)).isFalse();
        assertThat(ordersOfLena()).isEqualTo(2);
        // 4.99 twice at the reduced 15%: 0.7485 rounds to 0.75 each time
        assertThat(fx.channelFee()).isEqualTo(Money.ofMinor(499, "USD").allocate(1500, 8500).get(0).times(2));
        assertLedgerBalances();
    }

    @Test
    void handleNotification_whenAppleExpiresTheSubscriptionInItsGracePeriod_endsAccessAtThatInstant() {
        Instant t0 = fx.clock.instant();
        Instant e1 = AppleFixture.monthAfter(t0);
        send("SUBSCRIBED", "INITIAL_BUY", "n-sub", month("3051", "3051", t0, e1), null);
        fx.clock.set(e1.plus(Duration.ofDays(2)));
        send("DID_FAIL_TO_RENEW", "GRACE_PERIOD", "n-fail", month("3051", "3051", t0, e1),
                AppleSigned.renewal("3051", "pro.monthly", e1.plus(Duration.ofDays(16)), fx.clock.instant()));
        fx.clock.set(e1.plus(Duration.ofDays(5)));
        Instant expiredAt = fx.clock.instant();

        AppleNotificationResult r = send("EXPIRED", "BILLING_RETRY", "n-expired", month("3051", "3051", t0, e1),
                null);

        assertThat(r.disposition()).as(r.detail()).isEqualTo(AppleDisposition.LAPSED);
        assertThat(fx.subscription("3051").status()).isEqualTo(SubscriptionStatus.CANCELED);
        assertThat(fx.hasAccess(expiredAt.minusMillis(1))).isTrue();
        assertThat(fx.hasAccess(expiredAt)).isFalse();
        assertThat(ordersOfLena()).isEqualTo(1);
    }

    @Test
    void handleNotification_whenRenewalFailsWithGracePeriod_keepsAccessUntilTheGracePeriodEnds() {
        Instant t0 = fx.clock.instant();
        Instant e1 = AppleFixture.monthAfter(t0);
        Instant graceEnd = e1.plus(Duration.ofDays(16));
        send("SUBSCRIBED", "INITIAL_BUY", "n-sub", month("3101", "3101", t0, e1), null);
        fx.clock.set(e1.plusSeconds(10));

        AppleNotificationResult r = send("DID_FAIL_TO_RENEW", "GRACE_PERIOD", "n-grace",
                month("3101", "3101", t0, e1), AppleSigned.renewal("3101", "pro.monthly", graceEnd, fx.clock.instant()));
        AppleNotificationResult repeated = send("DID_FAIL_TO_RENEW", "GRACE_PERIOD", "n-grace-2",
                month("3101", "3101", t0, e1), AppleSigned.renewal("3101", "pro.monthly", graceEnd, fx.clock.instant()));

        assertThat(r.disposition()).as(r.detail()).isEqualTo(AppleDisposition.GRACE_PERIOD_GRANTED);
        assertThat(repeated.disposition()).isEqualTo(AppleDisposition.GRACE_PERIOD_GRANTED);
        Subscription s = fx.subscription("3101");
        assertThat(s.status()).isEqualTo(SubscriptionStatus.PAST_DUE);
        assertThat(s.graceEndsAt()).isEqualTo(graceEnd);
        assertThat(fx.hasAccess(e1.plus(Duration.ofDays(15)))).isTrue();
        assertThat(fx.hasAccess(graceEnd.minusMillis(1))).isTrue();
        assertThat(fx.hasAccess(graceEnd)).isFalse();
        assertThat(ordersOfLena()).isEqualTo(1);
    }

    @Test
    void handleNotification_whenRenewalRecoversInTheBillingGracePeriod_continuesWithNoGapAndNoSecondPeriod() {
        Instant t0 = fx.clock.instant();
        Instant e1 = AppleFixture.monthAfter(t0);
        Instant e2 = AppleFixture.monthAfter(e1);
        send("SUBSCRIBED", "INITIAL_BUY", "n-sub", month("3151", "3151", t0, e1), null);
        fx.clock.set(e1.plus(Duration.ofHours(2)));
        send("DID_FAIL_TO_RENEW", "GRACE_PERIOD", "n-fail", month("3151", "3151", t0, e1),
                AppleSigned.renewal("3151", "pro.monthly", e1.plus(Duration.ofDays(16)), fx.clock.instant()));
        fx.clock.set(e1.plus(Duration.ofDays(3)));
        // Apple's recovered transaction keeps the renewal date within the grace period
        Map<String, Object> recovered = month("3152", "3151", e1, e2);
        recovered.remove("appAccountToken");

        AppleNotificationResult r = send("DID_RENEW", "BILLING_RECOVERY", "n-recovered", recovered, null);
        AppleNotificationResult again = send("DID_RENEW", "BILLING_RECOVERY", "n-recovered-again", recovered, null);

        assertThat(r.disposition()).as(r.detail()).isEqualTo(AppleDisposition.SETTLED);
        assertThat(again.disposition()).isEqualTo(AppleDisposition.ALREADY_SETTLED);
        Subscription s = fx.subscription("3151");
        assertThat(s.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(s.graceEndsAt()).isNull();
        assertThat(s.paidPeriods()).isEqualTo(2);
        assertThat(s.periodStart()).isEqualTo(e1);
        assertThat(s.periodEnd()).isEqualTo(e2);
        // no gap between the periods, and the grace days are not paid for a second time at the end
        assertThat(fx.hasAccess(e1)).isTrue();
        assertThat(fx.hasAccess(e1.plus(Duration.ofDays(1)))).isTrue();
        assertThat(fx.hasAccess(e2.minusMillis(1))).isTrue();
        assertThat(fx.hasAccess(e2)).isFalse();
        assertThat(ordersOfLena()).isEqualTo(2);
        assertThat(fx.channelFee()).isEqualTo(Money.ofMinor(499, "USD").allocate(1500, 8500).get(0).times(2));
        assertLedgerBalances();
    }

    @Test
    void handleNotification_whenRenewalFailsWithoutGracePeriod_endsAccessAtTheExpiryDate() {
        AppleInAppPurchases strict = AppleInAppPurchases.builder(fx.learnloop,
                fx.config().dunning(DunningPolicy.none()).build()).build();
        Instant t0 = fx.clock.instant();
        Instant e1 = AppleFixture.monthAfter(t0);
        strict.handleNotification(body("SUBSCRIBED", "INITIAL_BUY", "n-sub", month("3201", "3201", t0, e1), null));
        fx.clock.set(e1.plusSeconds(10));

        AppleNotificationResult r = strict.handleNotification(body("DID_FAIL_TO_RENEW", null, "n-fail",
                month("3201", "3201", t0, e1), AppleSigned.renewal("3201", "pro.monthly", null, fx.clock.instant())));

        assertThat(r.disposition()).as(r.detail()).isEqualTo(AppleDisposition.LAPSED);
        assertThat(fx.subscription("3201").status()).isEqualTo(SubscriptionStatus.EXPIRED);
        assertThat(fx.subscription("3201").endedAt()).isEqualTo(e1);
        assertThat(fx.hasAccess(e1.minusMillis(1))).isTrue();
        assertThat(fx.hasAccess(e1)).isFalse();
    }

    @Test
    void handleNotification_whenAutoRenewIsTurnedOff_cancelsAtPeriodEndAndExpiresAtThatInstant() {
        Instant t0 = fx.clock.instant();
        Instant e1 = AppleFixture.monthAfter(t0);
        send("SUBSCRIBED", "INITIAL_BUY", "n-sub", month("3251", "3251", t0, e1), null);
        fx.advance(Duration.ofDays(10));
        Map<String, Object> off = AppleSigned.renewal("3251", "pro.monthly", null, fx.clock.instant());
        off.put("autoRenewStatus", 0);

        AppleNotificationResult r = send("DID_CHANGE_RENEWAL_STATUS", "AUTO_RENEW_DISABLED", "n-off",
                month("3251", "3251", t0, e1), off);
        fx.clock.set(e1.plusSeconds(1));
        fx.learnloop.runScheduledJobs();

        assertThat(r.disposition()).as(r.detail()).isEqualTo(AppleDisposition.RENEWAL_CHANGED);
        Subscription s = fx.subscription("3251");
        assertThat(s.cancelAtPeriodEnd()).isTrue();
        assertThat(s.status()).isEqualTo(SubscriptionStatus.EXPIRED);
        assertThat(s.endedAt()).isEqualTo(e1);
        assertThat(fx.hasAccess(e1.minusMillis(1))).isTrue();
        assertThat(fx.hasAccess(e1)).isFalse();
    }

    @Test
    void handleNotification_whenLapsedSubscriberResubscribes_opensANewCoreSubscriptionForTheSameAppleOne() {
        AppleInAppPurchases strict = AppleInAppPurchases.builder(fx.learnloop,
                fx.config().dunning(DunningPolicy.none()).build()).build();
        Instant t0 = fx.clock.instant();
        Instant e1 = AppleFixture.monthAfter(t0);
        strict.handleNotification(body("SUBSCRIBED", "INITIAL_BUY", "n-sub", month("3301", "3301", t0, e1), null));
        fx.clock.set(e1.plus(Duration.ofDays(40)));
        fx.learnloop.runScheduledJobs();
        Instant back = fx.clock.instant();

        AppleNotificationResult r = strict.handleNotification(body("SUBSCRIBED", "RESUBSCRIBE", "n-resub",
                month("3302", "3301", back, AppleFixture.monthAfter(back)), null));

        assertThat(r.disposition()).as(r.detail()).isEqualTo(AppleDisposition.SETTLED);
        assertThat(fx.subscription("3301").status()).isEqualTo(SubscriptionStatus.EXPIRED);
        Subscription again = fx.subscription("3301:3302");
        assertThat(again.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(again.periodStart()).isEqualTo(back);
        assertThat(fx.hasAccess(e1.plus(Duration.ofDays(1)))).isFalse();
        assertThat(fx.hasAccess(back)).isTrue();
        assertThat(ordersOfLena()).isEqualTo(2);
    }

    @Test
    void handleNotification_whenSubscriberChangesPlan_endsTheOldPlansSubscriptionAndOpensTheNewPlans() {
        Offer plus = fx.learnloop.commerce().createOffer(AppleFixture.CREATOR, OfferDraft.membership("Pro Plus",
                Money.ofMinor(999, "USD"), new MembershipTerms(MembershipPeriod.MONTH, 0, List.of(fx.java.id()),
                        List.of())));
        AppleInAppPurchases both = AppleInAppPurchases.builder(fx.learnloop, fx.config()
                .product(new AppleProduct("pro.plus.monthly", plus.id(), AppleProduct.REDUCED_COMMISSION_BPS))
                .build()).build();
        Instant t0 = fx.clock.instant();
        both.handleNotification(body("SUBSCRIBED", "INITIAL_BUY", "n-sub", month("3501", "3501", t0,
                AppleFixture.monthAfter(t0)), null));
        fx.advance(Duration.ofDays(10));
        Instant up = fx.clock.instant();
        Instant upEnd = AppleFixture.monthAfter(up);
        // an upgrade takes effect at once, under the same originalTransactionId
        Map<String, Object> upgrade = AppleSigned.transaction("3502", "3501", "pro.plus.monthly", SUBSCRIPTION, up,
                upEnd, 9990);

        AppleNotificationResult upgraded = both.handleNotification(body("DID_CHANGE_RENEWAL_PREF", "UPGRADE",
                "n-up", upgrade, null));
        AppleNotificationResult again = both.handleNotification(body("SUBSCRIBED", "RESUBSCRIBE", "n-up-again",
                upgrade, null));
        // a downgrade takes effect at the next renewal, whose transaction is the lower plan's
        fx.clock.set(upEnd.minus(Duration.ofHours(20)));
        AppleNotificationResult downgraded = both.handleNotification(body("DID_RENEW", null, "n-down",
                month("3503", "3501", upEnd, AppleFixture.monthAfter(upEnd)), null));

        assertThat(upgraded.disposition()).as(upgraded.detail()).isEqualTo(AppleDisposition.SETTLED);
        assertThat(again.disposition()).as(again.detail()).isEqualTo(AppleDisposition.ALREADY_SETTLED);
        assertThat(downgraded.disposition()).as(downgraded.detail()).isEqualTo(AppleDisposition.SETTLED);
        Subscription first = fx.subscription("3501");
        assertThat(first.status()).isEqualTo(SubscriptionStatus.CANCELED);
        assertThat(first.paidPeriods()).isEqualTo(1);
        Subscription higher = fx.subscription("3501:3502");
        assertThat(higher.plan()).isEqualTo(plus.id());
        assertThat(higher.status()).isEqualTo(SubscriptionStatus.CANCELED);
        assertThat(higher.periodStart()).isEqualTo(up);
        assertThat(higher.periodEnd()).isEqualTo(upEnd);
        Subscription lower = fx.subscription("3501:3503");
        assertThat(lower.plan()).isEqualTo(fx.proPlan.id());
        assertThat(lower.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(lower.paidPeriods()).isEqualTo(1);
        assertThat(fx.hasAccess(up.plus(Duration.ofDays(25)))).isTrue();
        assertThat(ordersOfLena()).isEqualTo(3);
        assertThat(both.reviewQueue(AppleFixture.FINANCE, null, 10).items()).isEmpty();
        assertLedgerBalances();
    }

    @Test
    void handleNotification_whenAppleRefundsThenRevokes_refundsOnceClawsBackEveryShareAndRevokesAccess() {
        Instant now = fx.clock.instant();
        AppleNotificationResult paid = send("ONE_TIME_CHARGE", null, "n-pay", course("2000000010", now), null);
        fx.advance(Duration.ofDays(3));
        Map<String, Object> refunded = course("2000000010", now);
        refunded.put("revocationDate", fx.clock.instant().toEpochMilli());
        refunded.put("revocationReason", 0);

        AppleNotificationResult refund = send("REFUND", null, "n-refund", refunded, null);
        AppleNotificationResult revoke = send("REVOKE", null, "n-revoke", refunded, null);

        assertThat(refund.disposition()).as(refund.detail()).isEqualTo(AppleDisposition.REFUNDED);
        assertThat(refund.order()).isEqualTo(paid.order());
        assertThat(revoke.disposition()).isEqualTo(AppleDisposition.REFUNDED);
        Order order = fx.learnloop.settlement().order(paid.order());
        assertThat(order.refunds()).hasSize(1);
        assertThat(order.refunded()).isEqualTo(order.total());
        assertThat(fx.hasAccess(fx.clock.instant())).isFalse();
        // every share, Apple's commission included, gave back exactly what it got
        assertThat(fx.balances()).allSatisfy(b -> assertThat(b.amount().isZero()).as(b.toString()).isTrue());
    }

    @Test
    void handleNotification_whenSubscriptionRenewalIsRefunded_endsThatPeriodOnly() {
        Instant t0 = fx.clock.instant();
        Instant e1 = AppleFixture.monthAfter(t0);
        Instant e2 = AppleFixture.monthAfter(e1);
        send("SUBSCRIBED", "INITIAL_BUY", "n-sub", month("3401", "3401", t0, e1), null);
        fx.clock.set(e1);
        send("DID_RENEW", null, "n-renew", month("3402", "3401", e1, e2), null);
        Map<String, Object> refunded = month("3402", "3401", e1, e2);
        refunded.put("revocationDate", e1.plus(Duration.ofDays(1)).toEpochMilli());

        AppleNotificationResult r = send("REFUND", null, "n-refund", refunded, null);

        assertThat(r.disposition()).as(r.detail()).isEqualTo(AppleDisposition.REFUNDED);
        assertThat(fx.hasAccess(t0.plusSeconds(60))).isTrue();
        assertThat(fx.hasAccess(e1.plus(Duration.ofDays(2)))).isFalse();
        assertLedgerBalances();
    }

    @Test
    void handleNotification_whenPurchaseCannotBeDelivered_keepsItForReviewAndSettlesNothing() {
        Instant now = fx.clock.instant();
        Map<String, Object> unknownProduct = AppleSigned.transaction("4001", "4001", "gems.100", "Consumable", now,
                null, 990);
        Map<String, Object> unknownAccount = course("4002", now);
        unknownAccount.put("appAccountToken", "00000000-0000-4000-8000-000000000000");
        Map<String, Object> otherPrice = course("4003", now);
        otherPrice.put("price", 12990L);

        AppleNotificationResult product = send("ONE_TIME_CHARGE", null, "n-r1", unknownProduct, null);
        AppleNotificationResult account = send("ONE_TIME_CHARGE", null, "n-r2", unknownAccount, null);
        AppleNotificationResult price = send("ONE_TIME_CHARGE", null, "n-r3", otherPrice, null);
        AppleNotificationResult refund = send("REFUND", null, "n-r4", course("4004", now), null);

        assertThat(product.disposition()).isEqualTo(AppleDisposition.KEPT_FOR_REVIEW);
        assertThat(product.detail()).contains("gems.100");
        assertThat(account.disposition()).isEqualTo(AppleDisposition.KEPT_FOR_REVIEW);
        assertThat(price.disposition()).isEqualTo(AppleDisposition.KEPT_FOR_REVIEW);
        assertThat(price.detail()).contains("AMOUNT_MISMATCH");
        assertThat(refund.disposition()).isEqualTo(AppleDisposition.KEPT_FOR_REVIEW);
        assertThat(fx.hasAccess(now)).isFalse();
        assertThat(fx.channelFee()).isEqualTo(Money.zero(AppleFixture.USD));
        assertThat(apple.reviewQueue(AppleFixture.FINANCE, null, 10).items())
                .extracting(AppleNotificationResult::notificationUuid).containsExactly("n-r1", "n-r2", "n-r3", "n-r4");
    }

    @Test
    void handleNotification_whenTestNotification_acknowledgesAndIgnoresIt() {
        Map<String, Object> n = AppleSigned.notification("TEST", null, "n-test", fx.clock.instant(), null, null);

        AppleNotificationResult r = apple.handleNotification(AppleSigned.body(AppleSigned.sign(n, chain)));

        assertThat(r.disposition()).isEqualTo(AppleDisposition.IGNORED);
        assertThat(r.httpStatus()).isEqualTo(200);
        assertThat(ordersOfLena()).isZero();
    }
}
