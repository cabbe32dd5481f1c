package io.learnloop.core.internal.learning;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.catalog.Author;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseContent;
import io.learnloop.core.catalog.CourseDetails;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.Lesson;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.internal.catalog.CatalogTypes;
import io.learnloop.core.learning.CourseFacts;
import io.learnloop.core.learning.LessonCatalog;
import io.learnloop.core.learning.LessonFacts;
import io.learnloop.core.learning.LessonKind;
import io.learnloop.core.store.Versioned;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The SDK's course catalogue seen as a {@link LessonCatalog}: lessons come from a course's published version (its
 * latest draft while it was never published). Every lesson the author did not mark optional is required for
 * completion; when every lesson of a course is optional, none is marked required, so (as {@link LessonCatalog}'s
 * users read it) every lesson is required. Live lessons, and media lessons without a duration, are completed by an
 * explicit "done".
 *
 * <p>Thread-safe: reads the store on each call.
 */
public final class CatalogLessons implements LessonCatalog {
    private final ServiceContext context;

    /**
     * Creates the adapter.
     *
     * @param context the context whose store holds the catalogue
     */
    public CatalogLessons(ServiceContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    private static CourseContent content(Course c) {
        return c.published() != null ? c.published() : c.latest();
    }

    @Override
    public Optional<LessonFacts> lesson(LessonId lesson) {
        return context.read(uow -> {
            for (Versioned<Course> v : uow.findBy(CatalogTypes.COURSE, CatalogTypes.BY_LESSON, lesson.value())) {
                Lesson l = content(v.value()).lesson(lesson);
                if (l != null) {
                    return Optional.of(facts(v.value().id(), l));
                }
            }
            return Optional.empty();
        });
    }

    @Override
    public List<LessonFacts> lessons(CourseId course) {
        return context.read(uow -> uow.find(CatalogTypes.COURSE, course.value())).map(v -> {
            List<LessonFacts> all = new ArrayList<>();
            for (Lesson l : content(v.value()).lessons()) {
                all.add(facts(course, l));
            }
            return all;
        }).orElse(List.of());
    }

    @Override
    public Optional<CourseFacts> course(CourseId course) {
        return context.read(uow -> uow.find(CatalogTypes.COURSE, course.value())).map(v -> {
            Course c = v.value();
            CourseDetails d = content(c).details();
            Set<UserId> coAuthors = new HashSet<>();
            for (Author a : c.authors()) {
                if (!a.user().equals(c.creator())) {
                    coAuthors.add(a.user());
                }
            }
            String description = d.subtitle() != null && !d.subtitle().isBlank() ? d.subtitle() : d.description();
            return new CourseFacts(c.id(), d.title(), description, c.creator(), coAuthors);
        });
    }

    private static LessonFacts facts(CourseId course, Lesson l) {
        LessonKind kind = switch (l.type()) {
            case VIDEO -> LessonKind.VIDEO;
            case AUDIO -> LessonKind.AUDIO;
            case ARTICLE -> LessonKind.ARTICLE;
            case QUIZ -> LessonKind.QUIZ;
            case LIVE -> LessonKind.OTHER;
        };
        if (kind.isMedia() && l.duration().isZero()) {
            kind = LessonKind.OTHER;
        }
        return new LessonFacts(l.id(), course, kind, l.duration(), l.required());
    }
}
