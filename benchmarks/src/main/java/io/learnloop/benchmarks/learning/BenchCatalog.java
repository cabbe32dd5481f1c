package io.learnloop.benchmarks.learning;

import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.learning.CourseFacts;
import io.learnloop.core.learning.LessonCatalog;
import io.learnloop.core.learning.LessonFacts;
import io.learnloop.core.learning.LessonKind;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A one-course catalogue of video lessons, so the benchmarks measure the learning code, not a lookup. */
final class BenchCatalog implements LessonCatalog {
    static final CourseId COURSE = CourseId.of("bench-course");
    private final List<LessonFacts> lessons;

    BenchCatalog(int lessonCount, Duration length) {
        LessonFacts[] all = new LessonFacts[lessonCount];
        for (int i = 0; i < lessonCount; i++) {
            all[i] = new LessonFacts(LessonId.of("lesson-" + i), COURSE, LessonKind.VIDEO, length, false);
        }
        this.lessons = List.of(all);
    }

    LessonId lesson(int i) {
        return lessons.get(i).lessonId();
    }

    @Override
    public Optional<LessonFacts> lesson(LessonId lesson) {
        String v = lesson.value();
        int i = Integer.parseInt(v.substring(v.indexOf('-') + 1));
        return Optional.of(lessons.get(i));
    }

    @Override
    public List<LessonFacts> lessons(CourseId course) {
        return lessons;
    }

    @Override
    public Optional<CourseFacts> course(CourseId course) {
        return Optional.of(new CourseFacts(COURSE, "Benchmark course", null, io.learnloop.core.identity.UserId.of("creator"), null));
    }
}
