package io.learnloop.core.learning;

import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.LessonId;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-memory lesson catalogue for tests. */
public final class TestCatalog implements LessonCatalog {
    private final Map<LessonId, LessonFacts> lessons = new ConcurrentHashMap<>();
    private final Map<CourseId, List<LessonFacts>> byCourse = new ConcurrentHashMap<>();

    public TestCatalog() {
    }

    public LessonFacts add(String course, String lesson, LessonKind kind, Duration duration, boolean required) {
        LessonFacts f = new LessonFacts(LessonId.of(lesson), CourseId.of(course), kind, duration, required);
        lessons.put(f.lessonId(), f);
        byCourse.computeIfAbsent(f.courseId(), c -> new CopyOnWriteArrayList<>()).add(f);
        return f;
    }

    public LessonFacts video(String course, String lesson, int seconds) {
        return add(course, lesson, LessonKind.VIDEO, Duration.ofSeconds(seconds), false);
    }

    @Override
    public Optional<LessonFacts> lesson(LessonId lesson) {
        return Optional.ofNullable(lessons.get(lesson));
    }

    @Override
    public List<LessonFacts> lessons(CourseId course) {
        return new ArrayList<>(byCourse.getOrDefault(course, List.of()));
    }
}
