package io.learnloop.core.commerce;

import io.learnloop.core.Page;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;

/**
 * Offers, coupons and orders. Every change is one store transaction with compare-and-set on the changed
 * aggregates' versions, and publishes its domain event in the same transaction. A failed call changes nothing.
 *
 * <p>Obtain it from {@link io.learnloop.core.Learnloop#commerce()}. Payment, expiry and refunds are not here: they
 * belong to the settlement of payments ({@link io.learnloop.core.Learnloop#settlement()}), which the payment
 * channels drive.
 *
 * <p>Roles: offers and coupons need {@link Role#CREATOR} (their owner, or an admin, changes them); a learner places,
 * reads and cancels their own orders; {@link Role#FINANCE} reads every order.
 *
 * <p>Implementations are thread-safe.
 */
public interface CommerceService {
    /**
     * Creates an offer, on sale at once. Every course it sells must exist and be live (published or unlisted), and
     * the actor must be one of each course's authors (its creator or a co-author) or an admin; a membership plan
     * that covers whole categories reaches other creators' courses, so only an admin may create one.
     *
     * @param actor a creator who authors every course sold (or an admin)
     * @param draft what to sell
     * @return the offer
     * @throws io.learnloop.core.error.ForbiddenException  if the actor is not a creator, or a course is not theirs
     * @throws io.learnloop.core.error.ValidationException if the draft is missing, or a course does not exist or is
     *                                                     not live (each named by its field)
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
     * The offers on sale that sell a course (alone or in a bundle), oldest first, a page at a time: what a course
     * page shows. Offers taken off sale drop out of the listing and come back when put on sale again.
     *
     * @param course the course
     * @param cursor the previous page's {@link Page#nextCursor()}, or null for the first page
     * @param limit  the most offers on the page, 1 to {@value Page#MAX_LIMIT}
     * @return the page
     * @throws io.learnloop.core.error.ValidationException if the course is null, the limit out of range or the cursor
     *                                                     not one this listing returned
     */
    Page<Offer> offersOnSale(io.learnloop.core.catalog.CourseId course, String cursor, int limit);

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
     * @param viewer the order's learner, or someone with {@link Role#FINANCE}
     * @param id     the id
     * @return the order
     * @throws io.learnloop.core.error.NotFoundException  if there is none
     * @throws io.learnloop.core.error.ForbiddenException if the viewer may not see it
     */
    Order order(Actor viewer, OrderId id);

    /**
     * Reads the order the learner placed with a client key.
     *
     * @param learner   the learner who placed it
     * @param clientKey the key
     * @return the order, or null if none
     */
    Order orderByClientKey(Actor learner, String clientKey);

    /**
     * One page of a learner's orders, newest first.
     *
     * @param viewer  the learner, or someone with {@link Role#FINANCE}
     * @param learner the learner
     * @param cursor  the previous page's {@link Page#nextCursor()}, or null for the first page
     * @param limit   the page size, 1 to {@value Page#MAX_LIMIT}
     * @return the page
     * @throws io.learnloop.core.error.ForbiddenException if the viewer may not see them
     */
    Page<Order> ordersOf(Actor viewer, UserId learner, String cursor, int limit);

    /**
     * One page of the orders in one state, the most recently changed first; for example the latest paid orders.
     *
     * @param viewer someone with {@link Role#FINANCE}
     * @param status the state
     * @param cursor the previous page's {@link Page#nextCursor()}, or null for the first page
     * @param limit  the page size, 1 to {@value Page#MAX_LIMIT}
     * @return the page
     * @throws io.learnloop.core.error.ForbiddenException if the viewer lacks the role
     */
    Page<Order> ordersIn(Actor viewer, OrderStatus status, String cursor, int limit);

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
}
