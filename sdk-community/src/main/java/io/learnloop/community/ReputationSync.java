package io.learnloop.community;

import io.learnloop.community.internal.embedded.EmbeddedCommunity;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.event.EventListener;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.reputation.ReputationAward;
import io.learnloop.core.reputation.ReputationEntry;
import io.learnloop.core.reputation.ReputationRejectedException;
import io.learnloop.core.reputation.ReputationService;
import io.learnloop.core.reputation.ReputationSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Records community knowledge sharing as reputation ({@link ReputationService}): an accepted answer earns its author
 * {@code ACCEPTED_ANSWER} points, a helpful reaction earns the post's author {@code HELPFUL_POST} points.
 *
 * <ul>
 *   <li>The embedded backend publishes {@code community.answer_accepted} and {@code community.post_reacted} domain
 *       events; register this as a listener of the {@code Learnloop} facade and it records them.</li>
 *   <li>Discourse sends webhooks: hand every {@link CommunityEvent} that {@link DiscourseWebhooks#receive} returns to
 *       {@link #onCommunityEvent}. An {@code accepted_solution} event (discourse-solved) and a {@code post_liked}
 *       event name Discourse users, which {@code users} turns into host user ids. Discourse does not say who accepted
 *       an answer, so that award's actor is the topic ({@code discourse-topic:<id>}): each topic awards an answerer
 *       once, and the plugin's own rules decide who may accept.</li>
 * </ul>
 *
 * <pre>{@code
 * AtomicReference<EventListener> reputation = new AtomicReference<>();
 * Learnloop learnloop = Learnloop.builder().listener(event -> reputation.get().onEvent(event)).build();
 * ReputationSync sync = ReputationSync.onCommunityEvents(learnloop.reputation(), users::byDiscourseUsername);
 * reputation.set(sync);
 * webhooks.receive(body, headers).ifPresent(sync::onCommunityEvent);
 * }</pre>
 *
 * <p>Every award carries the act's id as its source id, so a repeated delivery counts once. An award the
 * anti-gaming rules refuse (an author accepting or liking their own post, a second award of the same post, a voter
 * over the day's cap) is skipped, not retried: it never will count. Removing a like or an accepted answer takes
 * nothing back; the journal only grows, and decay wears old points down.
 *
 * <p>Thread-safe: immutable; the user function must be thread-safe.
 */
public final class ReputationSync implements EventListener {
    /** The embedded reactions that mark a post helpful. */
    public static final Set<String> HELPFUL_REACTIONS = Set.of("like", "helpful", "heart", "+1");

    private static final Logger LOG = LoggerFactory.getLogger(ReputationSync.class);

    private final ReputationService reputation;
    private final Function<String, UserId> users;

    private ReputationSync(ReputationService reputation, Function<String, UserId> users) {
        this.reputation = Objects.requireNonNull(reputation, "reputation");
        this.users = Objects.requireNonNull(users, "users");
    }

    /**
     * Creates the adapter.
     *
     * @param reputation the facade's reputation service
     * @param users      finds the host user of a Discourse username, or returns null for someone the host does not
     *                   know (their event is skipped); the embedded backend's events need no lookup
     * @return the adapter
     */
    public static ReputationSync onCommunityEvents(ReputationService reputation, Function<String, UserId> users) {
        return new ReputationSync(reputation, users);
    }

    /**
     * Records an embedded community event; other events are ignored.
     *
     * @param event a delivered domain event
     */
    @Override
    public void onEvent(DomainEvent event) {
        if (EmbeddedCommunity.ANSWER_ACCEPTED.equals(event.type())) {
            String author = event.get("author");
            String accepter = event.get("acceptedBy");
            String post = event.get("postId");
            if (author != null && accepter != null && post != null) {
                award(ReputationAward.acceptedAnswer(UserId.of(author), UserId.of(accepter), post));
            }
        } else if (EmbeddedCommunity.POST_REACTED.equals(event.type())
                && HELPFUL_REACTIONS.contains(event.get("reaction"))) {
            String author = event.get("author");
            String reactor = event.get("reactor");
            String post = event.get("postId");
            if (author != null && reactor != null && post != null) {
                award(ReputationAward.helpfulPost(UserId.of(author), UserId.of(reactor), post));
            }
        }
    }

    /**
     * Records a Discourse webhook event: {@link CommunityEventKind#ANSWER_ACCEPTED} and
     * {@link CommunityEventKind#POST_LIKED}; other kinds are ignored.
     *
     * @param event a verified delivery
     * @return the journal entry, or empty when the event earns nothing (another kind, an unknown user, an award the
     *         rules refuse)
     */
    public Optional<ReputationEntry> onCommunityEvent(CommunityEvent event) {
        Objects.requireNonNull(event, "event");
        if (event.postId() == null || event.username() == null) {
            return Optional.empty();
        }
        UserId author = users.apply(event.username());
        if (author == null) {
            return Optional.empty();
        }
        String target = "discourse-post:" + event.postId();
        if (event.kind() == CommunityEventKind.ANSWER_ACCEPTED && event.topicId() != null) {
            return award(new ReputationAward(ReputationSource.ACCEPTED_ANSWER, author,
                    UserId.of("discourse-topic:" + event.topicId()), target, "discourse:accepted:" + event.postId()));
        }
        if (event.kind() == CommunityEventKind.POST_LIKED && event.fields().get("liker") != null) {
            UserId liker = users.apply(event.fields().get("liker"));
            if (liker == null) {
                return Optional.empty();
            }
            return award(new ReputationAward(ReputationSource.HELPFUL_POST, author,
                    liker, target, "discourse:like:" + event.postId() + ":" + liker.value()));
        }
        return Optional.empty();
    }

    private Optional<ReputationEntry> award(ReputationAward award) {
        try {
            return Optional.of(reputation.record(award));
        } catch (ReputationRejectedException e) {
            LOG.debug("Community act {} earns no reputation: {}", award.sourceId(), e.getMessage());
            return Optional.empty();
        } catch (ConflictException e) {
            if (e.code() != ErrorCode.DUPLICATE_KEY) {
                throw e;
            }
            // the same act reported with another actor (a moderator accepting an answer again): counted once
            LOG.debug("Community act {} was already counted: {}", award.sourceId(), e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "ReputationSync[" + reputation + "]";
    }
}
