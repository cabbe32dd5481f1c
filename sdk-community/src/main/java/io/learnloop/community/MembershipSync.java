package io.learnloop.community;

import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.event.EventListener;
import io.learnloop.core.event.EventTypes;
import io.learnloop.core.identity.UserId;

import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Keeps community course membership in step with the host's entitlements: on every
 * {@link EventTypes#ACCESS_GRANTED}, {@link EventTypes#ACCESS_REVOKED} and {@link EventTypes#ACCESS_EXPIRED} event of
 * the core's access ledger it calls {@link Community#syncMember} for the learner the event names, so a purchase adds
 * the learner to the course group, and a refund or the end of a time-limited grant removes them. Register it as a
 * listener of the {@code Learnloop} facade.
 *
 * <p>The learner is read from the events' {@code learner} attribute, which every access event of the core carries;
 * there is nothing to configure, so the listener cannot be pointed at the wrong attribute. Other events are ignored.
 *
 * <pre>{@code
 * AtomicReference<EventListener> membership = new AtomicReference<>();
 * Learnloop learnloop = Learnloop.builder().listener(event -> membership.get().onEvent(event)).build();
 * Community community = Communities.discourse(learnloop.context(), options, config);
 * membership.set(MembershipSync.onAccessEvents(community, users::communityUser));
 * }</pre>
 *
 * <p>{@code syncMember} recomputes every course group from {@link CourseAccess}, so a repeated or reordered delivery
 * converges on the same membership. A failed sync throws, and the core delivers the event again.
 *
 * <p>Thread-safe: immutable; the directory function must be thread-safe.
 */
public final class MembershipSync implements EventListener {
    /** The access events that change who may use a course. */
    private static final Set<String> ACCESS_EVENTS =
            Set.of(EventTypes.ACCESS_GRANTED, EventTypes.ACCESS_REVOKED, EventTypes.ACCESS_EXPIRED);
    /** The attribute of the core's access events that names the learner. */
    private static final String LEARNER = "learner";

    private final Community community;
    private final Function<UserId, CommunityUser> directory;

    private MembershipSync(Community community, Function<UserId, CommunityUser> directory) {
        this.community = Objects.requireNonNull(community, "community");
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    /**
     * Creates the listener for the access events of {@code sdk-core}'s access ledger. Register it on the facade with
     * {@code Learnloop.Builder#listener}.
     *
     * @param community the community to keep in step
     * @param directory finds the host user (email, name, roles) for a user id; may return null for unknown users,
     *                  who are then skipped
     * @return the listener
     */
    public static MembershipSync onAccessEvents(Community community, Function<UserId, CommunityUser> directory) {
        return new MembershipSync(community, directory);
    }

    @Override
    public void onEvent(DomainEvent event) {
        if (!ACCESS_EVENTS.contains(event.type())) {
            return;
        }
        String learner = event.get(LEARNER);
        if (learner == null) {
            return;
        }
        CommunityUser member = directory.apply(UserId.of(learner));
        if (member != null) {
            community.syncMember(member);
        }
    }

    @Override
    public String toString() {
        return "MembershipSync[" + community + "]";
    }
}
