package io.learnloop.core.catalog;

import io.learnloop.core.error.Validator;
import io.learnloop.core.identity.UserId;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A course: its authors, its status, the published version learners see and the draft version its authors edit.
 * A course that was never published has only a draft; a published course has a draft only while a new version is
 * being written or reviewed, and its published version stays visible until that draft is approved.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id         the course id
 * @param creator    the author who created the course; always one of {@code authors}
 * @param authors    the creator and co-authors with their revenue shares (copied)
 * @param status     where the course stands
 * @param published  the live version, or null if none was ever published
 * @param draft      the version being written or reviewed, or null
 * @param draftState the draft's state, or null when there is no draft
 * @param reviews    the decisions on the draft's latest submission (copied)
 * @param createdAt  when it was created
 * @param updatedAt  when it last changed
 */
public record Course(CourseId id, UserId creator, List<Author> authors, CourseStatus status, CourseContent published,
                     CourseContent draft, DraftState draftState, List<ReviewDecision> reviews, Instant createdAt,
                     Instant updatedAt) {
    /**
     * Validates and copies.
     *
     * @param id         the id
     * @param creator    the creator
     * @param authors    the authors
     * @param status     the status
     * @param published  the live version
     * @param draft      the draft
     * @param draftState the draft's state
     * @param reviews    the decisions
     * @param createdAt  created
     * @param updatedAt  last changed
     * @throws io.learnloop.core.error.ValidationException naming every bad field
     */
    public Course {
        Validator v = new Validator().notNull("id", id).notNull("creator", creator).notNull("status", status)
                .notNull("createdAt", createdAt).notNull("updatedAt", updatedAt)
                .check((draft == null) == (draftState == null), "draftState", "must be set exactly when there is a draft")
                .check(published != null || draft != null, "draft", "a course has a draft or a published version");
        checkAuthors(v, creator, authors);
        v.throwIfInvalid();
        authors = List.copyOf(authors);
        reviews = reviews == null ? List.of() : List.copyOf(reviews);
    }

    static void checkAuthors(Validator v, UserId creator, List<Author> authors) {
        if (authors == null || authors.isEmpty()) {
            v.check(false, "authors", "must list at least the creator");
            return;
        }
        v.check(authors.size() <= Limits.AUTHORS, "authors", "must list at most " + Limits.AUTHORS + " authors");
        Set<UserId> seen = new HashSet<>();
        for (int i = 0; i < authors.size(); i++) {
            Author a = authors.get(i);
            v.check(a != null, "authors[" + i + "]", "is required");
            if (a != null) {
                v.check(seen.add(a.user()), "authors[" + i + "]", "user '" + a.user() + "' is listed twice");
            }
        }
        v.check(creator == null || seen.contains(creator), "authors", "must include the creator '" + creator + "'");
    }

    /**
     * Whether the user is the creator or a co-author.
     *
     * @param user the user
     * @return true for authors
     */
    public boolean isAuthor(UserId user) {
        for (Author a : authors) {
            if (a.user().equals(user)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The version authors work on next: the draft if there is one, else the published version.
     *
     * @return the latest version
     */
    public CourseContent latest() {
        return draft != null ? draft : published;
    }

    /**
     * How many reviewers approved the draft's current submission.
     *
     * @return the approvals
     */
    public int approvals() {
        int n = 0;
        for (ReviewDecision d : reviews) {
            if (d.verdict() == ReviewVerdict.APPROVED && draft != null && d.version() == draft.version()) {
                n++;
            }
        }
        return n;
    }
}
