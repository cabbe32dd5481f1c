package io.learnloop.community;

import io.learnloop.core.Learnloop;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.testing.MutableClock;
import io.learnloop.jdbc.Dialect;
import io.learnloop.jdbc.JdbcStores;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rows written before the embedded community's sorted indexes existed (here: their index entries removed, as an
 * older version left them) are not listed until {@link Communities#rebuildEmbeddedIndexes} rebuilds the indexes.
 */
class EmbeddedReindexTest {
    private static final Actor MOD = Actor.of("mod", Role.MODERATOR);
    private static final Actor ANN = Actor.learner("ann");

    @Test
    void rebuildEmbeddedIndexes_whenRowsPredateTheSortedIndexes_listsThemAgainAndIsSafeToRepeat() throws SQLException {
        javax.sql.DataSource h2 = new TestStores.H2Memory("jdbc:h2:mem:community_reindex;DB_CLOSE_DELAY=-1");
        JdbcStores.migrate(h2, Dialect.H2);
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        Learnloop learnloop = Learnloop.builder().store(JdbcStores.open(h2, Dialect.H2)).clock(clock)
                .idGenerator(IdGenerator.sequential("id")).build();
        Community community = Communities.embedded(learnloop.context(),
                CommunityOptions.builder(new Entitlements()).pageSize(2).build());
        Space lounge = community.createSpace(MOD, NewSpace.general("Lounge"));
        clock.advance(Duration.ofSeconds(1));
        Space help = community.createSpace(MOD, NewSpace.general("Help"));
        Topic topic = community.createTopic(ANN, lounge.id(), "Hello", "First", false);
        community.reply(ANN, topic.id(), "Second", 0);
        community.reply(ANN, topic.id(), "Third", 0);
        try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM learnloop_index_entry WHERE index_name IN ('created', 'spaceTime', 'topicOrder')");
        }
        assertThat(community.spaces(ANN).items()).isEmpty();
        assertThat(community.posts(ANN, topic.id()).items()).isEmpty();

        int batches = Communities.rebuildEmbeddedIndexes(learnloop.context());
        Communities.rebuildEmbeddedIndexes(learnloop.context());

        assertThat(batches).isEqualTo(3);
        assertThat(community.spaces(ANN).streamAll().map(Space::id)).containsExactly(lounge.id(), help.id());
        assertThat(community.topics(ANN, lounge.id()).items()).extracting(Topic::id).containsExactly(topic.id());
        assertThat(community.posts(ANN, topic.id()).streamAll().map(Post::number)).containsExactly(1, 2, 3);
        assertThat(List.of(community.posts(ANN, topic.id(), null, 3).items().size())).containsExactly(3);
    }
}
