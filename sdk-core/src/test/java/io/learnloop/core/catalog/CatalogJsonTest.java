package io.learnloop.core.catalog;

import io.learnloop.core.json.LearnloopJson;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogJsonTest {
    private static <T> void roundTrips(T value) {
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) value.getClass();
        String json = LearnloopJson.toJson(value);
        assertThat(LearnloopJson.fromJson(json, type)).as(json).isEqualTo(value);
    }

    @Test
    void everyCatalogRecord_whenWrittenAndRead_isEqual() {
        CatalogFixture f = new CatalogFixture(2);
        Course c = f.published("Json");
        // needs two approvals: one approval so far, so the course is still in review
        assertThat(c.status()).isEqualTo(CourseStatus.IN_REVIEW);
        Course published = f.catalog.approve(CatalogFixture.REVIEWER_2, c.id());
        f.catalog.editDetails(CatalogFixture.CREATOR, c.id(), CatalogFixture.details("Json 2"));
        f.catalog.submit(CatalogFixture.CREATOR, c.id());
        Course withReasons = f.catalog.requestChanges(CatalogFixture.REVIEWER, c.id(), List.of("why", "how"));

        roundTrips(published);
        roundTrips(withReasons);
        roundTrips(withReasons.reviews().get(0));
        roundTrips(withReasons.draft());
        roundTrips(withReasons.draft().details());
        roundTrips(withReasons.draft().chapters().get(0));
        roundTrips(withReasons.draft().lessons().get(0));
        roundTrips(withReasons.draft().lessons().get(0).spec());
        roundTrips(withReasons.authors().get(0));
        roundTrips(f.catalog.snapshot(c.id(), 1));
        roundTrips(c.id());
        roundTrips(c.draft().chapters().get(0).id());
        roundTrips(c.draft().lessons().get(0).id());
    }

    @Test
    void lesson_whenWritten_usesIsoDurationAndPlainIds() {
        Lesson l = Lesson.of(LessonId.of("l-1"), CatalogFixture.lesson("intro", true));

        assertThat(LearnloopJson.toJson(l)).contains("\"id\":\"l-1\"").contains("\"duration\":\"PT12M\"")
                .contains("\"type\":\"VIDEO\"").contains("\"freePreview\":true");
    }
}
