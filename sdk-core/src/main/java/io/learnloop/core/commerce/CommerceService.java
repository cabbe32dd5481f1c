package io.learnloop.core.commerce;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.internal.commerce.DefaultCommerceService;

import java.util.List;

/**
 * Offers, coupons and orders. Every change is one store transaction with compare-and-set on the changed
 * aggregates' versions, and publishes its domain event in the same transaction. A failed call changes nothing.
 *
 * <p>Obtain it from {@link io.learnloop.core.Learnloop#commerce()}, or build one with other settings with
 * {@link #create(ServiceContext, CommerceSettings)}.
 *
 * <p>Payment-side transitions ({@link #startPayment}, {@link #markPaid}, {@link #expire}, {@link #refund}) take no
 * actor: they are called by the payment pipeline or by host code that has already authorised the caller.
 *
 * <p>Implementations are thread-safe.
 */
public interface CommerceService {
    /**
     * Builds a commerce service on a facade's context.
     *
     * @param context  the context ({@link io.learnloop.core.Learnloop#context()})
     * @param settings the settings
     * @return the service
     */
    static CommerceService create(ServiceContext context, CommerceSettings settings) {
        return new DefaultCommerceService(context, settings);
    }

    /**
     * Creates an offer, on sale at once.
     *
     * @param actor a creator (or admin)
     * @param draft what to sell
     * @return the offer
     * @throws io.learnloop.core.error.ForbiddenException  if the actor is not a creator
     * @throws io.learnloop.core.error.ValidationException if the draft is missing
     */
    Offer createOffer(Actor actor, OfferDraft draft);

    /**
     * Reads an offer.
     *
     * @param id the id
     * @return the offer
     * @throws io.learnloop.core.error.NotFoundException if there is none
     */
    Offer offer(OfferId id);

    /**
     * Puts an offer on or off sale. Orders already placed keep it.
     *
     * @param actor  the offer's owner, or an admin
     * @param id     the offer
     * @param active whether it can be bought
     * @return the changed offer
     */
    Offer setOfferActive(Actor actor, OfferId id, boolean active);

    /**
     * Creates a coupon. An admin may make a coupon for any offers (or all); a creator only for offers they own, which
     * the coupon must list.
     *
     * @param actor a creator (or admin)
     * @param draft the coupon
     * @return the coupon
     * @throws io.learnloop.core.error.ConflictException  with DUPLICATE_KEY if the code is taken
     * @throws io.learnloop.core.error.ForbiddenException if a creator lists another creator's offer
     */
    Coupon createCoupon(Actor actor, CouponDraft draft);

    /**
     * Reads a coupon.
     *
     * @param code the code (any case)
     * @return the coupon
     * @throws io.learnloop.core.error.NotFoundException if there is none
     */
    Coupon coupon(String code);

    /**
     * Switches a coupon on or off.
     *
     * @param actor  the coupon's owner, or an admin
     * @param code   the code
     * @param active whether it can be used
     * @return the changed coupon
     */
    Coupon setCouponActive(Actor actor, String code, boolean active);

    /**
     * Prices a would-be order exactly as {@link #placeOrder} would, without storing anything.
     *
     * @param learner the learner
     * @param request the offers and coupons
     * @return the quote
     * @throws CouponRejectedException                        if a coupon cannot be used
     * @throws io.learnloop.core.error.ValidationException     if the request is invalid
     */
    Quote quote(Actor learner, PlaceOrder request);

    /**
     * Places an order in state {@link OrderStatus#CREATED}, holding one redemption of each coupon. Idempotent: the
     * same learner and client key return the order placed first (even when many threads place it at once); reusing a
     * key for different offers or coupons is a conflict.
     *
     * @param learner the learner
     * @param request the offers and coupons
     * @return the order
     * @throws CouponRejectedException                    if a coupon cannot be used
     * @throws io.learnloop.core.error.ValidationException if the request is invalid (nothing is stored)
     * @throws io.learnloop.core.error.ConflictException   with DUPLICATE_KEY if the key was used for another order
     */
    Order placeOrder(Actor learner, PlaceOrder request);

    /**
     * Reads an order.
     *
     * @param id the id
     * @return the order
     * @throws io.learnloop.core.error.NotFoundException if there is none
     */
    Order order(OrderId id);

    /**
     * Reads the order a learner placed with a client key.
     *
     * @param learner   the learner
     * @param clientKey the key
     * @return the order, or null if none
     */
    Order orderByClientKey(UserId learner, String clientKey);

    /**
     * Reads a learner's orders, oldest first.
     *
     * @param learner the learner
     * @return the orders
     */
    List<Order> ordersOf(UserId learner);

    /**
     * Reads orders in one state, oldest first, a page at a time; for example the orders still awaiting payment, for
     * reconciliation.
     *
     * @param status the state
     * @param offset how many to skip
     * @param limit  the most to return, 0 to 1000
     * @return the page
     */
    List<Order> ordersIn(OrderStatus status, int offset, int limit);

    /**
     * Moves an order from CREATED to AWAITING_PAYMENT.
     *
     * @param id the order
     * @return the changed order
     * @throws io.learnloop.core.error.ConflictException with INVALID_STATE if not CREATED, or VERSION_CONFLICT if it
     *                                                   changed meanwhile
     */
    Order startPayment(OrderId id);

    /**
     * Moves an order from AWAITING_PAYMENT to PAID. The receipt's amount must equal the order's total.
     *
     * @param id      the order
     * @param receipt the payment's receipt
     * @return the changed order
     * @throws io.learnloop.core.error.ConflictException   with INVALID_STATE if not AWAITING_PAYMENT
     * @throws io.learnloop.core.error.ValidationException if the amount or currency differ from the order's total
     */
    Order markPaid(OrderId id, PaymentReceipt receipt);

    /**
     * Cancels an unpaid order and gives its coupons back.
     *
     * @param actor the order's learner, or an admin
     * @param id    the order
     * @return the changed order
     * @throws io.learnloop.core.error.ConflictException  with INVALID_STATE if already paid or final
     * @throws io.learnloop.core.error.ForbiddenException if the actor is neither the learner nor an admin
     */
    Order cancel(Actor actor, OrderId id);

    /**
     * Expires an unpaid order whose payment deadline has passed, and gives its coupons back.
     *
     * @param id the order
     * @return the changed order
     * @throws io.learnloop.core.error.ConflictException with INVALID_STATE if paid, final, or not yet due
     */
    Order expire(OrderId id);

    /**
     * Refunds parts of a paid order. Each line's refunds together never exceed its net amount. The order becomes
     * REFUNDED when every line is fully refunded, else PARTIALLY_REFUNDED. Idempotent per refund key: a refund that
     * loses a race with another change of the order is re-evaluated on the new state, so concurrent refunds of one
     * line together never exceed its net.
     *
     * @param id      the order
     * @param request what to refund
     * @return the changed order
     * @throws io.learnloop.core.error.ConflictException   with INVALID_STATE if not paid, or DUPLICATE_KEY if the
     *                                                     refund key was used with other amounts
     * @throws io.learnloop.core.error.ValidationException if a line or amount is invalid or exceeds what is left
     */
    Order refund(OrderId id, RefundRequest request);
}
