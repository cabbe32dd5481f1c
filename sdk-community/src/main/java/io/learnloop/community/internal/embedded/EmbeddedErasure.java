package io.learnloop.community.internal.embedded;

import io.learnloop.community.NotificationKind;
import io.learnloop.community.PostStatus;
import io.learnloop.community.PostsOnErasure;
import io.learnloop.community.internal.Inputs;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.privacy.Erasure;
import io.learnloop.core.privacy.ErasureScope;
import io.learnloop.core.privacy.PersonalDataEraser;
import io.learnloop.core.store.Versioned;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The embedded community's erasure step: the learner's posts and topics are anonymised or removed per the host's
 * policy; their reactions, memberships, invitations, reports and suspensions name the pseudonym instead, with the
 * free text they wrote in reports erased; their notifications are deleted. Other learners' posts that
 * {@code @mention} them name the pseudonym instead, as a renamed account's mentions would.
 *
 * <p>Thread-safe: immutable.
 */
public final class EmbeddedErasure implements PersonalDataEraser {
    private static final Set<String> NONE = Set.of();

    private final PostsOnErasure posts;

    /**
     * Creates the step.
     *
     * @param posts what becomes of the learner's posts
     */
    public EmbeddedErasure(PostsOnErasure posts) {
        this.posts = Objects.requireNonNull(posts, "posts");
    }

    @Override
    public String step() {
        return "community";
    }

    @Override
    public boolean holds(ErasureScope scope, UserId learner) {
        return scope.context().read(uow -> !uow.findBy(Types.POST, "author", learner.value()).isEmpty()
                || !uow.findBy(Types.MEMBERSHIP, "user", learner.value()).isEmpty());
    }

    @Override
    public void erase(Erasure e) {
        String id = e.learner().value();
        boolean remove = posts == PostsOnErasure.REMOVE;
        Set<String> postText = remove ? Set.of("markdown") : NONE;
        String pseudonym = e.pseudonym().value();
        // a self-mention gave no notification, so the learner's own "@id" is renamed here
        e.rewriteAll(Types.POST, "author", id, postText, p -> remove ? p.withStatus(PostStatus.REMOVED)
                : p.withMarkdown(Inputs.renameMentions(p.markdown(), id, pseudonym)));
        e.rewriteMatching(Types.TOPIC, t -> id.equals(t.authorId()), remove ? Set.of("title") : NONE,
                UnaryOperator.identity());
        e.rewriteMatching(Types.REACTION, r -> id.equals(r.userId()), NONE, UnaryOperator.identity());
        e.rewriteAll(Types.MEMBERSHIP, "user", id, NONE, UnaryOperator.identity());
        e.rewriteMatching(Types.INVITE, i -> id.equals(i.userId()) || id.equals(i.invitedBy()), NONE,
                UnaryOperator.identity());
        e.rewriteMatching(Types.REPORT, r -> id.equals(r.reporterId()), Set.of("note"), UnaryOperator.identity());
        pseudonymiseMentions(e, id);
        e.rewriteAll(Types.NOTIFICATION, "user", id, NONE, null);
        e.rewriteMatching(Types.NOTIFICATION, n -> id.equals(n.fromUser()), NONE, UnaryOperator.identity());
        e.rewriteMatching(Types.SUSPENSION, s -> id.equals(s.userId()), Set.of("reason"), UnaryOperator.identity());
    }

    /**
     * Every post that mentions the learner gave them a mention notification, so those notifications, deleted right
     * after, find the mentions without reading every post; a stopped erasure still has them when it resumes.
     */
    private static void pseudonymiseMentions(Erasure e, String id) {
        List<String> mentioning = e.context().read(uow -> uow.findBy(Types.NOTIFICATION, "user", id).stream()
                .map(Versioned::value)
                .filter(n -> n.kind() == NotificationKind.MENTION && n.postId() != null)
                .map(Rows.NotificationRow::postId).distinct().toList());
        String pseudonym = e.pseudonym().value();
        for (String postId : mentioning) {
            // not Erasure.rewrite: a whole-token rewrite leaves "@id" alone, since '@' may belong to an id
            e.context().transactRetrying(uow -> uow.find(Types.POST, postId).map(v -> {
                String renamed = Inputs.renameMentions(v.value().markdown(), id, pseudonym);
                return !renamed.equals(v.value().markdown())
                        && uow.update(Types.POST, v.value().withMarkdown(renamed), v.version()) != null;
            }).orElse(false));
        }
    }

    @Override
    public String toString() {
        return "EmbeddedErasure[" + posts + "]";
    }
}
