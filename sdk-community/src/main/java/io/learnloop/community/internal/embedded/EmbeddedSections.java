package io.learnloop.community.internal.embedded;

import io.learnloop.community.internal.PersonalRecords;
import io.learnloop.core.privacy.PersonalDataSource;

import java.util.List;
import java.util.function.Function;

/**
 * What the embedded community holds about a learner, as export sections: the topics and posts they wrote, their
 * reactions, group memberships, invitations (to them or by them), reports, notifications and a suspension. Each is
 * read through a sorted index keyed by the learner's id.
 *
 * <p>Thread-safe: stateless.
 */
public final class EmbeddedSections {
    private EmbeddedSections() {
    }

    /**
     * The sections, in the order an archive lists them.
     *
     * @return the sections
     */
    public static List<PersonalDataSource> all() {
        return List.of(
                PersonalRecords.byIndex("community-topics", Types.TOPIC, Types.BY_AUTHOR),
                PersonalRecords.byIndex("community-posts", Types.POST, Types.BY_AUTHOR),
                PersonalRecords.byIndex("community-reactions", Types.REACTION, Types.BY_USER),
                PersonalRecords.byIndex("community-memberships", Types.MEMBERSHIP, Types.BY_USER),
                PersonalRecords.byIndex("community-invitations", Types.INVITE, Types.BY_USER),
                PersonalRecords.byIndex("community-reports", Types.REPORT, Types.BY_USER),
                PersonalRecords.byIndex("community-notifications", Types.NOTIFICATION, Types.BY_USER),
                // a suspension's id is the suspended user's id
                PersonalRecords.byId("community-suspensions", Types.SUSPENSION, Function.identity()));
    }
}
