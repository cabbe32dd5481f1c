package io.learnloop.core.access;

import io.learnloop.core.Learnloop;
import io.learnloop.core.Page;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.testing.Catalogue;
import io.learnloop.core.testing.MutableClock;
import io.learnloop.core.testing.Staff;
import io.learnloop.core.testing.TrustedAccess;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The learners of a course, a page at a time, for its authors. */
class LearnersOfTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
    private final Learnloop learnloop = Learnloop.builder().clock(clock).idGenerator(IdGenerator.sequential("id"))
            .build();
    private final Actor ada = Actor.of("ada", Role.CREATOR);

    @Test
    void learnersOf_whenPagedByItsAuthor_walksEveryGrantOnceNewestFirst() {
        Course java = Catalogue.published(learnloop, ada, "Java");
        Course other = Catalogue.published(learnloop, ada, "Other");
        TrustedAccess trusted = new TrustedAccess(learnloop);
        for (int i = 0; i < 23; i++) {
            clock.advance(Duration.ofMinutes(1));
            trusted.grant(GrantRequest.purchase(UserId.of("learner-" + i), OrderId.of("o-" + i), "line-1",
                    List.of(i % 5 == 0 ? other.id() : java.id()), clock.instant(), null));
        }

        List<String> walked = new ArrayList<>();
        String cursor = null;
        do {
            Page<Grant> page = learnloop.access().learnersOf(ada, java.id(), cursor, 7);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(7);
            page.items().forEach(g -> walked.add(g.learner().value()));
            cursor = page.nextCursor();
        } while (cursor != null);

        assertThat(walked).hasSize(18).doesNotHaveDuplicates().startsWith("learner-22", "learner-21")
                .doesNotContain("learner-0", "learner-5");
        assertThat(learnloop.access().learnersOf(Staff.ADMIN, other.id(), null, 100).items()).hasSize(5);
        assertThatThrownBy(() -> learnloop.access().learnersOf(Actor.of("linus", Role.CREATOR), java.id(), null, 10))
                .isInstanceOf(ForbiddenException.class);
    }
}
