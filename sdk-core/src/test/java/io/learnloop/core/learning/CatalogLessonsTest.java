package io.learnloop.core.learning;

import io.learnloop.core.Learnloop;
import io.learnloop.core.catalog.Chapter;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseDetails;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.CourseLevel;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.catalog.LessonSpec;
import io.learnloop.core.catalog.LessonType;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.internal.learning.CatalogLessons;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogLessonsTest {
    @Test
    void lessons_whenReadFromTheCatalogue_mapKindsDurationsAndAuthors() {
        Learnloop learnloop = Learnloop.builder().idGenerator(IdGenerator.sequential("id")).build();
        Actor ada = Actor.of("ada", Role.CREATOR);
        Course course = learnloop.catalog().createCourse(ada, new CourseDetails("Knots", "Tie them well", "Long text",
                "en", "outdoor", List.of(), CourseLevel.BEGINNER, "media://cover"));
        Chapter chapter = learnloop.catalog().addChapter(ada, course.id(), "One");
        for (LessonType type : LessonType.values()) {
            learnloop.catalog().addLesson(ada, course.id(), chapter.id(),
                    new LessonSpec(type.name(), type, Duration.ofSeconds(type == LessonType.AUDIO ? 0 : 90), false,
                            "media://" + type));
        }
        CatalogLessons catalog = new CatalogLessons(learnloop.context());

        List<LessonFacts> lessons = catalog.lessons(course.id());
        assertThat(lessons).extracting(LessonFacts::kind).containsExactly(
                LessonKind.VIDEO, LessonKind.OTHER, LessonKind.ARTICLE, LessonKind.OTHER, LessonKind.QUIZ);
        assertThat(lessons).allSatisfy(l -> {
            assertThat(l.courseId()).isEqualTo(course.id());
            assertThat(l.required()).isTrue();
        });
        assertThat(catalog.lesson(lessons.get(0).lessonId())).contains(lessons.get(0));
        assertThat(catalog.lesson(LessonId.of("missing"))).isEmpty();
        assertThat(catalog.lessons(CourseId.of("missing"))).isEmpty();

        CourseFacts facts = catalog.course(course.id()).orElseThrow();
        assertThat(facts.title()).isEqualTo("Knots");
        assertThat(facts.description()).isEqualTo("Tie them well");
        assertThat(facts.creator()).isEqualTo(UserId.of("ada"));
        assertThat(facts.coAuthors()).isEmpty();
    }
}
