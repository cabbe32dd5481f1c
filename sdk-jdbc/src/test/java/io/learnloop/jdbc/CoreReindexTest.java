package io.learnloop.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.learnloop.core.Learnloop;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.OfferDraft;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.money.Money;
import io.learnloop.core.testing.Catalogue;
import io.learnloop.core.testing.Staff;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Offers and courses written before their newer indexes existed (here: those index entries removed, as an earlier
 * version left them) are missing from the course page's offers and the catalogue's "what next" until
 * {@link Learnloop#rebuildIndexes} rebuilds them.
 */
class CoreReindexTest {
    private static final Actor ADA = Actor.of("ada", Role.CREATOR);

    @Test
    void rebuildIndexes_whenOffersAndCoursesPredateTheirIndexes_listsThemAgainAndIsSafeToRepeat()
            throws SQLException {
        try (HikariDataSource h2 = TestDatabases.newH2(2)) {
            JdbcStores.migrate(h2, Dialect.H2);
            Learnloop learnloop = Learnloop.builder().store(JdbcStores.open(h2, Dialect.H2))
                    .idGenerator(IdGenerator.sequential("r")).build();
            Course course = Catalogue.published(learnloop, ADA, "Statistics");
            Offer offer = learnloop.commerce().createOffer(ADA, OfferDraft.course("Statistics",
                    Money.parse("30.00", "CNY"), course.id()));
            try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM learnloop_index_entry WHERE index_name IN ('courseOnSale', 'live')");
            }
            assertThat(learnloop.commerce().offersOnSale(course.id(), null, 10).items()).isEmpty();
            assertThat(learnloop.paths().nextInCatalogue(Staff.ADMIN, Actor.learner("lena").id(), null, 10).ready())
                    .isEmpty();

            int batches = learnloop.rebuildIndexes(Staff.ADMIN);
            learnloop.rebuildIndexes(Staff.ADMIN);

            assertThat(batches).isEqualTo(2);
            assertThat(learnloop.commerce().offersOnSale(course.id(), null, 10).items()).extracting(Offer::id)
                    .containsExactly(offer.id());
            assertThat(learnloop.paths().nextInCatalogue(Staff.ADMIN, Actor.learner("lena").id(), null, 10).ready())
                    .hasSize(1);
            assertThatThrownBy(() -> learnloop.rebuildIndexes(Actor.learner("lena")))
                    .isInstanceOf(ForbiddenException.class);
        }
    }
}
