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

    @Test
    void fromJson_whenALessonWasStoredBeforeTheOptionalFlag_readsItAsRequired() {
        String old = "{\"id\":\"l-1\",\"title\":\"intro\",\"type\":\"VIDEO\",\"duration\":\"PT12M\","
                + "\"freePreview\":true,\"contentRef\":\"media://video/intro\"}";

        Lesson lesson = LearnloopJson.fromJson(old, Lesson.class);

        assertThat(lesson).isEqualTo(Lesson.of(LessonId.of("l-1"), CatalogFixture.lesson("intro", true)));
        assertThat(lesson.optional()).isFalse();
        assertThat(lesson.required()).isTrue();
    }

    @Test
    void fromJson_whenACourseWasStoredBeforeTheOptionalFlag_readsEveryLessonAsRequired() {
        CatalogFixture f = new CatalogFixture(1);
        Course c = f.published("Old");
        String json = LearnloopJson.toJson(c);
        assertThat(json).contains("\"optional\":false");
        String old = json.replace(",\"optional\":false", "");
        assertThat(old).doesNotContain("optional");

        Course read = LearnloopJson.fromJson(old, Course.class);

        assertThat(read).isEqualTo(c);
        assertThat(read.published().lessons()).isNotEmpty().allMatch(Lesson::required);
    }

    @Test
    void optionalLesson_whenWrittenAndRead_staysOptional() {
        Lesson bonus = Lesson.of(LessonId.of("l-2"), CatalogFixture.lesson("bonus", false).withOptional(true));

        String json = LearnloopJson.toJson(bonus);

        assertThat(json).contains("\"optional\":true").doesNotContain("required");
        Lesson read = LearnloopJson.fromJson(json, Lesson.class);
        assertThat(read).isEqualTo(bonus);
        assertThat(read.required()).isFalse();
        assertThat(LearnloopJson.fromJson(LearnloopJson.toJson(bonus.spec()), LessonSpec.class).optional()).isTrue();
    }
}
