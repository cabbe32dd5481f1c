package io.learnloop.community;

import io.learnloop.core.error.ValidationException;
import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.event.EventListener;
import io.learnloop.core.event.EventTypes;
import io.learnloop.core.identity.UserId;

import java.util.Objects;
import java.util.function.Function;

/**
 * Keeps community course membership in step with the host's entitlements: on every
 * {@link EventTypes#ACCESS_GRANTED} and {@link EventTypes#ACCESS_REVOKED} event it calls
 * {@link Community#syncMember} for the user the event names, so a purchase adds the learner to the course group and
 * a refund removes them. Register it as a listener of the {@code Learnloop} facade.
 *
 * <pre>{@code
 * Learnloop.builder().listener(MembershipSync.onAccessEvents(community, users::communityUser, "userId"))
 * }</pre>
 *
 * <p>{@code syncMember} recomputes every course group from {@link CourseAccess}, so a repeated or reordered delivery
 * converges on the same membership. A failed sync throws, and the core delivers the event again.
 *
 * <p>Thread-safe: immutable; the directory function must be thread-safe.
 */
public final class MembershipSync implements EventListener {
    private final Community community;
    private final Function<UserId, CommunityUser> directory;
    private final String userField;

    private MembershipSync(Community community, Function<UserId, CommunityUser> directory, String userField) {
        this.community = Objects.requireNonNull(community, "community");
        this.directory = Objects.requireNonNull(directory, "directory");
        if (userField == null || userField.isBlank()) {
            throw ValidationException.of("userField", "must name the event attribute holding the user id");
        }
        this.userField = userField;
    }

    /**
     * Creates the listener for the access events of {@code sdk-core}'s access service, which name the learner in
     * their {@code learner} attribute. Register it on the facade with {@code Learnloop.Builder#listener}.
     *
     * @param community the community to keep in step
     * @param directory finds the host user (email, name) for a user id; may return null for unknown users
     * @return the listener
     */
    public static MembershipSync onAccessEvents(Community community, Function<UserId, CommunityUser> directory) {
        return new MembershipSync(community, directory, "learner");
    }

    /**
     * Creates the listener.
     *
     * @param community the community to keep in step
     * @param directory finds the host user (email, name) for a user id; may return null for unknown users
     * @param userField the access events' attribute holding the user id
     * @return the listener
     */
    public static MembershipSync onAccessEvents(Community community, Function<UserId, CommunityUser> directory,
                                                String userField) {
        return new MembershipSync(community, directory, userField);
    }

    @Override
    public void onEvent(DomainEvent event) {
        if (!EventTypes.ACCESS_GRANTED.equals(event.type()) && !EventTypes.ACCESS_REVOKED.equals(event.type())) {
            return;
        }
        String user = event.get(userField);
        if (user == null) {
            return;
        }
        CommunityUser member = directory.apply(UserId.of(user));
        if (member != null) {
            community.syncMember(member);
        }
    }

    @Override
    public String toString() {
        return "MembershipSync[" + community + "]";
    }
}
