package io.learnloop.core.privacy;

import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.UserId;

import java.io.OutputStream;

/**
 * A learner's right of access and to data portability (PIPL art. 45, GDPR art. 15 and 20): everything Learnloop holds
 * about one learner, as a ZIP archive of JSON files with a manifest.
 *
 * <p>Who may do what: a learner exports their own data; an admin (role {@code ADMIN}) anyone's. Every export is an
 * audit entry ({@link AuditAction#EXPORTED}).
 *
 * <p>Thread-safe: implementations must be.
 */
public interface PersonalDataService {
    /**
     * Writes a learner's archive to a stream, a record at a time. The stream is not closed.
     *
     * @param actor   who asks
     * @param learner whose data
     * @param out     where the ZIP archive goes
     * @return the manifest, as also written into the archive
     * @throws io.learnloop.core.error.ForbiddenException  if the actor is neither the learner nor an admin
     * @throws io.learnloop.core.error.LearnloopException with {@code OUTPUT_FAILED} if the stream cannot be written;
     *                                                     the archive is then incomplete and no audit entry says it
     *                                                     was exported
     * @throws io.learnloop.core.error.ConflictException   with {@code ERASURE_IN_PROGRESS} while the learner's
     *                                                     erasure runs, or {@code INVALID_STATE} once it is done
     */
    ExportManifest export(Actor actor, UserId learner, OutputStream out);

    /**
     * Erases a learner (PIPL art. 47, GDPR art. 17): their id is replaced everywhere by a random pseudonym, what they
     * wrote (notes, review texts, free quiz answers) and their contact data are removed, their certificates are
     * revoked, and each module registered with {@code Learnloop.Builder.personalDataEraser} does the same with
     * what it holds. Orders, refunds and ledger entries keep their amounts, so every ledger still balances, but no
     * longer name the learner. An {@link AuditAction#ERASED} entry about the pseudonym records it.
     *
     * <p>Idempotent and resumable: a repeat of a finished erasure changes nothing and says so; a repeat of one that
     * stopped midway (a crash, a store failure) resumes at the step it was in.
     *
     * @param actor   who asks: the learner, or an admin (role {@code ADMIN})
     * @param learner whose data
     * @param reason  why, kept in the audit entry (no personal data), at most 500 characters
     * @return what was done
     * @throws io.learnloop.core.error.ForbiddenException if the actor is neither the learner nor an admin
     * @throws io.learnloop.core.error.NotFoundException  if nothing in Learnloop concerns the learner
     * @throws io.learnloop.core.error.ConflictException  with {@code ERASURE_BLOCKED} if something must finish first
     *                                                    (a refund waiting for the provider); nothing is erased
     */
    ErasureOutcome erase(Actor actor, UserId learner, String reason);
}
