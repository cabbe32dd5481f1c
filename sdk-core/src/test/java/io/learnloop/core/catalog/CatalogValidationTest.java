package io.learnloop.core.catalog;

import io.learnloop.core.error.ValidationException;
import io.learnloop.core.json.LearnloopJson;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Collections;
import java.util.List;

import static io.learnloop.core.catalog.CatalogFixture.CREATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CatalogValidationTest {
    private final CatalogFixture f = new CatalogFixture();

    private static List<String> fieldsOf(Runnable r) {
        try {
            r.run();
        } catch (ValidationException e) {
            return e.fields();
        }
        throw new AssertionError("expected a ValidationException");
    }

    @Test
    void courseDetails_withEveryFieldBad_namesEveryField() {
        List<String> fields = fieldsOf(() -> new CourseDetails(null, "s".repeat(301), "d".repeat(20_001),
                "english please", " ", List.of("ok", " ", "t".repeat(51)), null, "c".repeat(2049)));

        assertThat(fields).containsExactly("title", "subtitle", "description", "language", "category", "tags[1]",
                "tags[2]", "level", "coverUrl");
    }

    @Test
    void courseDetails_withTooManyTags_namesTags() {
        List<String> tags = Collections.nCopies(21, "x");
        assertThat(fieldsOf(() -> new CourseDetails("T", null, null, "zh-CN", "cat", tags, CourseLevel.ADVANCED, null)))
                .containsExactly("tags");
    }

    @Test
    void lessonSpec_withNegativeDurationAndBlankTitle_namesBoth() {
        assertThat(fieldsOf(() -> new LessonSpec(" ", LessonType.AUDIO, Duration.ofSeconds(-1), false, "ref")))
                .containsExactly("lesson.title", "lesson.duration");
        assertThat(fieldsOf(() -> new LessonSpec("t", null, null, false, null)))
                .containsExactly("lesson.type", "lesson.duration", "lesson.contentRef");
    }

    @Test
    void lessonSpec_whenOptionalWithBadFields_namesEveryField() {
        assertThat(fieldsOf(() -> new LessonSpec(" ", LessonType.VIDEO, Duration.ofSeconds(-1), false, " ", true)))
                .containsExactly("lesson.title", "lesson.duration", "lesson.contentRef");
        assertThat(fieldsOf(() -> new Lesson(null, "t", LessonType.VIDEO, Duration.ZERO, false, "ref", true)))
                .containsExactly("lesson.id");
    }

    @Test
    void updateLesson_whenMarkedOptional_keepsIdAndChangesOnlyTheFlag() {
        Course c = f.catalog.createCourse(CREATOR, CatalogFixture.details("Flag"));
        ChapterId chapter = f.catalog.addChapter(CREATOR, c.id(), "One").id();
        Lesson lesson = f.catalog.addLesson(CREATOR, c.id(), chapter, CatalogFixture.lesson("x", false));
        assertThat(lesson.required()).isTrue();

        Lesson changed = f.catalog.updateLesson(CREATOR, c.id(), lesson.id(), lesson.spec().withOptional(true));

        assertThat(changed.id()).isEqualTo(lesson.id());
        assertThat(changed.optional()).isTrue();
        assertThat(changed.spec().withOptional(false)).isEqualTo(lesson.spec());
        assertThat(f.catalog.course(c.id()).draft().lesson(lesson.id())).isEqualTo(changed);
    }

    @Test
    void author_withZeroShare_namesTheShare() {
        assertThat(fieldsOf(() -> Author.of("ada", 0))).containsExactly("author.revenueShare");
    }

    @Test
    void addChapter_withOversizedTitle_storesNothing() {
        Course c = f.draft("Java");
        int events = f.events.size();

        assertThat(fieldsOf(() -> f.catalog.addChapter(CREATOR, c.id(), "x".repeat(201))))
                .containsExactly("chapter.title");
        assertThat(f.catalog.course(c.id())).isEqualTo(c);
        assertThat(f.events).hasSize(events);
    }

    @Test
    void createCourse_withNullDetails_storesNothing() {
        assertThat(fieldsOf(() -> f.catalog.createCourse(CREATOR, null))).containsExactly("details");
        assertThat(f.catalog.courses(0, 10)).isEmpty();
        assertThat(f.events).isEmpty();
    }

    @Test
    void addLesson_withNullSpec_storesNothing() {
        Course c = f.draft("Java");
        ChapterId chapter = c.draft().chapters().get(0).id();

        assertThat(fieldsOf(() -> f.catalog.addLesson(CREATOR, c.id(), chapter, null))).containsExactly("lesson");
        assertThat(f.catalog.course(c.id())).isEqualTo(c);
    }

    @Test
    void addLesson_toUnknownChapter_isNotFoundAndStoresNothing() {
        Course c = f.draft("Java");

        assertThatThrownBy(() -> f.catalog.addLesson(CREATOR, c.id(), ChapterId.of("nope"),
                CatalogFixture.lesson("x", false)))
                .isInstanceOf(io.learnloop.core.error.NotFoundException.class);
        assertThat(f.catalog.course(c.id())).isEqualTo(c);
    }

    @Test
    void fromJson_withBadDetails_failsNamingTheField() {
        String json = "{\"title\":\"\",\"language\":\"en\",\"category\":\"c\",\"level\":\"BEGINNER\"}";

        assertThatThrownBy(() -> LearnloopJson.fromJson(json, CourseDetails.class))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).fields()).containsExactly("title"));
    }

    @Test
    void operations_withNullCourseOrActor_nameTheField() {
        assertThat(fieldsOf(() -> f.catalog.course(null))).containsExactly("course");
        assertThat(fieldsOf(() -> f.catalog.submit(CREATOR, null))).containsExactly("course");
        assertThat(fieldsOf(() -> f.catalog.requestChanges(CatalogFixture.REVIEWER, null, List.of("x"))))
                .containsExactly("course");
        assertThat(fieldsOf(() -> f.catalog.createCourse(null, CatalogFixture.details("x")))).containsExactly("actor");
        assertThat(f.catalog.courses(0, 10)).isEmpty();
    }

    @Test
    void ids_withWhitespace_areRejected() {
        assertThat(fieldsOf(() -> ChapterId.of("a b"))).containsExactly("chapterId");
    }
}
