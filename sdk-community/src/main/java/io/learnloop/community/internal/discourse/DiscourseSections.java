package io.learnloop.community.internal.discourse;

import io.learnloop.community.internal.PersonalRecords;
import io.learnloop.core.privacy.PersonalDataSource;

import java.util.List;
import java.util.function.Function;

/**
 * What the Discourse backend keeps locally about a learner, as export sections: the link from their derived
 * Discourse username back to their host id, the study-group invitations to or by them, and a suspension issued
 * through the SDK. Their posts, likes and flags are on the Discourse site, which exports them itself.
 *
 * <p>Thread-safe: stateless.
 */
public final class DiscourseSections {
    private DiscourseSections() {
    }

    /**
     * The sections, in the order an archive lists them.
     *
     * @return the sections
     */
    public static List<PersonalDataSource> all() {
        return List.of(
                // kept only for a host id that is not a username itself; its id is the derived username
                PersonalRecords.byId("discourse-user", Links.USER, Usernames::of),
                PersonalRecords.byIndex("discourse-invitations", Links.INVITE, Links.BY_USER),
                PersonalRecords.byId("discourse-suspensions", Links.SUSPENSION, Function.identity()));
    }
}
