package io.learnloop.lms.internal;

import io.learnloop.core.Learnloop;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.access.Grant;
import io.learnloop.core.access.GrantRequest;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.error.NotFoundException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.store.UnitOfWork;
import io.learnloop.core.store.Versioned;
import io.learnloop.lms.LicenceRequest;
import io.learnloop.lms.PlatformRegistration;
import io.learnloop.lms.RosterMember;
import io.learnloop.lms.SeatLicence;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Organisation licences and their seats. Taking a seat and counting it is one store transaction (the licence's count
 * is compare-and-set, so two launches on two instances never take the last seat twice); the seat then becomes a
 * grant in the core's access ledger through {@code AccessService.grant}, idempotent per learner and licence. Should
 * the grant fail after the seat was taken, the seat stays the learner's and their next launch grants it: a seat is
 * never lost and never counted twice.
 *
 * <p>Thread-safe: immutable.
 */
final class Seats {
    /** The event announcing that a learner took a seat; data {@code licence}, {@code learner}, {@code taken}. */
    static final String SEAT_TAKEN = "lti.seat_taken";

    private final Learnloop learnloop;
    private final ServiceContext context;
    private final Platforms platforms;

    Seats(Learnloop learnloop, Platforms platforms) {
        this.learnloop = learnloop;
        this.context = learnloop.context();
        this.platforms = platforms;
    }

    SeatLicence record(Actor admin, LicenceRequest request) {
        admin.require(Role.ADMIN, "record an organisation licence");
        List<PlatformRegistration> registered = platforms.ofIssuer(request.issuer());
        boolean deployed = registered.stream()
                .anyMatch(p -> platforms.hasDeployment(p.issuer(), p.clientId(), request.deploymentId()));
        if (!deployed) {
            throw ValidationException.of("deploymentId", "'" + request.deploymentId() + "' is not a registered "
                    + "deployment of platform '" + request.issuer() + "'; register it first");
        }
        for (CourseId course : request.courses()) {
            learnloop.catalog().course(course); // NotFoundException before anything is recorded
        }
        String unique = Keys.of(request.issuer(), request.deploymentId(), request.reference());
        return context.transactRetrying(uow -> {
            Optional<Versioned<SeatLicence>> existing = uow.findUnique(LmsTypes.LICENCE, "reference", unique);
            if (existing.isPresent()) {
                return existing.get().value();
            }
            SeatLicence licence = new SeatLicence(context.newId(), request.issuer(), request.deploymentId(),
                    request.courses(), request.seats(), 0, request.startsAt(), request.endsAt(), request.reference(),
                    admin.id(), context.now());
            uow.insert(LmsTypes.LICENCE, licence);
            return licence;
        });
    }

    Optional<SeatLicence> find(String id) {
        return context.read(uow -> uow.find(LmsTypes.LICENCE, id)).map(Versioned::value);
    }

    List<SeatLicence> of(String issuer, String deploymentId) {
        return context.read(uow -> uow.findBy(LmsTypes.LICENCE, "deployment", Keys.of(issuer, deploymentId)))
                .stream().map(Versioned::value).toList();
    }

    /**
     * The grant of the seat that opens a course to a learner launched from a deployment: the seat they already hold,
     * or a free one taken now. Empty when no licence of the deployment opens the course or every seat is taken.
     */
    Optional<Grant> seatFor(String issuer, String deploymentId, UserId learner, CourseId course) {
        Instant now = context.now();
        SeatLicence licence = context.transactRetrying(uow -> take(uow, issuer, deploymentId, learner, course, now));
        if (licence == null) {
            return Optional.empty();
        }
        return Optional.of(grant(licence, learner));
    }

    private SeatLicence take(UnitOfWork uow, String issuer, String deploymentId, UserId learner, CourseId course,
                             Instant now) {
        List<Versioned<SeatLicence>> licences = uow.findBy(LmsTypes.LICENCE, "deployment",
                Keys.of(issuer, deploymentId)).stream().filter(v -> v.value().opens(course, now)).toList();
        for (Versioned<SeatLicence> v : licences) {
            if (uow.find(LmsTypes.SEAT, Keys.of(v.value().id(), learner.value())).isPresent()) {
                return v.value();
            }
        }
        for (Versioned<SeatLicence> v : licences) {
            if (v.value().free() > 0) {
                return takeIn(uow, v, learner, now);
            }
        }
        return null;
    }

    private SeatLicence takeIn(UnitOfWork uow, Versioned<SeatLicence> v, UserId learner, Instant now) {
        SeatLicence l = v.value();
        SeatLicence counted = new SeatLicence(l.id(), l.issuer(), l.deploymentId(), l.courses(), l.seats(),
                l.taken() + 1, l.startsAt(), l.endsAt(), l.reference(), l.recordedBy(), l.recordedAt());
        uow.update(LmsTypes.LICENCE, counted, v.version());
        uow.insert(LmsTypes.SEAT, new SeatRow(Keys.of(l.id(), learner.value()), l.id(), learner.value(), now));
        uow.publish(context.event(SEAT_TAKEN, l.id(), Map.of("licence", l.id(), "learner", learner.value(),
                "taken", Integer.toString(counted.taken()))));
        return counted;
    }

    /**
     * Gives seats of one licence to the active learners of a roster page, before their first launch. Members who
     * hold a seat keep it; when the seats run out the rest are left without one.
     */
    List<Grant> provision(Actor admin, String licenceId, List<RosterMember> members, Learners learners) {
        admin.require(Role.ADMIN, "give seats of an organisation licence");
        SeatLicence licence = find(licenceId).orElseThrow(() -> new NotFoundException("organisation licence", licenceId));
        List<Grant> granted = new java.util.ArrayList<>();
        for (RosterMember member : members) {
            if (!member.isActiveLearner()) {
                continue;
            }
            UserId learner = learners.learnerOf(licence.issuer(), member.userId());
            Instant now = context.now();
            SeatLicence seated = context.transactRetrying(uow -> {
                Versioned<SeatLicence> v = uow.get(LmsTypes.LICENCE, licenceId);
                if (uow.find(LmsTypes.SEAT, Keys.of(licenceId, learner.value())).isPresent()) {
                    return v.value();
                }
                return v.value().free() > 0 ? takeIn(uow, v, learner, now) : null;
            });
            if (seated != null) {
                granted.add(grant(seated, learner));
            }
        }
        return granted;
    }

    /** Records (or finds) the access-ledger grant of a learner's seat. */
    Grant grant(SeatLicence licence, UserId learner) {
        Actor granter = new Actor(licence.recordedBy(), Set.of(Role.ADMIN));
        return learnloop.access().grant(granter, GrantRequest.manual(learner, licence.courses(),
                licence.grantReference(), licence.startsAt(), licence.endsAt()));
    }
}
