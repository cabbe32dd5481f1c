package io.learnloop.payment.alipay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnloop.core.Learnloop;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.commerce.MembershipPeriod;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.OfferId;
import io.learnloop.core.commerce.OfferKind;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.NotFoundException;
import io.learnloop.core.error.RemoteException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.error.Validator;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.money.Money;
import io.learnloop.core.store.UnitOfWork;
import io.learnloop.core.store.Versioned;
import io.learnloop.core.subscription.DunningPolicy;
import io.learnloop.core.subscription.OpenSubscription;
import io.learnloop.core.subscription.Subscription;
import io.learnloop.core.subscription.SubscriptionFailure;
import io.learnloop.core.subscription.SubscriptionPayment;
import io.learnloop.payment.NotificationOutcome;
import io.learnloop.payment.RejectionReason;
import io.learnloop.payment.spi.PaymentReference;
import io.learnloop.payment.spi.PaymentStatus;
import io.learnloop.payment.internal.alipay.AlipayAgreementNotice;
import io.learnloop.payment.internal.alipay.AlipayAgreementRecord;
import io.learnloop.payment.internal.alipay.AlipayClientRequests;
import io.learnloop.payment.internal.alipay.AlipayDeduction;
import io.learnloop.payment.internal.alipay.AlipayNotificationForm;
import io.learnloop.payment.internal.json.Json;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Alipay agreement deduction (商家扣款, 周期扣款): auto-renewing memberships the merchant charges itself, under an
 * agreement the learner signed once.
 *
 * <ul>
 *   <li>{@link #signPage} records the subscription in the core and returns the signed
 *       {@code alipay.user.agreement.page.sign} URL: {@code personal_product_code=CYCLE_PAY_AUTH_P},
 *       {@code product_code=GENERAL_WITHHOLDING}, the sign scene, {@code external_agreement_no} (the subscription's
 *       external id), {@code access_params.channel} and {@code period_rule_params} (the plan's period as
 *       {@code period_type=MONTH}, its price as {@code single_amount}, the first deduction day as
 *       {@code execute_time});</li>
 *   <li>{@link #handleNotification} takes the agreement notifications ({@code notify_type} {@code dut_user_sign},
 *       {@code dut_user_unsign}), verified like trade notifications (RSA2 over the form, public-key or certificate
 *       mode, {@code notify_time} within the tolerance) and deduplicated by {@code notify_id};</li>
 *   <li>{@link #chargeDue} deducts every due period with {@code alipay.trade.pay}
 *       ({@code product_code=GENERAL_WITHHOLDING}, {@code agreement_params.agreement_no}); a deduction is keyed by
 *       {@code out_trade_no} (one per period and attempt), so a repeated run never charges twice, and a paid one
 *       settles the period through the core;</li>
 *   <li>{@link #unsign} ends the agreement ({@code alipay.user.agreement.unsign}) and the subscription.</li>
 * </ul>
 *
 * <p>Thread-safe: immutable. The builder is not thread-safe.
 */
public final class AlipayAgreements {
    private static final Pattern AGREEMENT_NO = Pattern.compile("[A-Za-z0-9]{1,32}");
    private static final Currency CNY = Currency.getInstance("CNY");
    /** {@code alipay.trade.pay}'s code for a payment Alipay is still processing (支付处理中). */
    private static final String IN_PROGRESS = "10003";
    /** How many times one run reads the due list again past subscriptions that await a signature. */
    private static final int MAX_ROUNDS = 5;
    /**
     * Refusals of {@code alipay.trade.pay} that say Alipay already has a trade under the {@code out_trade_no}: the
     * repeat of a send that went through, never a failed charge by themselves.
     */
    private static final Set<String> TRADE_EXISTS = Set.of("ACQ.TRADE_HAS_SUCCESS", "ACQ.TRADE_HAS_CLOSE",
            "ACQ.TRADE_BUYER_NOT_MATCH", "ACQ.CONTEXT_INCONSISTENT");
    /**
     * How long after a send a deduction that Alipay does not know may be sent again: longer than any request of the
     * HTTP layer can still be on its way (its call timeout, times its retries).
     */
    private static final Duration RESEND_AFTER = Duration.ofMinutes(10);

    private final Learnloop learnloop;
    private final ServiceContext ctx;
    private final AlipayConfig config;
    private final AlipayProvider alipay;
    private final String provider;
    private final String signScene;
    private final String personalProductCode;
    private final String productCode;
    private final String channel;
    private final DunningPolicy dunning;
    private final Duration signingWindow;

    private AlipayAgreements(Builder b) {
        this.learnloop = b.learnloop;
        this.ctx = b.learnloop.context();
        this.config = b.config;
        this.alipay = new AlipayProvider(b.config);
        this.provider = b.config.settings().id().value();
        this.signScene = b.signScene;
        this.personalProductCode = b.personalProductCode;
        this.productCode = b.productCode;
        this.channel = b.channel;
        this.dunning = b.dunning;
        this.signingWindow = b.signingWindow;
    }

    /**
     * Starts building the channel.
     *
     * @param learnloop the facade whose subscriptions it keeps
     * @param config    the Alipay configuration (keys or certificates, {@code notify_url} for the agreement
     *                  notifications)
     * @return a builder
     */
    public static Builder builder(Learnloop learnloop, AlipayConfig config) {
        return new Builder(learnloop, config);
    }

    /**
     * Records a subscription to a plan and returns the URL the learner signs its agreement at. Safe to repeat with
     * the same agreement number: the subscription is opened once.
     *
     * @param learner             the learner
     * @param plan                a membership plan priced in CNY
     * @param externalAgreementNo the merchant's agreement number, 1 to 32 letters and digits, unique per learner and
     *                            plan
     * @param returnUrl           where Alipay sends the learner after signing, or null
     * @return the subscription and the sign URL
     * @throws ValidationException if the plan is not a CNY membership plan or the number is not 1 to 32 letters and
     *                             digits
     */
    public AlipayAgreementSigning signPage(UserId learner, OfferId plan, String externalAgreementNo, String returnUrl) {
        new Validator().notNull("learner", learner).notNull("plan", plan)
                .check(externalAgreementNo != null && AGREEMENT_NO.matcher(externalAgreementNo).matches(),
                        "externalAgreementNo", "must be 1 to 32 letters and digits (was '" + externalAgreementNo + "')")
                .maxLength("returnUrl", returnUrl, 256).throwIfInvalid();
        Offer offer = learnloop.commerce().offer(plan);
        if (offer.kind() != OfferKind.MEMBERSHIP || !CNY.equals(offer.price().currency())) {
            throw ValidationException.of("plan", "offer '" + plan + "' is not a membership plan priced in CNY");
        }
        Subscription opened = ctx.transactRetrying(uow -> learnloop.subscriptions().open(uow,
                new OpenSubscription(learner, plan, provider, externalAgreementNo, dunning)));
        Instant firstCharge = opened.nextChargeAt() != null ? opened.nextChargeAt() : ctx.now();
        MembershipPeriod period = offer.membership().period();
        ObjectNode rule = Json.object();
        rule.put("period_type", "MONTH");
        rule.put("period", period.months());
        rule.put("execute_time", LocalDate.ofInstant(firstCharge, config.zone()).toString());
        rule.put("single_amount", offer.price().toDecimalString());
        ObjectNode access = Json.object();
        access.put("channel", channel);
        ObjectNode biz = Json.object();
        biz.put("personal_product_code", personalProductCode);
        biz.put("sign_scene", signScene);
        biz.put("external_agreement_no", externalAgreementNo);
        biz.set("access_params", access);
        biz.set("period_rule_params", rule);
        biz.put("product_code", productCode);
        Map<String, String> params = alipay.common("alipay.user.agreement.page.sign", biz);
        if (returnUrl != null) {
            params.put("return_url", returnUrl);
        }
        Map<String, String> signed = AlipayClientRequests.signed(params, config.appPrivateKey());
        return new AlipayAgreementSigning(opened, AlipayClientRequests.url(config.gatewayUrl(),
                AlipayClientRequests.query(signed)));
    }

    /**
     * Handles one agreement notification (a form POST to the configured {@code notify_url}). Answer Alipay with
     * {@link AgreementNotificationResult#acknowledgement()}.
     *
     * @param body    the raw request body, exactly as received
     * @param headers the request headers (any case)
     * @return what was done
     */
    public AgreementNotificationResult handleNotification(byte[] body, Map<String, String> headers) {
        if (body == null || body.length == 0) {
            return rejected(RejectionReason.MALFORMED, null, "empty body");
        }
        AlipayNotificationForm.Parsed form = AlipayNotificationForm.parse(body);
        if (form.problem() != null) {
            return rejected(RejectionReason.MALFORMED, null, form.problem());
        }
        Map<String, String> p = Map.copyOf(form.params());
        NotificationOutcome.Rejected refused = alipay.verifySigned(p);
        if (refused != null) {
            return rejected(refused.reason(), p.get("notify_id"), refused.detail());
        }
        String notifyId = p.get("notify_id");
        if (notifyId != null && !notifyId.isEmpty() && p.get("out_trade_no") != null && p.get("trade_status") != null
                && (p.get("app_id") == null || config.appId().equals(p.get("app_id")))) {
            return deduction(notifyId, p);
        }
        String agreement = p.get("external_agreement_no");
        if (notifyId == null || notifyId.isEmpty() || agreement == null || agreement.isEmpty()) {
            return rejected(RejectionReason.MALFORMED, notifyId, "notify_id or external_agreement_no is missing");
        }
        if (p.get("app_id") != null && !config.appId().equals(p.get("app_id"))) {
            return rejected(RejectionReason.WRONG_MERCHANT, notifyId, "the notification is for app '"
                    + p.get("app_id") + "'");
        }
        String type = p.getOrDefault("notify_type", "");
        String status = p.getOrDefault("status", "");
        if ("dut_user_sign".equals(type) && "NORMAL".equals(status) && p.get("agreement_no") != null) {
            return apply(notifyId, type, agreement, uow -> {
                remember(uow, agreement, p.get("agreement_no"), status);
                return new AgreementNotificationResult(AgreementDisposition.SIGNED, null, notifyId,
                        learnloop.subscriptions().byExternalId(provider, agreement), "agreement "
                        + p.get("agreement_no") + " signed");
            }, true);
        }
        if ("dut_user_unsign".equals(type) || "UNSIGN".equals(status)) {
            return apply(notifyId, type, agreement, uow -> {
                remember(uow, agreement, p.get("agreement_no"), "UNSIGN");
                return new AgreementNotificationResult(AgreementDisposition.UNSIGNED, null, notifyId,
                        learnloop.subscriptions().cancelNow(uow, provider, agreement, "agreement unsigned at Alipay"),
                        "agreement " + p.get("agreement_no") + " unsigned");
            }, false);
        }
        return new AgreementNotificationResult(AgreementDisposition.IGNORED, null, notifyId, null,
                "nothing to do for " + type + " with status " + status);
    }

    /**
     * A {@code trade_status_sync} of a deduction: {@code TRADE_SUCCESS} or {@code TRADE_FINISHED} settles a pending
     * one, {@code TRADE_CLOSED} fails it; a deduction settled or failed before changes nothing.
     */
    private AgreementNotificationResult deduction(String notifyId, Map<String, String> p) {
        String outTradeNo = p.get("out_trade_no");
        AlipayDeduction known = ctx.read(uow -> uow.find(AlipayDeduction.TYPE, outTradeNo)).map(Versioned::value)
                .orElse(null);
        String tradeStatus = p.getOrDefault("trade_status", "");
        if (known == null) {
            return new AgreementNotificationResult(AgreementDisposition.IGNORED, null, notifyId, null,
                    "trade " + outTradeNo + " is not an agreement deduction");
        }
        String agreement = known.agreement();
        if ("TRADE_SUCCESS".equals(tradeStatus) || "TRADE_FINISHED".equals(tradeStatus)) {
            Money amount;
            try {
                amount = Money.parse(p.getOrDefault("total_amount", ""), CNY);
            } catch (RuntimeException e) {
                return rejected(RejectionReason.MALFORMED, notifyId, "total_amount '" + p.get("total_amount")
                        + "' is not an amount in yuan");
            }
            try {
                return apply(notifyId, "trade_status_sync", agreement, uow -> decided(notifyId, outTradeNo,
                        settleWithin(uow, agreement, outTradeNo, p.get("trade_no"), amount),
                        AgreementDisposition.CHARGED, "paid: the period is settled"), false);
            } catch (ValidationException e) {
                return rejected(RejectionReason.AMOUNT_MISMATCH, notifyId, e.getMessage());
            } catch (ConflictException e) {
                // the subscription ended while the deduction was in progress: the money is to be refunded at Alipay
                return rejected(RejectionReason.UNKNOWN_SUBSCRIPTION, notifyId, "deduction " + outTradeNo
                        + " paid, but " + e.getMessage());
            }
        }
        if ("TRADE_CLOSED".equals(tradeStatus)) {
            return apply(notifyId, "trade_status_sync", agreement, uow -> decided(notifyId, outTradeNo,
                    failWithin(uow, agreement, outTradeNo, tradeStatus), AgreementDisposition.CHARGE_FAILED,
                    "closed unpaid: a failed renewal"), false);
        }
        return new AgreementNotificationResult(AgreementDisposition.IGNORED, null, notifyId, null,
                "deduction " + outTradeNo + " is " + tradeStatus + ": it stays pending");
    }

    /**
     * Deducts every period due now, up to {@code limit} subscriptions: call it on a schedule (with
     * {@code Learnloop.runScheduledJobs()}). Each deduction is an {@code alipay.trade.pay} keyed by an
     * {@code out_trade_no} of the agreement, period and attempt, recorded before it is sent: a paid one settles the
     * period; a refused one is a failed renewal (retried on the subscription's dunning schedule under the next
     * attempt's number); one in progress ({@code 10003}) or unanswered stays pending and is settled by Alipay's
     * {@code trade_status} notification ({@link #handleNotification}) or by the {@code alipay.trade.query} a later run
     * polls, and is never sent again while Alipay may still take the money. Several instances may run it on one
     * store: only the one whose insert of the deduction's record commits sends it, and a refusal that may answer a
     * send that went through ({@code ACQ.TRADE_HAS_SUCCESS}, or any refusal of a repeat) is queried, not failed. A
     * subscription whose agreement was unsigned or stopped, or was never signed within {@link Builder#signingWindow},
     * is cancelled, so it does not stay due and crowd the batch.
     *
     * @param limit the most subscriptions to charge, 1 to {@value io.learnloop.core.Page#MAX_LIMIT}
     * @return what was done
     */
    public DeductionRun chargeDue(int limit) {
        new Validator().check(limit >= 1 && limit <= io.learnloop.core.Page.MAX_LIMIT, "limit",
                "must be 1 to " + io.learnloop.core.Page.MAX_LIMIT + " (was " + limit + ")").throwIfInvalid();
        int[] counts = new int[Charge.values().length];
        Set<String> seen = new HashSet<>();
        int work = 0;
        // those awaiting a signature stay due for a while: read past them (and past pending ones), boundedly
        for (int round = 0; round < MAX_ROUNDS && work < limit; round++) {
            int want = Math.min(io.learnloop.core.Page.MAX_LIMIT, seen.size() + limit - work);
            List<Subscription> due = learnloop.subscriptions().dueForCharge(provider, ctx.now(), want);
            boolean fresh = false;
            for (Subscription s : due) {
                if (work >= limit || !seen.add(s.id().value())) {
                    continue;
                }
                fresh = true;
                Charge c = chargeOne(s);
                counts[c.ordinal()]++;
                work += c == Charge.AWAITING_SIGNATURE || c == Charge.ABANDONED ? 0 : 1;
            }
            if (!fresh || due.size() < want) {
                break;
            }
        }
        return new DeductionRun(counts[Charge.CHARGED.ordinal()], counts[Charge.FAILED.ordinal()],
                counts[Charge.PENDING.ordinal()] + counts[Charge.AWAITING_SIGNATURE.ordinal()],
                counts[Charge.ABANDONED.ordinal()]);
    }

    /** What one due subscription came to in a run. */
    private enum Charge { CHARGED, FAILED, PENDING, AWAITING_SIGNATURE, ABANDONED }

    private Charge chargeOne(Subscription s) {
        AlipayAgreementRecord agreement = ctx.read(uow -> uow.find(AlipayAgreementRecord.TYPE, s.externalId()))
                .map(Versioned::value).orElse(null);
        if (agreement == null || !"NORMAL".equals(agreement.status())) {
            return unsigned(s, agreement);
        }
        String outTradeNo = s.externalId() + "P" + (s.paidPeriods() + 1) + "A" + (s.failedAttempts() + 1);
        AlipayDeduction known = ctx.read(uow -> uow.find(AlipayDeduction.TYPE, outTradeNo)).map(Versioned::value)
                .orElse(null);
        if (known == null) {
            // the insert is the claim: of two instances that both found no record, only the one whose insert
            // commits sends; the other leaves the deduction to it
            boolean claimed = ctx.transactRetrying(uow -> {
                if (uow.find(AlipayDeduction.TYPE, outTradeNo).isPresent()) {
                    return false;
                }
                uow.insert(AlipayDeduction.TYPE, new AlipayDeduction(outTradeNo, s.externalId(),
                        AlipayDeduction.PENDING, null, ctx.now(), ctx.now()));
                return true;
            });
            return claimed ? send(s, agreement, outTradeNo, false) : Charge.PENDING;
        }
        if (!AlipayDeduction.PENDING.equals(known.status())) {
            return Charge.PENDING; // settled or failed by a notification since the due list was read
        }
        return poll(s, agreement, outTradeNo, null);
    }

    /**
     * Sends one {@code alipay.trade.pay}. A refusal fails the deduction only when this was its first send and Alipay
     * did not say it has the trade already; any other refusal is asked about with a query, since the earlier send
     * may have been paid.
     */
    private Charge send(Subscription s, AlipayAgreementRecord agreement, String outTradeNo, boolean repeat) {
        ObjectNode biz = Json.object();
        biz.put("out_trade_no", outTradeNo);
        biz.put("total_amount", s.price().toDecimalString());
        biz.put("subject", learnloop.commerce().offer(s.plan()).title());
        biz.put("product_code", productCode);
        ObjectNode params = Json.object();
        params.put("agreement_no", agreement.agreementNo());
        biz.set("agreement_params", params);
        JsonNode paid;
        try {
            paid = alipay.call("alipay.trade.pay", biz, true, "deduct");
        } catch (RemoteException e) {
            // 10003: Alipay is still processing it; retryable or unknown: it may have been taken. Either way the
            // deduction stays pending, and its notification or a query decides it
            if (IN_PROGRESS.equals(e.providerCode()) || e.isRetryable() || e.outcomeUnknown()) {
                return Charge.PENDING;
            }
            if (repeat || TRADE_EXISTS.contains(e.providerCode())) {
                return poll(s, null, outTradeNo, e.providerCode());
            }
            fail(s.externalId(), outTradeNo, e.providerCode());
            return Charge.FAILED;
        }
        Money amount = Money.parse(Objects.requireNonNullElse(Json.text(paid, "total_amount"),
                s.price().toDecimalString()), CNY);
        return settle(s.externalId(), outTradeNo, Json.text(paid, "trade_no"), amount) ? Charge.CHARGED
                : Charge.PENDING;
    }

    /**
     * Asks Alipay about a pending deduction: paid settles it, closed fails it, still waiting keeps it pending. When
     * Alipay has no trade under the number: after a refusal of a repeated send, the refusal stands (a failed renewal),
     * unless Alipay said it has the trade, which the query does not show yet (pending); otherwise the request never
     * reached Alipay, and it is sent again under the same number by the one instance that claims the repeat, once
     * the last send is {@link #RESEND_AFTER} old (so a send still on its way is not raced).
     *
     * @param agreement the agreement to send under again, or null when this follows a refusal
     * @param refusal   the code of the refusal this follows, or null
     */
    private Charge poll(Subscription s, AlipayAgreementRecord agreement, String outTradeNo, String refusal) {
        PaymentStatus status;
        try {
            status = alipay.query(PaymentReference.of(outTradeNo));
        } catch (RemoteException e) {
            return Charge.PENDING;
        }
        switch (status.state()) {
            case PAID:
                return settle(s.externalId(), outTradeNo, status.providerPaymentId(),
                        status.amount() != null ? status.amount() : s.price()) ? Charge.CHARGED : Charge.PENDING;
            case CLOSED:
                fail(s.externalId(), outTradeNo, status.providerState());
                return Charge.FAILED;
            case NOT_FOUND:
                if (refusal != null) {
                    if (TRADE_EXISTS.contains(refusal)) {
                        return Charge.PENDING;
                    }
                    fail(s.externalId(), outTradeNo, refusal);
                    return Charge.FAILED;
                }
                return claimRepeat(outTradeNo) ? send(s, agreement, outTradeNo, true) : Charge.PENDING;
            default:
                return Charge.PENDING;
        }
    }

    /**
     * Claims the repeat of a pending deduction by compare-and-set of its record: true for the one instance that
     * stamps it, when its last send is at least {@link #RESEND_AFTER} old.
     */
    private boolean claimRepeat(String outTradeNo) {
        return ctx.transactRetrying(uow -> {
            Versioned<AlipayDeduction> v = uow.find(AlipayDeduction.TYPE, outTradeNo).orElse(null);
            if (v == null || !AlipayDeduction.PENDING.equals(v.value().status())
                    || v.value().changedAt().plus(RESEND_AFTER).isAfter(ctx.now())) {
                return false;
            }
            uow.update(AlipayDeduction.TYPE, v.value().with(AlipayDeduction.PENDING, null, ctx.now()), v.version());
            return true;
        });
    }

    private static AgreementNotificationResult decided(String notifyId, String outTradeNo, Subscription after,
                                                       AgreementDisposition d, String what) {
        return after == null
                ? new AgreementNotificationResult(AgreementDisposition.DUPLICATE, null, notifyId, null,
                        "deduction " + outTradeNo + " was decided before")
                : new AgreementNotificationResult(d, null, notifyId, after, "deduction " + outTradeNo + " " + what);
    }

    /**
     * Settles a paid deduction with its record, once: false if it was settled before, or its subscription
     * ended meanwhile (the deduction then stays pending, for a person to refund).
     */
    private boolean settle(String agreement, String outTradeNo, String tradeNo, Money amount) {
        try {
            return ctx.transactRetrying(uow -> settleWithin(uow, agreement, outTradeNo, tradeNo, amount)) != null;
        } catch (ConflictException | ValidationException e) {
            return false;
        }
    }

    /**
     * The subscription after the settlement, or null if the deduction was settled before. A deduction marked failed
     * is settled too: Alipay took the money, so the period it paid for is granted (after the failed renewal that was
     * recorded, like a late payment).
     */
    private Subscription settleWithin(UnitOfWork uow, String agreement, String outTradeNo, String tradeNo,
                                      Money amount) {
        Versioned<AlipayDeduction> v = uow.find(AlipayDeduction.TYPE, outTradeNo).orElse(null);
        if (v != null && AlipayDeduction.PAID.equals(v.value().status())) {
            return null;
        }
        Subscription s = learnloop.subscriptions().recordPayment(uow, new SubscriptionPayment(provider, agreement,
                outTradeNo, amount)).subscription();
        mark(uow, v, agreement, outTradeNo, AlipayDeduction.PAID, tradeNo);
        return s;
    }

    private void fail(String agreement, String outTradeNo, String reason) {
        ctx.transactRetrying(uow -> failWithin(uow, agreement, outTradeNo, reason));
    }

    /** The subscription after the failure, or null if the deduction was settled or failed before. */
    private Subscription failWithin(UnitOfWork uow, String agreement, String outTradeNo, String reason) {
        Versioned<AlipayDeduction> v = uow.find(AlipayDeduction.TYPE, outTradeNo).orElse(null);
        if (v != null && !AlipayDeduction.PENDING.equals(v.value().status())) {
            return null;
        }
        Subscription s = learnloop.subscriptions().recordFailure(uow, new SubscriptionFailure(provider, agreement,
                outTradeNo, null, reason == null || reason.length() <= 200 ? reason : reason.substring(0, 200)));
        mark(uow, v, agreement, outTradeNo, AlipayDeduction.FAILED, null);
        return s;
    }

    private void mark(UnitOfWork uow, Versioned<AlipayDeduction> v, String agreement, String outTradeNo,
                      String status, String tradeNo) {
        if (v == null) {
            uow.insert(AlipayDeduction.TYPE, new AlipayDeduction(outTradeNo, agreement, status, tradeNo, ctx.now(),
                    ctx.now()));
        } else {
            uow.update(AlipayDeduction.TYPE, v.value().with(status, tradeNo, ctx.now()), v.version());
        }
    }

    /**
     * A due subscription without a signed agreement: cancelled when the agreement was unsigned or stopped, or was
     * not signed within the signing window; else left for a later run.
     */
    private Charge unsigned(Subscription s, AlipayAgreementRecord agreement) {
        String status = agreement == null ? null : agreement.status();
        String reason;
        if ("UNSIGN".equals(status) || "STOP".equals(status)) {
            reason = "agreement " + status + " at Alipay: nothing can be deducted";
        } else if (!s.createdAt().plus(signingWindow).isAfter(ctx.now())) {
            reason = "agreement not signed within " + signingWindow + " of the subscription";
        } else {
            return Charge.AWAITING_SIGNATURE;
        }
        ctx.transactRetrying(uow -> learnloop.subscriptions().cancelNow(uow, provider, s.externalId(), reason));
        return Charge.ABANDONED;
    }

    /**
     * Ends an agreement at Alipay and its subscription now (paid periods run to their end).
     *
     * @param externalAgreementNo the merchant's agreement number
     * @return the subscription, {@code CANCELED}
     * @throws NotFoundException                       if the agreement was never signed
     * @throws io.learnloop.core.error.RemoteException if Alipay refused or could not be reached
     */
    public Subscription unsign(String externalAgreementNo) {
        AlipayAgreementRecord agreement = ctx.read(uow -> uow.find(AlipayAgreementRecord.TYPE,
                Objects.requireNonNullElse(externalAgreementNo, ""))).map(Versioned::value)
                .orElseThrow(() -> new NotFoundException("alipay agreement", String.valueOf(externalAgreementNo)));
        ObjectNode biz = Json.object();
        biz.put("agreement_no", agreement.agreementNo());
        alipay.call("alipay.user.agreement.unsign", biz, true, "unsign agreement");
        return ctx.transactRetrying(uow -> {
            remember(uow, externalAgreementNo, agreement.agreementNo(), "UNSIGN");
            return learnloop.subscriptions().cancelNow(uow, provider, externalAgreementNo,
                    "agreement unsigned by the merchant");
        });
    }

    private void remember(UnitOfWork uow, String id, String agreementNo, String status) {
        Versioned<AlipayAgreementRecord> v = uow.find(AlipayAgreementRecord.TYPE, id).orElse(null);
        String number = agreementNo != null ? agreementNo : v == null ? "" : v.value().agreementNo();
        AlipayAgreementRecord next = new AlipayAgreementRecord(id, number, status, ctx.now());
        if (v == null) {
            uow.insert(AlipayAgreementRecord.TYPE, next);
        } else {
            uow.update(AlipayAgreementRecord.TYPE, next, v.version());
        }
    }

    private AgreementNotificationResult apply(String notifyId, String type, String agreement,
                                              Function<UnitOfWork, AgreementNotificationResult> work,
                                              boolean mustKnow) {
        String id = "alipay-agreement:" + notifyId;
        try {
            return ctx.transactRetrying(uow -> {
                if (uow.find(AlipayAgreementNotice.TYPE, id).isPresent()) {
                    return new AgreementNotificationResult(AgreementDisposition.DUPLICATE, null, notifyId, null,
                            "notification applied before");
                }
                if (mustKnow) {
                    learnloop.subscriptions().byExternalId(provider, agreement);
                }
                AgreementNotificationResult r = work.apply(uow);
                uow.insert(AlipayAgreementNotice.TYPE, new AlipayAgreementNotice(id, type, agreement,
                        r.disposition().name(), ctx.now()));
                return r;
            });
        } catch (NotFoundException e) {
            return rejected(RejectionReason.UNKNOWN_SUBSCRIPTION, notifyId, "no subscription has agreement number '"
                    + agreement + "'");
        }
    }

    private static AgreementNotificationResult rejected(RejectionReason reason, String notifyId, String detail) {
        return new AgreementNotificationResult(AgreementDisposition.REJECTED, reason, notifyId, null, detail);
    }

    @Override
    public String toString() {
        return "AlipayAgreements[" + alipay + ", signScene=" + signScene + "]";
    }

    /**
     * Builds {@link AlipayAgreements}. Not thread-safe.
     */
    public static final class Builder {
        private final Learnloop learnloop;
        private final AlipayConfig config;
        private String signScene = "INDUSTRY|DIGITAL_MEDIA";
        private String personalProductCode = "CYCLE_PAY_AUTH_P";
        private String productCode = "GENERAL_WITHHOLDING";
        private String channel = "ALIPAYAPP";
        private DunningPolicy dunning = DunningPolicy.defaults();
        private Duration signingWindow = Duration.ofDays(1);

        private Builder(Learnloop learnloop, AlipayConfig config) {
            this.learnloop = Objects.requireNonNull(learnloop, "learnloop");
            this.config = Objects.requireNonNull(config, "config");
        }

        /**
         * Sets the sign scene agreed with Alipay (default {@code INDUSTRY|DIGITAL_MEDIA}).
         *
         * @param value the scene
         * @return this builder
         */
        public Builder signScene(String value) {
            new Validator().notBlank("signScene", value, 64).throwIfInvalid();
            this.signScene = value;
            return this;
        }

        /**
         * Sets the personal product code (default {@code CYCLE_PAY_AUTH_P}, periodic deduction).
         *
         * @param value the code
         * @return this builder
         */
        public Builder personalProductCode(String value) {
            new Validator().notBlank("personalProductCode", value, 64).throwIfInvalid();
            this.personalProductCode = value;
            return this;
        }

        /**
         * Sets the sales product code of the signing and of each deduction (default {@code GENERAL_WITHHOLDING}).
         *
         * @param value the code
         * @return this builder
         */
        public Builder productCode(String value) {
            new Validator().notBlank("productCode", value, 64).throwIfInvalid();
            this.productCode = value;
            return this;
        }

        /**
         * Sets where the learner signs ({@code access_params.channel}; default {@code ALIPAYAPP}).
         *
         * @param value the channel
         * @return this builder
         */
        public Builder channel(String value) {
            new Validator().notBlank("channel", value, 32).throwIfInvalid();
            this.channel = value;
            return this;
        }

        /**
         * Sets the grace period and the retry schedule of failed deductions (default {@link DunningPolicy#defaults()}).
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder dunning(DunningPolicy policy) {
            this.dunning = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Sets how long a subscription waits for its agreement to be signed (default one day): {@link #chargeDue}
         * cancels one still unsigned after it, so abandoned sign pages do not stay due for ever.
         *
         * @param value the window, 1 minute to 30 days
         * @return this builder
         */
        public Builder signingWindow(Duration value) {
            new Validator().notNull("signingWindow", value).throwIfInvalid();
            new Validator().check(value.compareTo(Duration.ofMinutes(1)) >= 0
                    && value.compareTo(Duration.ofDays(30)) <= 0, "signingWindow",
                    "must be 1 minute to 30 days (was " + value + ")").throwIfInvalid();
            this.signingWindow = value;
            return this;
        }

        /**
         * Builds the channel.
         *
         * @return the channel
         */
        public AlipayAgreements build() {
            return new AlipayAgreements(this);
        }
    }
}
