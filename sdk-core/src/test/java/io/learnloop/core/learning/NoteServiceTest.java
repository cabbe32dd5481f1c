package io.learnloop.core.learning;

import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.internal.learning.LearningTypes;
import io.learnloop.core.json.LearnloopJson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NoteServiceTest {
    private static final UserId ANA = UserId.of("ana");
    private static final UserId BOB = UserId.of("bob");
    private static final LessonId VIDEO = LessonId.of("video");
    private static final LessonId TEXT = LessonId.of("text");

    private LearningFixture fx;
    private NoteService notes;

    @BeforeEach
    void setUp() {
        fx = new LearningFixture();
        fx.catalog.video("c1", "video", 7200);
        fx.catalog.add("c1", "text", LessonKind.ARTICLE, Duration.ofMinutes(5), false);
        notes = NoteService.create(fx.context, fx.catalog);
    }

    @Test
    void add_whenAnchoredAndShared_isListedSearchedAndVisibleToOthersOnlyIfShared() {
        notes.add(ANA, VIDEO, new NoteDraft(NoteAnchor.atSecond(75), "**Streams** are lazy", NoteVisibility.PRIVATE));
        notes.add(ANA, VIDEO, new NoteDraft(NoteAnchor.atSecond(12), "Intro: collectors", NoteVisibility.SHARED));
        notes.add(ANA, TEXT, new NoteDraft(NoteAnchor.textRange(10, 42), "Lazy evaluation explained", NoteVisibility.PRIVATE));
        notes.add(BOB, VIDEO, new NoteDraft(NoteAnchor.atSecond(30), "bob's private thought", NoteVisibility.PRIVATE));

        assertThat(notes.list(ANA)).extracting(Note::markdown)
                .containsExactly("Lazy evaluation explained", "Intro: collectors", "**Streams** are lazy");
        assertThat(notes.search(ANA, "LAZY")).hasSize(2);
        assertThat(notes.search(ANA, "lazy streams")).extracting(Note::markdown).containsExactly("**Streams** are lazy");
        assertThat(notes.onLesson(BOB, VIDEO)).extracting(Note::markdown).containsExactly("bob's private thought");
        assertThat(notes.onLesson(ANA, VIDEO)).extracting(Note::markdown)
                .containsExactly("Intro: collectors", "**Streams** are lazy");
        assertThat(notes.sharedOn(VIDEO, null, 10).items()).extracting(Note::markdown)
                .containsExactly("Intro: collectors");
        assertThat(notes.sharedOn(TEXT, null, 10).items()).isEmpty();
    }

    @Test
    void exportMarkdown_whenNotesExist_groupsThemByLessonUnderTheirAnchors() {
        notes.add(ANA, TEXT, new NoteDraft(NoteAnchor.textRange(10, 42), "Lazy evaluation", NoteVisibility.PRIVATE));
        notes.add(ANA, VIDEO, new NoteDraft(NoteAnchor.atSecond(3725), "Late point", NoteVisibility.SHARED));
        notes.add(ANA, VIDEO, new NoteDraft(NoteAnchor.atSecond(75), "- item\n- other", NoteVisibility.PRIVATE));
        assertThat(notes.exportMarkdown(ANA, CourseId.of("c1"))).isEqualTo("""
                # Notes on course c1

                ## Lesson video

                ### [01:15]

                - item
                - other

                ### [1:02:05] (shared)

                Late point

                ## Lesson text

                ### [chars 10-42]

                Lazy evaluation
                """);
    }

    @Test
    void add_whenInvalid_namesTheFieldsAndStoresNothing() {
        assertThatThrownBy(() -> notes.add(ANA, VIDEO, new NoteDraft(NoteAnchor.atSecond(7201), "x".repeat(NoteService.MAX_MARKDOWN + 1), null)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields())
                        .containsExactly("markdown", "visibility", "anchor.mediaMillis"));
        assertThatThrownBy(() -> notes.add(ANA, LessonId.of("nope"), new NoteDraft(NoteAnchor.textRange(5, 2), " ", NoteVisibility.PRIVATE)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields())
                        .containsExactly("lessonId", "markdown", "anchor.textEnd"));
        assertThatThrownBy(() -> notes.add(ANA, TEXT, new NoteDraft(NoteAnchor.atSecond(5), "media anchor on text", NoteVisibility.PRIVATE)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).containsExactly("anchor.mediaMillis"));
        long stored = fx.context.read(uow -> uow.count(LearningTypes.NOTE));
        assertThat(stored).isZero();
    }

    @Test
    void edit_whenSomeoneElsesNote_isForbidden() {
        Note n = notes.add(ANA, VIDEO, new NoteDraft(NoteAnchor.atSecond(5), "mine", NoteVisibility.SHARED));
        assertThatThrownBy(() -> notes.edit(BOB, n.id(), new NoteDraft(NoteAnchor.atSecond(5), "hijack", NoteVisibility.SHARED)))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> notes.delete(BOB, n.id())).isInstanceOf(ForbiddenException.class);
        fx.clock.advance(Duration.ofMinutes(1));
        Note edited = notes.edit(ANA, n.id(), new NoteDraft(NoteAnchor.atSecond(6), "mine, edited", NoteVisibility.PRIVATE));
        assertThat(edited.updatedAt()).isAfter(edited.createdAt());
        assertThat(LearnloopJson.fromJson(LearnloopJson.toJson(edited), Note.class)).isEqualTo(edited);
        notes.delete(ANA, n.id());
        assertThat(notes.list(ANA)).isEmpty();
    }
}
