package io.learnloop.spring.internal;

import io.learnloop.core.Page;
import io.learnloop.core.access.AccessDecision;
import io.learnloop.core.access.AccessService;
import io.learnloop.core.access.Grant;
import io.learnloop.core.access.GrantId;
import io.learnloop.core.access.GrantRequest;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.UserId;
import io.micrometer.observation.ObservationRegistry;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The facade's {@link AccessService} with its access decisions observed through Micrometer's Observation API as
 * {@code learnloop.access.decisions}, tagged with low-cardinality values only: {@code scope} ({@code lesson},
 * {@code course}), {@code allowed} ({@code true}, {@code false}) and {@code reason} (the {@code AccessReason}, for
 * example {@code purchased}, {@code not_entitled}; {@code none} for {@code hasAccess}, which gives none). Never a
 * learner, course or lesson id. Every other method passes through unobserved.
 *
 * <p>Thread-safe when the delegate is.
 */
public final class ObservedAccess implements AccessService {
    private static final String NAME = "learnloop.access.decisions";
    private final AccessService delegate;
    private final ObservationRegistry registry;

    /**
     * Wraps a service.
     *
     * @param delegate the service
     * @param registry the observation registry
     */
    public ObservedAccess(AccessService delegate, ObservationRegistry registry) {
        this.delegate = delegate;
        this.registry = registry;
    }

    @Override
    public AccessDecision decide(UserId learner, LessonId lesson, Instant at) {
        return Observations.observe(registry, NAME, Map.of("scope", "lesson"),
                () -> delegate.decide(learner, lesson, at), ObservedAccess::tags);
    }

    @Override
    public AccessDecision decideCourse(UserId learner, CourseId course, Instant at) {
        return Observations.observe(registry, NAME, Map.of("scope", "course"),
                () -> delegate.decideCourse(learner, course, at), ObservedAccess::tags);
    }

    @Override
    public boolean hasAccess(UserId learner, CourseId course, Instant at) {
        return Observations.observe(registry, NAME, Map.of("scope", "course"),
                () -> delegate.hasAccess(learner, course, at),
                allowed -> Map.of("allowed", String.valueOf(allowed), "reason", "none"));
    }

    private static Map<String, String> tags(AccessDecision d) {
        return Map.of("allowed", String.valueOf(d.allowed()), "reason", d.reason().name().toLowerCase(Locale.ROOT));
    }

    @Override
    public Grant grant(Actor actor, GrantRequest request) {
        return delegate.grant(actor, request);
    }

    @Override
    public List<Grant> revokeChargeback(Actor actor, OrderId order, String reference) {
        return delegate.revokeChargeback(actor, order, reference);
    }

    @Override
    public Page<Grant> learnersOf(Actor viewer, CourseId course, String cursor, int limit) {
        return delegate.learnersOf(viewer, course, cursor, limit);
    }

    @Override
    public Grant revoke(Actor admin, GrantId grant, String reason) {
        return delegate.revoke(admin, grant, reason);
    }

    @Override
    public Grant grantById(GrantId grant) {
        return delegate.grantById(grant);
    }

    @Override
    public List<Grant> grantsOf(UserId learner) {
        return delegate.grantsOf(learner);
    }

    @Override
    public List<CourseId> entitledCourses(UserId learner, Instant at) {
        return delegate.entitledCourses(learner, at);
    }

    @Override
    public String toString() {
        return "ObservedAccess[" + delegate + "]";
    }
}
