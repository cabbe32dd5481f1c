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
     */
    ExportManifest export(Actor actor, UserId learner, OutputStream out);
}
