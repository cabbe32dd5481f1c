package io.learnloop.community.internal.discourse;

import io.learnloop.community.SpaceKind;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.SortKeys;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What the Discourse backend keeps in the core store: which categories are course or group spaces, the study
 * groups' goals and invitations, the suspensions it issued (so a suspended user's post is refused before it is
 * sent), the host ids behind derived usernames, and the webhook events already accepted.
 *
 * <p>Thread-safe: immutable records and constants.
 */
public final class Links {
    /** The sorted index of a type under a host user id, by time: what a learner's export reads. */
    public static final String BY_USER = "userTime";

    /** Category id to space facts. */
    public record SpaceLink(String id, String name, String slug, SpaceKind kind, String courseId, String groupId,
                            String groupName, Instant createdAt) {
    }

    /** Discourse group id to study-group facts. */
    public record GroupLink(String id, String name, String categoryId, boolean inviteOnly, String goalCourseId,
                            int goalPercent, LocalDate goalDue, Instant createdAt) {
    }

    /** An open invitation to a study group; {@code username} holds the invited user's host id. */
    public record InviteLink(String id, String groupId, String username, String invitedBy, Instant createdAt) {
    }

    /** A suspension issued through the SDK. */
    public record SuspensionLink(String id, Instant until, String reason) {
    }

    /** A derived Discourse username and the host user id it stands for (see {@link Usernames}). */
    public record UserLink(String id, String hostId) {
    }

    /**
     * A webhook event already accepted, keyed by its identity (see {@code DeliveryIdentity}), not by the delivery's
     * event id, which changes with every retry.
     */
    public record Delivery(String id, String eventId, String event, Instant receivedAt) {
    }

    /** Category links. */
    public static final AggregateType<SpaceLink> SPACE = AggregateType
            .builder("discourse_space", SpaceLink.class, SpaceLink::id)
            .index("kind", s -> s.kind().name())
            .build();
    /** Group links. */
    public static final AggregateType<GroupLink> GROUP = AggregateType
            .builder("discourse_group", GroupLink.class, GroupLink::id)
            .unique("name", GroupLink::name)
            .build();
    /** Invitations, also under the host ids of the invited and the inviting user, by time. */
    public static final AggregateType<InviteLink> INVITE = AggregateType
            .builder("discourse_invite", InviteLink.class, InviteLink::id)
            .sortedMultiIndex(Links.BY_USER, i -> List.of(i.username(), i.invitedBy()),
                    i -> SortKeys.instant(i.createdAt()))
            .build();
    /** Suspensions. */
    public static final AggregateType<SuspensionLink> SUSPENSION = AggregateType
            .builder("discourse_suspension", SuspensionLink.class, SuspensionLink::id)
            .build();
    /** Host ids behind derived usernames, by username. */
    public static final AggregateType<UserLink> USER = AggregateType
            .builder("discourse_user", UserLink.class, UserLink::id)
            .build();
    /** Webhook events accepted, by identity. */
    public static final AggregateType<Delivery> DELIVERY = AggregateType
            .builder("discourse_webhook_delivery", Delivery.class, Delivery::id)
            .build();

    private Links() {
    }
}
