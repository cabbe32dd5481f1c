package io.learnloop.core.privacy;

import io.learnloop.core.Page;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.UserId;

/**
 * The append-only record of who exported, erased, refunded, granted, revoked, changed roles or recorded consent.
 * The SDK writes an entry in the same transaction as the action, so an action is never without its entry and an
 * entry never without its action; the host records what happens outside the SDK (role changes) with
 * {@link #record}.
 *
 * <p>Who may do what: admins and auditors (role {@code ADMIN} or {@code AUDITOR}) read the log and record entries;
 * nobody changes or deletes one.
 *
 * <p>Thread-safe: implementations must be.
 */
public interface AuditLog {
    /** Most entries a page holds. */
    int MAX_PAGE = 500;

    /**
     * Records an action the host took.
     *
     * @param actor   who did it; needs role {@code ADMIN} or {@code AUDITOR}
     * @param action  what was done
     * @param subject whom it concerns, or null
     * @param target  what it was done to, or null (at most {@link AuditEntry#MAX_TEXT} characters)
     * @param reason  why, or null (at most {@link AuditEntry#MAX_TEXT} characters)
     * @return the entry
     * @throws io.learnloop.core.error.ForbiddenException  if the actor has neither role
     * @throws io.learnloop.core.error.ValidationException if a text is too long or the action is missing
     */
    AuditEntry record(Actor actor, AuditAction action, UserId subject, String target, String reason);

    /**
     * Every entry, newest first, a page at a time.
     *
     * @param actor  who reads; needs role {@code ADMIN} or {@code AUDITOR}
     * @param cursor null for the first page, else the previous page's cursor
     * @param limit  1 to {@link #MAX_PAGE}
     * @return the page
     */
    Page<AuditEntry> entries(Actor actor, String cursor, int limit);

    /**
     * The entries about one person, newest first, a page at a time.
     *
     * @param actor   who reads; needs role {@code ADMIN} or {@code AUDITOR}
     * @param subject the person
     * @param cursor  null for the first page, else the previous page's cursor
     * @param limit   1 to {@link #MAX_PAGE}
     * @return the page
     */
    Page<AuditEntry> about(Actor actor, UserId subject, String cursor, int limit);
}
