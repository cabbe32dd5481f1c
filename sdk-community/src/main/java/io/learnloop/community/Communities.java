package io.learnloop.community;

import io.learnloop.community.internal.discourse.DiscourseCommunity;
import io.learnloop.community.internal.embedded.EmbeddedCommunity;
import io.learnloop.core.ServiceContext;

/**
 * Entry point: builds a {@link Community} on one of the backends.
 *
 * <pre>{@code
 * Learnloop learnloop = Learnloop.builder().store(store).build();
 * CommunityOptions options = CommunityOptions.builder(myCourseAccess).catalog(learnloop.catalog())
 *         .progress(myProgress).build();
 * Community embedded = Communities.embedded(learnloop.context(), options);
 * }</pre>
 *
 * <p>Thread-safe: stateless.
 */
public final class Communities {
    private Communities() {
    }

    /**
     * The community inside the host's application, kept in the core store (in memory or JDBC).
     *
     * @param context the core service context
     * @param options the shared options
     * @return a thread-safe community
     */
    public static Community embedded(ServiceContext context, CommunityOptions options) {
        return new EmbeddedCommunity(context, options);
    }

    /**
     * The community on a Discourse site. The core store keeps which categories are course and group spaces, group
     * goals, invitations and suspensions issued through the SDK.
     *
     * @param context the core service context
     * @param options the shared options
     * @param config  the site configuration
     * @return a thread-safe community
     */
    public static Community discourse(ServiceContext context, CommunityOptions options, DiscourseConfig config) {
        return new DiscourseCommunity(context, options, config);
    }

    /**
     * The embedded community's step of every learner's erasure, to register with
     * {@code Learnloop.Builder.personalDataEraser}: the learner's posts and topics are anonymised or removed as the
     * policy says, and every other community record names the erasure's pseudonym instead of the learner.
     *
     * @param posts what becomes of the learner's posts ({@link PostsOnErasure#ANONYMISE} keeps them, anonymised)
     * @return the step; immutable and thread-safe
     */
    public static io.learnloop.core.privacy.PersonalDataEraser personalDataEraser(PostsOnErasure posts) {
        return new io.learnloop.community.internal.embedded.EmbeddedErasure(posts);
    }
}
