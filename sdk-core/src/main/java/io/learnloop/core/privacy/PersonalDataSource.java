package io.learnloop.core.privacy;

import io.learnloop.core.identity.UserId;

import java.util.Iterator;

/**
 * One section of a learner's personal-data export that a module other than sdk-core holds (community posts, payment
 * attempts, LMS launches), registered with {@code Learnloop.Builder.personalDataSource}. Records are read lazily, one
 * at a time, so a heavy learner's section never has to fit in memory; each is written as JSON the way the store
 * writes it.
 *
 * <p>A source is registered before the facade exists, so each export hands it the facade being exported (an
 * {@link ErasureScope}, as an erasure step is handed one), through which it reads the facade's store.
 *
 * <p>Thread-safe: implementations must be; one export calls {@link #records} once per learner.
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
     * What this module holds about a learner in the facade being exported, read as it is iterated. Account or card
     * numbers must be masked.
     *
     * @param scope   the facade whose data is exported: its context and the learner's orders
     * @param learner the learner
     * @return the records
     */
    Iterator<?> records(ErasureScope scope, UserId learner);
}
