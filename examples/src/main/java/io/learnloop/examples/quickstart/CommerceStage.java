package io.learnloop.examples.quickstart;

import io.learnloop.core.Learnloop;
import io.learnloop.core.commerce.CommerceService;
import io.learnloop.core.commerce.Coupon;
import io.learnloop.core.commerce.CouponDraft;
import io.learnloop.core.commerce.MembershipPeriod;
import io.learnloop.core.commerce.MembershipTerms;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.OfferDraft;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.PlaceOrder;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.ledger.JournalEntry;
import io.learnloop.core.money.Money;
import io.learnloop.payment.PaymentFlow;
import io.learnloop.payment.PaymentSession;
import io.learnloop.payment.sandbox.SandboxNotification;
import io.learnloop.payment.sandbox.SandboxScenario;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stage 2: offers for every course and a membership plan, a coupon, and three orders paid through the Sandbox
 * provider. Its signed notifications go through the webhook handling; one arrives twice and is deduplicated, and a
 * forged copy with one changed byte is rejected.
 *
 * <p>Not thread-safe.
 */
public final class CommerceStage {
    /** The coupon every new learner may use once. */
    public static final String COUPON = "WELCOME20";

    private final DemoPlatform platform;
    private final Narrator narrator;
    private final SandboxCheckout checkout;
    private final RevenueBooks books;

    /**
     * Creates the stage.
     *
     * @param platform the platform
     * @param narrator the narrator
     * @param checkout the checkout
     * @param books    the revenue books
     */
    public CommerceStage(DemoPlatform platform, Narrator narrator, SandboxCheckout checkout, RevenueBooks books) {
        this.platform = platform;
        this.narrator = narrator;
        this.checkout = checkout;
        this.books = books;
    }

    /**
     * What the stage sold.
     *
     * <p>Thread-safe: immutable record.
     *
     * @param courseOffers  the offer of each course, by course id
     * @param membership    the membership plan
     * @param liMingOrder   Li Ming's order: the Python course with the coupon
     * @param emmaOrder     Emma's order: the membership
     * @param zhangWeiOrder Zhang Wei's order: the machine-learning and design courses
     * @param deliveries    what the webhook endpoint did with each notification, in order
     * @param liMingPosting the ledger entry the pipeline posted for Li Ming's order
     */
    public record Result(Map<String, Offer> courseOffers, Offer membership, Order liMingOrder, Order emmaOrder,
                         Order zhangWeiOrder, List<Delivery> deliveries, JournalEntry liMingPosting) {
        /**
         * Copies the collections.
         *
         * @param courseOffers  the course offers
         * @param membership    the membership
         * @param liMingOrder   Li Ming's order
         * @param emmaOrder     Emma's order
         * @param zhangWeiOrder Zhang Wei's order
         * @param deliveries    the deliveries
         * @param liMingPosting Li Ming's ledger entry
         */
        public Result {
            courseOffers = Map.copyOf(courseOffers);
            deliveries = List.copyOf(deliveries);
        }
    }

    /**
     * Runs the stage.
     *
     * @param catalog what stage 1 published
     * @return what was sold
     */
    public Result run(CatalogStage.Result catalog) {
        narrator.stage("Offers, a coupon, and orders paid through the Sandbox provider");
        Learnloop ll = platform.learnloop();
        CommerceService commerce = ll.commerce();
        Cast cast = platform.cast();
        platform.clock().advance(Duration.ofDays(1));

        Map<String, Offer> offers = new LinkedHashMap<>();
        offers.put(catalog.python().id().value(), offer(cast.wang(), catalog.python(), "199.00"));
        offers.put(catalog.ml().id().value(), offer(cast.wang(), catalog.ml(), "299.00"));
        offers.put(catalog.design().id().value(), offer(cast.alice(), catalog.design(), "149.00"));
        offers.put(catalog.dataviz().id().value(), offer(cast.alice(), catalog.dataviz(), "249.00"));
        offers.put(catalog.mandarin().id().value(), offer(cast.alice(), catalog.mandarin(), "99.00"));
        for (Offer o : offers.values()) {
            narrator.say("Offer %s %s", Narrator.pad(o.title(), 40), o.price());
        }
        Offer membership = commerce.createOffer(cast.admin(), OfferDraft.membership("数据会员 Data Membership (monthly)",
                cny("99.00"), new MembershipTerms(MembershipPeriod.MONTH, 0, List.of(),
                        List.of("programming", "data-science"))));
        narrator.say("Plan  %s %s a month, covers every programming and data-science course",
                Narrator.pad(membership.title(), 40), membership.price());
        Coupon coupon = commerce.createCoupon(cast.admin(), CouponDraft.percent(COUPON, 2000, platform.clock().instant(),
                platform.clock().instant().plus(Duration.ofDays(120))).withLimits(0, 1));
        narrator.say("Coupon %s: 20%% off, once per learner, valid until %s", coupon.code(), coupon.validUntil());

        List<Delivery> deliveries = new ArrayList<>();
        platform.signUp(cast.liMing().id());
        platform.signUp(cast.emma().id());
        platform.signUp(cast.zhangWei().id(), cast.liMing().id());
        books.referral(cast.zhangWei().id(), cast.liMing().id());

        Offer python = offers.get(catalog.python().id().value());
        var quote = commerce.quote(cast.liMing(), PlaceOrder.of("li.ming-1", python.id()).withCoupons(COUPON));
        narrator.say("Li Ming's quote for the Python course with %s: %s - %s = %s", COUPON, quote.subtotal(),
                quote.discount(), quote.total());
        Order liMing = commerce.placeOrder(cast.liMing(), PlaceOrder.of("li.ming-1", python.id()).withCoupons(COUPON));
        PaymentSession qr = checkout.checkout(liMing, PaymentFlow.QR_CODE, "Python 入门");
        narrator.say("Li Ming scans the QR code %s", qr.qrCode());
        platform.clock().advance(Duration.ofSeconds(40));
        checkout.payerPays(liMing.id());
        report(deliveries, checkout.deliverNotifications());

        Order emma = commerce.placeOrder(cast.emma(), PlaceOrder.of("emma-1", membership.id()));
        PaymentSession redirect = checkout.checkout(emma, PaymentFlow.REDIRECT, "Data Membership");
        narrator.say("Emma is redirected to %s to buy the membership", redirect.redirectUrl());
        checkout.inject(SandboxScenario.DUPLICATE);
        platform.clock().advance(Duration.ofSeconds(55));
        checkout.payerPays(emma.id());
        narrator.say("The provider sends the notification twice:");
        report(deliveries, checkout.deliverNotifications());

        Offer ml = offers.get(catalog.ml().id().value());
        Offer design = offers.get(catalog.design().id().value());
        Order zhang = commerce.placeOrder(cast.zhangWei(), PlaceOrder.of("zhang.wei-1", ml.id(), design.id()));
        PaymentSession card = checkout.checkout(zhang, PaymentFlow.CLIENT_SECRET, "机器学习实战 + Product Design");
        narrator.say("Zhang Wei (referred by Li Ming) pays for two courses in one order (%s) by card, client secret %s",
                zhang.total(), card.clientSecret());
        platform.clock().advance(Duration.ofSeconds(70));
        checkout.payerPays(zhang.id());
        SandboxNotification genuine = checkout.takeNotification();
        String text = new String(genuine.body(), StandardCharsets.UTF_8);
        // the attacker lowers the paid amount to 1.00 CNY and keeps the provider's signature header
        String tampered = text.replaceFirst("\"amount\":\\d+", "\"amount\":100");
        if (tampered.equals(text)) {
            throw new IllegalStateException("the sandbox notification carries no amount: " + text);
        }
        byte[] forged = tampered.getBytes(StandardCharsets.UTF_8);
        narrator.say("Someone replays the notification with the amount lowered to 1.00 CNY:");
        report(deliveries, List.of(checkout.handle(forged, genuine.headers())));
        narrator.say("The genuine notification arrives:");
        report(deliveries, List.of(checkout.handle(genuine.body(), genuine.headers())));

        liMing = commerce.order(cast.liMing(), liMing.id());
        emma = commerce.order(cast.emma(), emma.id());
        zhang = commerce.order(cast.zhangWei(), zhang.id());
        narrator.say("Orders: Li Ming %s %s, Emma %s %s, Zhang Wei %s %s", liMing.status(), liMing.total(),
                emma.status(), emma.total(), zhang.status(), zhang.total());
        JournalEntry posting = ll.ledger().entriesOf(DemoPlatform.FINANCE, liMing.id()).get(0);
        narrator.say("The pipeline posted Li Ming's payment to the ledger (platform fee 30%%, creators 70/30):");
        posting.postings().forEach(p -> narrator.detail("%-22s %12s", p.account(), p.amount()));
        return new Result(offers, membership, liMing, emma, zhang, deliveries, posting);
    }

    private void report(List<Delivery> all, List<Delivery> now) {
        for (Delivery d : now) {
            narrator.detail("webhook: %-15s %s%s", d.outcome(), d.detail(), d.accepted() ? "" : " (answered with an error)");
            all.add(d);
        }
    }

    private Offer offer(Actor owner, CourseRef course, String price) {
        return platform.learnloop().commerce().createOffer(owner, OfferDraft.course(course.title(), cny(price), course.id()));
    }

    static Money cny(String amount) {
        return Money.parse(amount, "CNY");
    }
}
