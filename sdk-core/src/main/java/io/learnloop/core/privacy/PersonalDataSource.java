package io.learnloop.core.privacy;

import io.learnloop.core.identity.UserId;

import java.util.Iterator;

/**
 * One section of a learner's personal-data export that a module other than sdk-core holds (community posts, payment
 * attempts, LMS launches), registered with {@code Learnloop.Builder.personalDataSource}. Records are read lazily, one
 * at a time, so a heavy learner's section never has to fit in memory; each is written as JSON the way the store
 * writes it.
 *
 * <p>A source is registered before the facade exists; one that reads the facade's store implements
 * {@link #records(ErasureScope, UserId)}, which is handed the facade on each export (as an erasure step is), the
 * others {@link #records(UserId)}.
 *
 * <p>Thread-safe: implementations must be; one export calls {@link #records(ErasureScope, UserId)} once per learner.
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
     * @throws UnsupportedOperationException unless implemented (a source implements this or
     *                                       {@link #records(ErasureScope, UserId)})
     */
    default Iterator<?> records(UserId learner) {
        throw new UnsupportedOperationException(getClass().getName() + " must implement records(UserId) or"
                + " records(ErasureScope, UserId)");
    }

    /**
     * What this module holds about a learner in the facade being exported, read as it is iterated: the export calls
     * this. By default {@link #records(UserId)}.
     *
     * @param scope   the facade whose data is exported: its context and the learner's orders
     * @param learner the learner
     * @return the records
     */
    default Iterator<?> records(ErasureScope scope, UserId learner) {
        return records(learner);
    }
}
