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
    private final Map<CourseId, CourseFacts> courses = new ConcurrentHashMap<>();

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

    public CourseFacts course(String course, String title, String creator, String... coAuthors) {
        CourseFacts f = new CourseFacts(CourseId.of(course), title, title + ", the course",
                io.learnloop.core.identity.UserId.of(creator),
                java.util.Arrays.stream(coAuthors).map(io.learnloop.core.identity.UserId::of)
                        .collect(java.util.stream.Collectors.toSet()));
        courses.put(f.courseId(), f);
        return f;
    }

    @Override
    public Optional<CourseFacts> course(CourseId course) {
        return Optional.ofNullable(courses.get(course));
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
