package io.learnloop.core.privacy;

import io.learnloop.core.identity.UserId;

import java.util.Iterator;

/**
 * One section of a learner's personal-data export that a module other than sdk-core holds (community posts, payment
 * attempts, LMS launches), registered with {@code Learnloop.Builder.personalDataSource}. Records are read lazily, one
 * at a time, so a heavy learner's section never has to fit in memory; each is written as JSON the way the store
 * writes it.
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
     * What this module holds about a learner, read as it is iterated. Account or card numbers must be masked.
     * Implement either this or {@link #records(ErasureScope, UserId)}.
     *
     * @param learner the learner
     * @return the records
     * @throws UnsupportedOperationException if the section reads through the facade's scope instead
     */
    default Iterator<?> records(UserId learner) {
        throw new UnsupportedOperationException("Section '" + section() + "' reads the facade's store: call"
                + " records(scope, learner).");
    }

    /**
     * What this module holds about a learner, read from the store of the facade whose export is written: for a
     * section registered on the builder before that facade exists. The export calls this; by default it calls
     * {@link #records(UserId)}.
     *
     * @param scope   the facade whose data is exported: its store, tenant and clock
     * @param learner the learner
     * @return the records
     */
    default Iterator<?> records(ErasureScope scope, UserId learner) {
        return records(learner);
    }
}
