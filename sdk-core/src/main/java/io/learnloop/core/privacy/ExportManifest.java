package io.learnloop.core.privacy;

import io.learnloop.core.identity.UserId;

import java.time.Instant;
import java.util.List;

/**
 * What an export archive holds: written into it as {@code manifest.json}, and returned to the host.
 *
 * <p>Thread-safe: immutable.
 *
 * @param schemaVersion the archive format's version, {@link #SCHEMA_VERSION}
 * @param learner       whose data it is
 * @param exportedAt    when the export was taken
 * @param sections      its files, in the order written
 */
public record ExportManifest(int schemaVersion, UserId learner, Instant exportedAt, List<ExportedSection> sections) {
    /** The archive format described in docs/privacy.md. */
    public static final int SCHEMA_VERSION = 1;

    /**
     * Copies the list.
     */
    public ExportManifest {
        sections = List.copyOf(sections);
    }
}
