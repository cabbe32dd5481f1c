package io.learnloop.recommend.data;

import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;

/**
 * A data file could not be read: missing, unreadable, wrong header or a malformed row. The message names the file
 * and the 1-based line number.
 *
 * <p>Thread-safe: immutable.
 */
public final class DataFileException extends LearnloopException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final long line;

    /**
     * Creates the exception.
     *
     * @param file    the file name
     * @param line    the 1-based line number, 0 when the problem is the file as a whole
     * @param problem what is wrong and what was expected
     */
    public DataFileException(String file, long line, String problem) {
        super(ErrorCode.VALIDATION_FAILED, line > 0 ? file + " line " + line + ": " + problem : file + ": " + problem);
        this.file = file;
        this.line = line;
    }

    /**
     * Creates the exception for an I/O failure.
     *
     * @param file  the file name
     * @param cause the failure
     */
    public DataFileException(String file, Throwable cause) {
        super(ErrorCode.VALIDATION_FAILED, file + ": cannot be read (" + cause.getMessage() + ")", cause);
        this.file = file;
        this.line = 0;
    }

    /**
     * Returns the file name.
     *
     * @return the file
     */
    public String file() {
        return file;
    }

    /**
     * Returns the 1-based line number.
     *
     * @return the line, 0 when the problem is the file as a whole
     */
    public long line() {
        return line;
    }
}
