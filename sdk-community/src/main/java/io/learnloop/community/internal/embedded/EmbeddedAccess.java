package io.learnloop.community.internal.embedded;

import io.learnloop.community.CourseAccess;
import io.learnloop.community.GroupGoal;
import io.learnloop.community.GroupRole;
import io.learnloop.community.StudyGroup;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.store.UnitOfWork;

import java.time.Instant;

import static io.learnloop.community.internal.embedded.Rows.GroupRow;
import static io.learnloop.community.internal.embedded.Rows.SpaceRow;
import static io.learnloop.community.internal.embedded.Rows.SuspensionRow;

/**
 * Who may read and write where in the embedded community: course spaces by entitlement, group spaces by
 * membership, everything by moderators; suspended users write nowhere.
 *
 * <p>Thread-safe: immutable.
 */
final class EmbeddedAccess {
    private final CourseAccess courseAccess;

    EmbeddedAccess(CourseAccess courseAccess) {
        this.courseAccess = courseAccess;
    }

    static String membershipId(String groupId, String userId) {
        return groupId + "|" + userId;
    }

    boolean canRead(UnitOfWork uow, Actor actor, SpaceRow space) {
        if (actor.has(Role.MODERATOR)) {
            return true;
        }
        return switch (space.kind()) {
            case GENERAL -> true;
            case COURSE -> courseAccess.entitled(actor.id(), space.courseId());
            case GROUP -> uow.find(Types.MEMBERSHIP, membershipId(space.groupId(), actor.id().value())).isPresent();
        };
    }

    void requireRead(UnitOfWork uow, Actor actor, SpaceRow space) {
        if (!canRead(uow, actor, space)) {
            throw new ForbiddenException(refusal(actor, space));
        }
    }

    void requireWrite(UnitOfWork uow, Actor actor, SpaceRow space, Instant now) {
        requireNotSuspended(uow, actor, now);
        requireRead(uow, actor, space);
    }

    void requireNotSuspended(UnitOfWork uow, Actor actor, Instant now) {
        uow.find(Types.SUSPENSION, actor.id().value()).map(v -> v.value())
                .filter(s -> s.until().isAfter(now))
                .ifPresent(s -> {
                    throw new ForbiddenException(suspended(actor, s));
                });
    }

    void requireEntitled(Actor actor, String courseId) {
        if (!actor.has(Role.MODERATOR) && !courseAccess.entitled(actor.id(), courseId)) {
            throw new ForbiddenException("User '" + actor.id() + "' is not entitled to course '" + courseId
                    + "'; buy or renew the course first.");
        }
    }

    void requireOwner(UnitOfWork uow, Actor actor, String groupId) {
        if (actor.has(Role.MODERATOR)) {
            return;
        }
        boolean owner = uow.find(Types.MEMBERSHIP, membershipId(groupId, actor.id().value()))
                .map(v -> v.value().role() == GroupRole.OWNER).orElse(false);
        if (!owner) {
            throw new ForbiddenException("User '" + actor.id() + "' is not an owner of study group '" + groupId + "'.");
        }
    }

    static StudyGroup toGroup(GroupRow g) {
        GroupGoal goal = g.goalCourseId() == null ? null : new GroupGoal(g.goalCourseId(), g.goalPercent(), g.goalDue());
        return new StudyGroup(g.id(), g.name(), g.spaceId(), g.inviteOnly(), goal);
    }

    private static String suspended(Actor actor, SuspensionRow s) {
        return "User '" + actor.id() + "' is suspended until " + s.until() + " (" + s.reason() + ") and cannot post.";
    }

    private static String refusal(Actor actor, SpaceRow space) {
        return switch (space.kind()) {
            case COURSE -> "User '" + actor.id() + "' is not entitled to course '" + space.courseId()
                    + "', so cannot use space '" + space.name() + "'.";
            case GROUP -> "Space '" + space.name() + "' belongs to a study group; join the group first.";
            case GENERAL -> "User '" + actor.id() + "' cannot use space '" + space.name() + "'.";
        };
    }
}
