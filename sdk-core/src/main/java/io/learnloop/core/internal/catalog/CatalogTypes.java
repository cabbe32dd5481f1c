package io.learnloop.core.internal.catalog;

import io.learnloop.core.catalog.Author;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseContent;
import io.learnloop.core.catalog.CourseSnapshot;
import io.learnloop.core.catalog.CourseStatus;
import io.learnloop.core.catalog.Lesson;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.SortKeys;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The catalogue's aggregate types and their keys. */
public final class CatalogTypes {
    /** Index of courses by the ids of the lessons in their published and draft versions. */
    public static final String BY_LESSON = "lesson";
    /** Index of courses by the category of their published version. */
    public static final String BY_CATEGORY = "category";
    /** Index of courses by author. */
    public static final String BY_AUTHOR = "author";
    /** Index of snapshots by course. */
    public static final String BY_COURSE = "course";
    /** Sorted index of the live (published) courses by creation time, under the one key {@link #LIVE_KEY}. */
    public static final String LIVE = "live";
    /** The key of {@link #LIVE}. */
    public static final String LIVE_KEY = "published";

    /** Courses, keyed by course id. */
    public static final AggregateType<Course> COURSE = AggregateType
            .builder("course", Course.class, (Course c) -> c.id().value())
            .multiIndex(BY_LESSON, CatalogTypes::lessonKeys)
            .index(BY_CATEGORY, c -> c.published() == null ? null : c.published().details().category())
            .multiIndex(BY_AUTHOR, c -> {
                List<String> ids = new ArrayList<>(c.authors().size());
                for (Author a : c.authors()) {
                    ids.add(a.user().value());
                }
                return ids;
            })
            // the catalogue-wide listings page through it by keyset, so a course published or archived between two
            // pages neither shifts nor repeats another
            .sortedIndex(LIVE, c -> c.status() == CourseStatus.PUBLISHED ? LIVE_KEY : null,
                    c -> SortKeys.instant(c.createdAt()))
            .build();

    /** Published versions, keyed by {@link CourseSnapshot#key}. */
    public static final AggregateType<CourseSnapshot> SNAPSHOT = AggregateType
            .builder("course_snapshot", CourseSnapshot.class,
                    (CourseSnapshot s) -> CourseSnapshot.key(s.course(), s.content().version()))
            .index(BY_COURSE, s -> s.course().value())
            .build();

    private CatalogTypes() {
    }

    private static List<String> lessonKeys(Course c) {
        Set<String> ids = new LinkedHashSet<>();
        addLessons(ids, c.published());
        addLessons(ids, c.draft());
        return List.copyOf(ids);
    }

    private static void addLessons(Set<String> ids, CourseContent content) {
        if (content != null) {
            for (Lesson l : content.lessons()) {
                ids.add(l.id().value());
            }
        }
    }
}
