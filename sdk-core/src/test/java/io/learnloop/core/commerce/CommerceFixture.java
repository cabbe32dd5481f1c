package io.learnloop.core.commerce;

import io.learnloop.core.Learnloop;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.internal.commerce.CommerceTypes;
import io.learnloop.core.internal.commerce.DefaultCommerceService;
import io.learnloop.core.testing.Catalogue;
import io.learnloop.core.money.Money;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.testing.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A facade on an in-memory store with a settable clock, sequential ids and a recording listener. */
final class CommerceFixture {
    static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    final MutableClock clock = new MutableClock(T0);
    final List<DomainEvent> events = new CopyOnWriteArrayList<>();
    final Learnloop learnloop = Learnloop.builder()
            .clock(clock)
            .idGenerator(IdGenerator.sequential("id"))
            .listener(events::add)
            .build();
    final CommerceService commerce = learnloop.commerce();
    /** The order transitions the settlement drives, for tests of the order machine itself. */
    final DefaultCommerceService orders = (DefaultCommerceService) learnloop.commerce();
    final Actor creator = Actor.of("creator-1", Role.CREATOR);
    final Actor admin = Actor.of("admin-1", Role.ADMIN);
    final Actor learner = Actor.learner("learner-1");

    Offer course(String title, Money price) {
        CourseId course = Catalogue.publishedId(learnloop, creator, title);
        return commerce.createOffer(creator, OfferDraft.course(title, price, course));
    }

    /** Creates a platform coupon (an admin's, valid for any offer). */
    Coupon coupon(CouponDraft draft) {
        return commerce.createCoupon(admin, draft);
    }

    CouponDraft percent(String code, int bps) {
        return CouponDraft.percent(code, bps, T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(30)));
    }

    CouponDraft fixed(String code, Money off) {
        return CouponDraft.fixed(code, off, T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(30)));
    }

    <T> long count(AggregateType<T> type) {
        return learnloop.context().read(uow -> uow.count(type));
    }

    long orders() {
        return count(CommerceTypes.ORDER);
    }

    List<String> eventTypes() {
        return events.stream().map(DomainEvent::type).toList();
    }

    static Money cny(String decimal) {
        return Money.parse(decimal, "CNY");
    }
}
