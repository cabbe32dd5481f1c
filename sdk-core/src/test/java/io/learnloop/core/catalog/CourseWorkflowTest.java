package io.learnloop.core.catalog;

import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.error.NotFoundException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.event.EventTypes;
import io.learnloop.core.identity.UserId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.learnloop.core.catalog.CatalogFixture.ADMIN;
import static io.learnloop.core.catalog.CatalogFixture.CO_AUTHOR;
import static io.learnloop.core.catalog.CatalogFixture.CREATOR;
import static io.learnloop.core.catalog.CatalogFixture.LEARNER;
import static io.learnloop.core.catalog.CatalogFixture.OTHER_CREATOR;
import static io.learnloop.core.catalog.CatalogFixture.REVIEWER;
import static io.learnloop.core.catalog.CatalogFixture.REVIEWER_2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CourseWorkflowTest {
    private final CatalogFixture f = new CatalogFixture();

    @Test
    void createCourse_whenCreator_isDraftWithCreatorAsOnlyAuthor() {
        Course c = f.catalog.createCourse(CREATOR, CatalogFixture.details("Java"));

        assertThat(c.status()).isEqualTo(CourseStatus.DRAFT);
        assertThat(c.draftState()).isEqualTo(DraftState.EDITING);
        assertThat(c.published()).isNull();
        assertThat(c.draft().version()).isEqualTo(1);
        assertThat(c.authors()).containsExactly(new Author(CREATOR.id(), 1));
        assertThat(f.catalog.course(c.id())).isEqualTo(c);
        assertThat(f.eventTypes()).containsExactly(EventTypes.COURSE_CREATED);
    }

    @Test
    void createCourse_whenLearner_isForbiddenAndStoresNothing() {
        assertThatThrownBy(() -> f.catalog.createCourse(LEARNER, CatalogFixture.details("Java")))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("CREATOR");
        assertThat(f.catalog.courses(0, 10)).isEmpty();
    }

    @Test
    void submitAndApprove_withOneRequiredApproval_publishesVersionOne() {
        Course draft = f.draft("Java");

        Course submitted = f.catalog.submit(CREATOR, draft.id());
        assertThat(submitted.status()).isEqualTo(CourseStatus.IN_REVIEW);
        assertThat(submitted.draftState()).isEqualTo(DraftState.IN_REVIEW);

        Course published = f.catalog.approve(REVIEWER, draft.id());
        assertThat(published.status()).isEqualTo(CourseStatus.PUBLISHED);
        assertThat(published.published().version()).isEqualTo(1);
        assertThat(published.published().lessons()).extracting(Lesson::title).containsExactly("intro", "deep-dive");
        assertThat(published.draft()).isNull();
        assertThat(published.draftState()).isNull();
        assertThat(f.catalog.snapshot(draft.id(), 1).approvedBy()).containsExactly(REVIEWER.id());
        assertThat(f.eventTypes()).containsSubsequence(EventTypes.COURSE_SUBMITTED, EventTypes.COURSE_APPROVED,
                EventTypes.COURSE_PUBLISHED);
    }

    @Test
    void approve_withTwoRequiredApprovals_publishesOnlyAfterTheSecondReviewer() {
        CatalogFixture two = new CatalogFixture(2);
        Course c = two.draft("Java");
        two.catalog.submit(CREATOR, c.id());

        Course once = two.catalog.approve(REVIEWER, c.id());
        assertThat(once.status()).isEqualTo(CourseStatus.IN_REVIEW);
        assertThat(once.approvals()).isEqualTo(1);
        assertThat(two.eventTypes()).doesNotContain(EventTypes.COURSE_PUBLISHED);

        assertThatThrownBy(() -> two.catalog.approve(REVIEWER, c.id()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("already approved");

        Course twice = two.catalog.approve(REVIEWER_2, c.id());
        assertThat(twice.status()).isEqualTo(CourseStatus.PUBLISHED);
        assertThat(two.catalog.snapshot(c.id(), 1).approvedBy()).containsExactly(REVIEWER.id(), REVIEWER_2.id());
        DomainEvent approved = two.events.stream().filter(e -> e.type().equals(EventTypes.COURSE_APPROVED))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(approved.data()).containsEntry("approvals", "2").containsEntry("requiredApprovals", "2");
    }

    @Test
    void approve_whenReviewerIsCoAuthor_isForbidden() {
        Course c = f.draft("Java");
        f.catalog.setAuthors(CREATOR, c.id(), List.of(new Author(CREATOR.id(), 3), new Author(CO_AUTHOR.id(), 1)));
        f.catalog.submit(CREATOR, c.id());

        assertThatThrownBy(() -> f.catalog.approve(CO_AUTHOR, c.id()))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("cannot review");
        assertThatThrownBy(() -> f.catalog.requestChanges(CO_AUTHOR, c.id(), List.of("looks great to me")))
                .isInstanceOf(ForbiddenException.class);
        assertThat(f.catalog.course(c.id()).reviews()).isEmpty();
    }

    @Test
    void approve_whenCreatorIsAlsoAdmin_isForbidden() {
        io.learnloop.core.identity.Actor boss = io.learnloop.core.identity.Actor.of("boss",
                io.learnloop.core.identity.Role.ADMIN);
        Course c = f.catalog.createCourse(boss, CatalogFixture.details("Own"));
        Chapter ch = f.catalog.addChapter(boss, c.id(), "One");
        f.catalog.addLesson(boss, c.id(), ch.id(), CatalogFixture.lesson("a", false));
        f.catalog.submit(boss, c.id());

        assertThatThrownBy(() -> f.catalog.approve(boss, c.id())).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void approve_whenActorIsNoReviewer_isForbidden() {
        Course c = f.draft("Java");
        f.catalog.submit(CREATOR, c.id());

        assertThatThrownBy(() -> f.catalog.approve(OTHER_CREATOR, c.id()))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("REVIEWER");
    }

    @Test
    void requestChanges_withReasons_sendsDraftBackAndKeepsTheReasons() {
        Course c = f.draft("Java");
        f.catalog.submit(CREATOR, c.id());

        Course back = f.catalog.requestChanges(REVIEWER, c.id(), List.of("Audio is too quiet", "Add a summary"));

        assertThat(back.status()).isEqualTo(CourseStatus.DRAFT);
        assertThat(back.draftState()).isEqualTo(DraftState.EDITING);
        assertThat(back.reviews()).singleElement().satisfies(d -> {
            assertThat(d.verdict()).isEqualTo(ReviewVerdict.CHANGES_REQUESTED);
            assertThat(d.reasons()).containsExactly("Audio is too quiet", "Add a summary");
            assertThat(d.reviewer()).isEqualTo(REVIEWER.id());
        });
        DomainEvent event = f.events.get(f.events.size() - 1);
        assertThat(event.type()).isEqualTo(EventTypes.COURSE_CHANGES_REQUESTED);
        assertThat(event.data()).containsEntry("reasons", "Audio is too quiet\nAdd a summary");

        // The authors fix it and resubmit; the old round's decisions are cleared.
        f.catalog.editDetails(CREATOR, c.id(), CatalogFixture.details("Java, louder"));
        Course resubmitted = f.catalog.submit(CREATOR, c.id());
        assertThat(resubmitted.reviews()).isEmpty();
        assertThat(f.catalog.approve(REVIEWER, c.id()).published().details().title()).isEqualTo("Java, louder");
    }

    @Test
    void requestChanges_withoutReasons_isRejected() {
        Course c = f.draft("Java");
        f.catalog.submit(CREATOR, c.id());

        assertThatThrownBy(() -> f.catalog.requestChanges(REVIEWER, c.id(), List.of()))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).fields()).containsExactly("reasons"));
        assertThatThrownBy(() -> f.catalog.requestChanges(REVIEWER, c.id(), List.of("  ")))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).fields()).contains("reasons[0]"));
        assertThat(f.catalog.course(c.id()).draftState()).isEqualTo(DraftState.IN_REVIEW);
    }

    @Test
    void edit_whenInReview_isAConflictAndChangesNothing() {
        Course c = f.draft("Java");
        Course submitted = f.catalog.submit(CREATOR, c.id());

        assertThatThrownBy(() -> f.catalog.editDetails(CREATOR, c.id(), CatalogFixture.details("Sneaky")))
                .isInstanceOf(ConflictException.class)
                .satisfies(e -> assertThat(((ConflictException) e).code()).isEqualTo(ErrorCode.INVALID_STATE));
        assertThat(f.catalog.course(c.id())).isEqualTo(submitted);
    }

    @Test
    void submit_withoutLessons_namesTheChapters() {
        Course c = f.catalog.createCourse(CREATOR, CatalogFixture.details("Empty"));

        assertThatThrownBy(() -> f.catalog.submit(CREATOR, c.id()))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).fields()).containsExactly("chapters"));
        assertThat(f.catalog.course(c.id()).status()).isEqualTo(CourseStatus.DRAFT);
    }

    @Test
    void edit_afterPublishing_makesVersionTwoWhileVersionOneStaysVisible() {
        Course v1 = f.published("Java");
        LessonId paid = v1.published().lessons().get(1).id();

        f.catalog.editDetails(CREATOR, v1.id(), CatalogFixture.details("Java, second edition"));
        Lesson changed = f.catalog.updateLesson(CREATOR, v1.id(), paid, CatalogFixture.lesson("deep-dive-2", false));
        Course editing = f.catalog.course(v1.id());

        assertThat(changed.id()).isEqualTo(paid);
        assertThat(editing.status()).isEqualTo(CourseStatus.PUBLISHED);
        assertThat(editing.published()).isEqualTo(v1.published());
        assertThat(editing.draft().version()).isEqualTo(2);
        assertThat(editing.draft().details().title()).isEqualTo("Java, second edition");

        f.catalog.submit(CREATOR, v1.id());
        Course inReview = f.catalog.course(v1.id());
        assertThat(inReview.status()).isEqualTo(CourseStatus.PUBLISHED);
        assertThat(inReview.published().version()).isEqualTo(1);

        Course v2 = f.catalog.approve(REVIEWER, v1.id());
        assertThat(v2.published().version()).isEqualTo(2);
        assertThat(v2.published().lesson(paid).title()).isEqualTo("deep-dive-2");
        assertThat(f.catalog.history(v1.id())).extracting(s -> s.content().version()).containsExactly(1, 2);
        assertThat(f.catalog.snapshot(v1.id(), 1).content()).isEqualTo(v1.published());
        DomainEvent published = f.events.get(f.events.size() - 1);
        assertThat(published.type()).isEqualTo(EventTypes.COURSE_PUBLISHED);
        assertThat(published.data()).containsEntry("version", "2").containsEntry("previousVersion", "1");
    }

    @Test
    void removeLesson_inDraft_leavesPublishedVersionUntouched() {
        Course v1 = f.published("Java");
        LessonId intro = v1.published().lessons().get(0).id();

        Course edited = f.catalog.removeLesson(CREATOR, v1.id(), intro);

        assertThat(edited.draft().lesson(intro)).isNull();
        assertThat(edited.published().lesson(intro)).isNotNull();
        assertThatThrownBy(() -> f.catalog.removeLesson(CREATOR, v1.id(), intro))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void edit_byCoAuthor_isAllowedButByStrangerForbidden() {
        Course c = f.draft("Java");
        f.catalog.setAuthors(CREATOR, c.id(), List.of(new Author(CREATOR.id(), 7), new Author(CO_AUTHOR.id(), 3)));

        Chapter ch = f.catalog.addChapter(CO_AUTHOR, c.id(), "Advanced");
        assertThat(f.catalog.course(c.id()).draft().chapters()).extracting(Chapter::id).contains(ch.id());
        assertThatThrownBy(() -> f.catalog.addChapter(OTHER_CREATOR, c.id(), "Mine"))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("not an author");
        assertThatThrownBy(() -> f.catalog.setAuthors(CO_AUTHOR, c.id(), List.of(new Author(CO_AUTHOR.id(), 1))))
                .isInstanceOf(ForbiddenException.class);
        assertThat(f.catalog.coursesBy(CO_AUTHOR.id())).extracting(Course::id).containsExactly(c.id());
    }

    @Test
    void setAuthors_withoutTheCreator_namesAuthors() {
        Course c = f.draft("Java");

        assertThatThrownBy(() -> f.catalog.setAuthors(CREATOR, c.id(), List.of(new Author(CO_AUTHOR.id(), 1))))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).fields()).containsExactly("authors"));
        assertThatThrownBy(() -> f.catalog.setAuthors(CREATOR, c.id(),
                List.of(new Author(CREATOR.id(), 1), new Author(CREATOR.id(), 2))))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).fields()).contains("authors[1]"));
        assertThat(f.catalog.course(c.id()).authors()).containsExactly(new Author(CREATOR.id(), 1));
    }

    @Test
    void unlistRelistArchive_followTheStatusWorkflow() {
        Course c = f.published("Java");

        assertThat(f.catalog.unlist(CREATOR, c.id()).status()).isEqualTo(CourseStatus.UNLISTED);
        assertThatThrownBy(() -> f.catalog.unlist(CREATOR, c.id()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("must be PUBLISHED");
        assertThat(f.catalog.relist(ADMIN, c.id()).status()).isEqualTo(CourseStatus.PUBLISHED);
        assertThatThrownBy(() -> f.catalog.archive(OTHER_CREATOR, c.id())).isInstanceOf(ForbiddenException.class);
        assertThat(f.catalog.archive(CREATOR, c.id()).status()).isEqualTo(CourseStatus.ARCHIVED);
        assertThatThrownBy(() -> f.catalog.archive(CREATOR, c.id())).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> f.catalog.editDetails(CREATOR, c.id(), CatalogFixture.details("x")))
                .isInstanceOf(ConflictException.class);
        assertThat(f.eventTypes()).containsSubsequence(EventTypes.COURSE_UNLISTED, EventTypes.COURSE_PUBLISHED,
                EventTypes.COURSE_ARCHIVED);
    }

    @Test
    void unlist_whileVersionTwoIsDrafted_reportsTheLiveVersion() {
        Course c = f.published("Java");
        f.catalog.editDetails(CREATOR, c.id(), CatalogFixture.details("Java 2"));

        f.catalog.unlist(CREATOR, c.id());

        DomainEvent last = f.events.get(f.events.size() - 1);
        assertThat(last.type()).isEqualTo(EventTypes.COURSE_UNLISTED);
        assertThat(last.data()).containsEntry("version", "1").containsEntry("actor", CREATOR.id().value());
        assertThat(f.eventTypes()).contains(EventTypes.COURSE_DRAFT_UPDATED);
    }

    @Test
    void approve_whenCourseWasArchivedDuringReview_isAConflict() {
        Course c = f.draft("Java");
        f.catalog.submit(CREATOR, c.id());
        f.catalog.archive(ADMIN, c.id());

        assertThatThrownBy(() -> f.catalog.approve(REVIEWER, c.id()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("archived");
        assertThat(f.catalog.history(c.id())).isEmpty();
    }

    @Test
    void unlist_whenStillDraft_isAConflict() {
        Course c = f.draft("Java");

        assertThatThrownBy(() -> f.catalog.unlist(CREATOR, c.id()))
                .isInstanceOf(ConflictException.class)
                .satisfies(e -> assertThat(((ConflictException) e).code()).isEqualTo(ErrorCode.INVALID_STATE));
    }

    @Test
    void approve_whenUnlistedCourseGetsNewVersion_staysUnlisted() {
        Course c = f.published("Java");
        f.catalog.unlist(CREATOR, c.id());
        f.catalog.editDetails(CREATOR, c.id(), CatalogFixture.details("Java 2"));
        f.catalog.submit(CREATOR, c.id());

        Course v2 = f.catalog.approve(REVIEWER, c.id());

        assertThat(v2.status()).isEqualTo(CourseStatus.UNLISTED);
        assertThat(v2.published().version()).isEqualTo(2);
    }

    @Test
    void coursesInCategory_listsOnlyPublishedCourses() {
        Course live = f.published("Live");
        f.draft("Draft only");
        f.advance(Duration.ofMinutes(1));

        assertThat(f.catalog.coursesInCategory("programming")).extracting(Course::id).containsExactly(live.id());
        assertThat(f.catalog.courses(0, 10)).hasSize(2);
    }

    @Test
    void course_whenUnknown_isNotFound() {
        assertThatThrownBy(() -> f.catalog.course(CourseId.of("nope"))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> f.catalog.snapshot(CourseId.of("nope"), 1)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void revenueShares_whenAllocated_splitByTheAuthorsRatios() {
        Course c = f.draft("Java");
        Course shared = f.catalog.setAuthors(CREATOR, c.id(),
                List.of(new Author(CREATOR.id(), 3), new Author(UserId.of("grace"), 1)));

        long[] ratios = shared.authors().stream().mapToLong(Author::revenueShare).toArray();
        assertThat(io.learnloop.core.money.Money.ofMinor(10_001, "CNY").allocate(ratios))
                .extracting(io.learnloop.core.money.Money::minor).containsExactly(7501L, 2500L);
    }
}
