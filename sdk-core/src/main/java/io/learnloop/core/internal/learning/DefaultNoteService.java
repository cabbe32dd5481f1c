package io.learnloop.core.internal.learning;

import io.learnloop.core.internal.store.ConflictRetry;
import io.learnloop.core.Page;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.Pages;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.error.Validator;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.learning.LessonCatalog;
import io.learnloop.core.learning.LessonFacts;
import io.learnloop.core.learning.Note;
import io.learnloop.core.learning.NoteAnchor;
import io.learnloop.core.learning.NoteDraft;
import io.learnloop.core.learning.NoteId;
import io.learnloop.core.learning.NoteService;
import io.learnloop.core.learning.NoteVisibility;
import io.learnloop.core.store.Versioned;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The note service over the store.
 *
 * <p>Thread-safe: immutable.
 */
public final class DefaultNoteService implements NoteService {
    private static final Comparator<Note> BY_ANCHOR = Comparator
            .comparing((Note n) -> n.anchor().isMedia() ? n.anchor().mediaMillis() : n.anchor().textStart())
            .thenComparing(Note::createdAt);

    private final ServiceContext context;
    private final LessonCatalog catalog;

    /**
     * Creates the service.
     *
     * @param context the context
     * @param catalog lesson facts
     */
    public DefaultNoteService(ServiceContext context, LessonCatalog catalog) {
        this.context = Objects.requireNonNull(context, "context");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    @Override
    public Note add(UserId learner, LessonId lesson, NoteDraft draft) {
        Validator v = new Validator().notNull("learner", learner).notNull("lessonId", lesson);
        LessonFacts facts = lesson == null ? null : catalog.lesson(lesson).orElse(null);
        if (lesson != null) {
            v.check(facts != null, "lessonId", "no lesson '" + lesson + "' exists");
        }
        validate(v, draft, facts);
        v.throwIfInvalid();
        Instant now = context.now();
        Note note = new Note(new NoteId(context.newId()), learner, lesson, facts.courseId(), draft.anchor(),
                draft.markdown(), draft.visibility(), now, now);
        return context.transact(uow -> uow.insert(LearningTypes.NOTE, note).value());
    }

    private static void validate(Validator v, NoteDraft draft, LessonFacts facts) {
        if (draft == null) {
            v.check(false, "draft", "is required");
            return;
        }
        v.notBlank("markdown", draft.markdown(), MAX_MARKDOWN).notNull("visibility", draft.visibility());
        NoteAnchor a = draft.anchor();
        if (a == null) {
            v.check(false, "anchor", "is required");
            return;
        }
        if (a.isMedia()) {
            v.check(a.textStart() == -1 && a.textEnd() == -1, "anchor", "is either a media time or a text range, not both");
            v.check(facts == null || facts.kind().isMedia(), "anchor.mediaMillis",
                    "anchors to media time, but the lesson is " + (facts == null ? "" : facts.kind()));
            v.check(facts == null || a.mediaMillis() <= facts.duration().toMillis(), "anchor.mediaMillis",
                    "lies beyond the lesson's end (" + (facts == null ? 0 : facts.duration().toSeconds()) + " s)");
        } else {
            v.check(a.mediaMillis() == -1, "anchor.mediaMillis", "must be -1 for a text anchor or not negative");
            v.check(a.textStart() >= 0, "anchor.textStart", "must not be negative (was " + a.textStart() + ")");
            v.check(a.textEnd() > a.textStart(), "anchor.textEnd", "must be after textStart (was " + a.textEnd() + ")");
        }
    }

    @Override
    public Note edit(UserId learner, NoteId note, NoteDraft draft) {
        new Validator().notNull("learner", learner).notNull("noteId", note).throwIfInvalid();
        return ConflictRetry.onConflict(() -> context.transact(uow -> {
            Versioned<Note> current = owned(uow.get(LearningTypes.NOTE, note.value()), learner);
            Note n = current.value();
            Validator v = new Validator();
            validate(v, draft, catalog.lesson(n.lessonId()).orElse(null));
            v.throwIfInvalid();
            Note next = new Note(n.id(), n.learner(), n.lessonId(), n.courseId(), draft.anchor(), draft.markdown(),
                    draft.visibility(), n.createdAt(), context.now());
            return uow.update(LearningTypes.NOTE, next, current.version()).value();
        }));
    }

    @Override
    public void delete(UserId learner, NoteId note) {
        new Validator().notNull("learner", learner).notNull("noteId", note).throwIfInvalid();
        ConflictRetry.onConflict(() -> context.transact(uow -> {
            Versioned<Note> current = owned(uow.get(LearningTypes.NOTE, note.value()), learner);
            uow.delete(LearningTypes.NOTE, note.value(), current.version());
            return null;
        }));
    }

    private static Versioned<Note> owned(Versioned<Note> note, UserId learner) {
        if (!note.value().learner().equals(learner)) {
            throw new ForbiddenException("Note '" + note.value().id() + "' belongs to another learner; only its author may change it.");
        }
        return note;
    }

    @Override
    public List<Note> list(UserId learner) {
        new Validator().notNull("learner", learner).throwIfInvalid();
        return context.read(uow -> uow.findBy(LearningTypes.NOTE, LearningTypes.BY_LEARNER, learner.value())).stream()
                .map(Versioned::value)
                .sorted(Comparator.comparing((Note n) -> n.courseId().value())
                        .thenComparing(n -> n.lessonId().value()).thenComparing(BY_ANCHOR))
                .toList();
    }

    @Override
    public List<Note> onLesson(UserId reader, LessonId lesson) {
        new Validator().notNull("reader", reader).notNull("lessonId", lesson).throwIfInvalid();
        // the reader's own notes: one learner's, however many others wrote on the lesson
        return list(reader).stream().filter(n -> n.lessonId().equals(lesson)).sorted(BY_ANCHOR).toList();
    }

    @Override
    public Page<Note> sharedOn(LessonId lesson, String cursor, int limit) {
        new Validator().notNull("lessonId", lesson).throwIfInvalid();
        return context.read(uow -> Pages.page(uow, LearningTypes.NOTE, LearningTypes.SHARED_ON, lesson.value(),
                IndexRange.first(limit), cursor, n -> n));
    }

    @Override
    public List<Note> search(UserId learner, String query) {
        new Validator().notNull("learner", learner).notBlank("query", query, 500).throwIfInvalid();
        String[] words = query.toLowerCase(Locale.ROOT).trim().split("\\s+");
        return list(learner).stream().filter(n -> {
            String text = n.markdown().toLowerCase(Locale.ROOT);
            for (String w : words) {
                if (!text.contains(w)) {
                    return false;
                }
            }
            return true;
        }).toList();
    }

    @Override
    public String exportMarkdown(UserId learner, CourseId course) {
        new Validator().notNull("learner", learner).notNull("courseId", course).throwIfInvalid();
        List<LessonFacts> lessons = catalog.lessons(course);
        Map<LessonId, Integer> order = new HashMap<>();
        for (int i = 0; i < lessons.size(); i++) {
            order.put(lessons.get(i).lessonId(), i);
        }
        List<Note> notes = list(learner).stream().filter(n -> n.courseId().equals(course))
                .sorted(Comparator.comparing((Note n) -> order.getOrDefault(n.lessonId(), Integer.MAX_VALUE))
                        .thenComparing(n -> n.lessonId().value()).thenComparing(BY_ANCHOR))
                .toList();
        StringBuilder md = new StringBuilder("# Notes on course ").append(course).append("\n");
        LessonId current = null;
        for (Note n : notes) {
            if (!n.lessonId().equals(current)) {
                current = n.lessonId();
                md.append("\n## Lesson ").append(current).append("\n");
            }
            md.append("\n### ").append(n.anchor().label());
            if (n.visibility() == NoteVisibility.SHARED) {
                md.append(" (shared)");
            }
            md.append("\n\n").append(n.markdown().strip()).append("\n");
        }
        return md.toString();
    }
}
