package io.learnloop.jdbc.internal;

import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;
import org.flywaydb.core.api.resource.LoadableResource;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * One SQL migration file shipped inside this module, read through this module's own class so it is found on the
 * class path and on the module path alike (Flyway's own scanning cannot see into a named module's resources).
 *
 * <p>Thread-safe: immutable.
 */
final class MigrationResource extends LoadableResource {
    private final String path;
    private final String filename;

    MigrationResource(String folder, String filename) {
        this.path = folder + "/" + filename;
        this.filename = filename;
    }

    @Override
    public Reader read() {
        InputStream in = MigrationResource.class.getResourceAsStream("/" + path);
        if (in == null) {
            throw new LearnloopException(ErrorCode.INTERNAL, "The migration " + path + " is missing from sdk-jdbc's jar.");
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    @Override
    public String getAbsolutePath() {
        return path;
    }

    @Override
    public String getAbsolutePathOnDisk() {
        return path;
    }

    @Override
    public String getFilename() {
        return filename;
    }

    @Override
    public String getRelativePath() {
        return filename;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MigrationResource other && other.path.equals(path);
    }

    @Override
    public int hashCode() {
        return path.hashCode();
    }
}
