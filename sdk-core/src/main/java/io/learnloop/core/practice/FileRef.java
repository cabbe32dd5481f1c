package io.learnloop.core.practice;

/**
 * A file handed in by reference: the host stores the bytes (an object store, a media service) and the SDK keeps
 * where they are and their digest, so a reviewer can check they read what was handed in.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param uri    where the file is: an absolute {@code https}, {@code s3} or {@code media} URI, at most 2,000 characters
 * @param sha256 the SHA-256 of the bytes, 64 lower-case hex digits
 * @param size   the size in bytes, 0 to {@value #MAX_SIZE}
 */
public record FileRef(String uri, String sha256, long size) {
    /** The largest file size accepted (10 GiB). */
    public static final long MAX_SIZE = 10L * 1024 * 1024 * 1024;
}
