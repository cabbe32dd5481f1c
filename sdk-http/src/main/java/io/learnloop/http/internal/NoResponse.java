package io.learnloop.http.internal;

import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.RemoteException;

import java.io.IOException;

/**
 * A call that got no response after its last attempt: the connection failed or timed out.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param message        what failed and what to do, naming the peer, the method and the path (never the query)
 * @param retryable      whether repeating the call is safe: the request was not sent, or it is repeatable
 * @param outcomeUnknown whether the peer may have acted: the request may have arrived and it is not a read
 * @param cause          the last I/O failure
 */
public record NoResponse(String message, boolean retryable, boolean outcomeUnknown, IOException cause) {

    /**
     * Turns a call without a response into the peer client's exception.
     *
     * <p>Implementations must be thread-safe: one mapper serves every call of a pipeline.
     */
    @FunctionalInterface
    public interface Mapper {
        /** Maps to a core {@link RemoteException} with {@link ErrorCode#REMOTE_FAILURE} and HTTP status 0. */
        Mapper DEFAULT = f -> new RemoteException(ErrorCode.REMOTE_FAILURE, f.message(), f.retryable(),
                f.outcomeUnknown(), 0, null, null, f.cause());

        /**
         * Maps the failure.
         *
         * @param failure the failure
         * @return the exception to throw
         */
        RuntimeException map(NoResponse failure);
    }
}
