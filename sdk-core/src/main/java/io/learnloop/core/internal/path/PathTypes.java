package io.learnloop.core.internal.path;

import io.learnloop.core.path.CoursePrerequisites;
import io.learnloop.core.path.LearningPath;
import io.learnloop.core.path.LessonPrerequisites;
import io.learnloop.core.path.PlacementQuiz;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.SortKeys;

import java.util.List;

/**
 * The aggregate types of prerequisites, placement quizzes and learning paths.
 *
 * <p>Thread-safe: constants only.
 */
public final class PathTypes {
    /** Sorted index of the courses that require a course, by the requiring course's id. */
    public static final String REQUIRED_BY = "required_by";
    /** Index of a course's lesson declarations and placement quizzes. */
    public static final String BY_COURSE = "course";
    /** Sorted index of every path, by creation time. */
    public static final String ALL = "all";
    /** The one key of {@link #ALL}. */
    static final String ALL_KEY = "path";

    /** A course's direct prerequisites, filed under each course it requires. */
    public static final AggregateType<CoursePrerequisites> COURSE_PREREQUISITES = AggregateType
            .builder("course_prerequisites", CoursePrerequisites.class, p -> p.course().value())
            .sortedMultiIndex(REQUIRED_BY, p -> p.requires().stream().map(c -> c.value()).toList(),
                    p -> p.course().value())
            .build();

    /** A lesson's direct prerequisites. */
    public static final AggregateType<LessonPrerequisites> LESSON_PREREQUISITES = AggregateType
            .builder("lesson_prerequisites", LessonPrerequisites.class, p -> p.lesson().value())
            .index(BY_COURSE, p -> p.course().value())
            .build();

    /** The revision record of each prerequisite graph. */
    public static final AggregateType<GraphHead> GRAPH_HEAD = AggregateType
            .builder("prerequisite_graph", GraphHead.class, GraphHead::id)
            .build();

    /** A quiz flagged as its course's placement quiz. */
    public static final AggregateType<PlacementQuiz> PLACEMENT = AggregateType
            .builder("placement_quiz", PlacementQuiz.class, p -> p.quiz().value())
            .index(BY_COURSE, p -> p.course().value())
            .build();

    /** A learning path; only paths on offer are in {@link #ALL}. */
    public static final AggregateType<LearningPath> PATH = AggregateType
            .builder("learning_path", LearningPath.class, p -> p.id().value())
            .sortedMultiIndex(ALL, p -> p.archived() ? List.of() : List.of(ALL_KEY),
                    p -> SortKeys.instant(p.createdAt()))
            .build();

    private PathTypes() {
    }
}
