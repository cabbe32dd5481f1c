package io.learnloop.core.privacy;

import io.learnloop.core.identity.UserId;

import java.util.Iterator;

/**
 * One section of a learner's personal-data export that a module other than sdk-core holds (community posts, payment
 * attempts, LMS launches), registered with {@code Learnloop.Builder.personalDataSource}. Records are read lazily, one
 * at a time, so a heavy learner's section never has to fit in memory; each is written as JSON the way the store
 * writes it.
 *
 * <p>A source is registered before the facade exists, so one whose records are in the facade's store reads them
 * through the {@link ErasureScope} an export hands it ({@link #records(ErasureScope, UserId)}), as an erasure step
 * does.
 *
 * <p>Thread-safe: implementations must be; one export reads each section once per learner.
 */
public interface PersonalDataSource {
    /**
     * The section's name, which is also its file in the archive ({@code name.json}): lower-case letters, digits and
     * hyphens, unique across sections.
     *
     * @return the name
     */
    String section();

    /**
     * What this module holds about a learner, read as it is iterated. Account or card numbers must be masked.
     *
     * @param learner the learner
     * @return the records
     */
    Iterator<?> records(UserId learner);

    /**
     * What this module holds about a learner, read with the facade being exported: its context (store, tenant) and
     * the learner's orders. The export calls this one; by default it is {@link #records(UserId)}.
     *
     * @param scope   the facade whose data is exported
     * @param learner the learner
     * @return the records
     */
    default Iterator<?> records(ErasureScope scope, UserId learner) {
        return records(learner);
    }
}
