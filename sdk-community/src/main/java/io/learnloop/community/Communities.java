package io.learnloop.community;

import io.learnloop.community.internal.discourse.DiscourseCommunity;
import io.learnloop.community.internal.discourse.DiscourseErasure;
import io.learnloop.community.internal.discourse.DiscourseSections;
import io.learnloop.community.internal.embedded.EmbeddedCommunity;
import io.learnloop.community.internal.embedded.EmbeddedErasure;
import io.learnloop.community.internal.embedded.EmbeddedSections;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.privacy.PersonalDataEraser;
import io.learnloop.core.privacy.PersonalDataSource;

import java.util.List;

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
     * Rebuilds the sorted indexes the embedded community's listings page through (spaces by creation time, a
     * space's topics by creation time, a topic's posts by number) for every space, topic and post in the context's
     * tenant, a batch per transaction ({@link io.learnloop.core.store.Stores#reindex}). Run it once after upgrading
     * from a version without them, whose rows those listings do not show until then; it is safe to repeat and to run
     * while the community serves requests.
     *
     * @param context the core service context of the community
     * @return how many batches were rebuilt
     */
    public static int rebuildEmbeddedIndexes(ServiceContext context) {
        return EmbeddedCommunity.rebuildIndexes(context);
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
    public static PersonalDataEraser personalDataEraser(PostsOnErasure posts) {
        return new EmbeddedErasure(posts);
    }

    /**
     * The embedded community's sections of every learner's export, to register each with
     * {@code Learnloop.Builder.personalDataSource}: {@code community-topics}, {@code community-posts},
     * {@code community-reactions}, {@code community-memberships}, {@code community-invitations} (to or by the
     * learner), {@code community-reports}, {@code community-notifications} (to the learner) and
     * {@code community-suspensions}, each record as the store keeps it. Each is read a page at a time through an
     * index keyed by the learner.
     *
     * @return the sections, in archive order; immutable and thread-safe
     */
    public static List<PersonalDataSource> personalDataSources() {
        return EmbeddedSections.all();
    }

    /**
     * The Discourse backend's step of every learner's erasure, to register with
     * {@code Learnloop.Builder.personalDataEraser}: Discourse is asked to anonymise the learner's account (found by
     * its DiscourseConnect external id, the host user id), then the local records (the username link, invitations,
     * a suspension) go or name the erasure's pseudonym. If Discourse cannot be reached or fails, the erasure stops
     * with the {@link CommunityRemoteException} and resumes here when asked again; an account Discourse does not
     * know (never synced, or anonymised already) counts as done.
     *
     * @param config the site, with an admin API key
     * @return the step; immutable and thread-safe
     */
    public static PersonalDataEraser discoursePersonalDataEraser(DiscourseConfig config) {
        return new DiscourseErasure(config);
    }

    /**
     * What the Discourse backend keeps locally about a learner, as export sections to register each with
     * {@code Learnloop.Builder.personalDataSource}: {@code discourse-user} (the link from a derived username to the
     * host id), {@code discourse-invitations} and {@code discourse-suspensions}. Posts and likes live on the
     * Discourse site and are exported there.
     *
     * @return the sections, in archive order; immutable and thread-safe
     */
    public static List<PersonalDataSource> discoursePersonalDataSources() {
        return DiscourseSections.all();
    }
}
