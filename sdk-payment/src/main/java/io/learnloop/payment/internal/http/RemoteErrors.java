package io.learnloop.payment.internal.http;

import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.RemoteException;

/**
 * Builds {@link RemoteException}s from provider responses with a uniform message.
 */
public final class RemoteErrors {
    private RemoteErrors() {
    }

    /**
     * Builds the exception.
     *
     * @param provider       the provider name
     * @param operation      what was attempted, for example {@code "create payment"}
     * @param status         the HTTP status, or 0
     * @param providerCode   the provider's error code, or null
     * @param providerMsg    the provider's message, or null
     * @param requestId      the provider's request id, or null
     * @param retryable      whether the same call may be repeated
     * @param outcomeUnknown whether the provider may have acted
     * @return the exception
     */
    public static RemoteException of(String provider, String operation, int status, String providerCode,
                                     String providerMsg, String requestId, boolean retryable, boolean outcomeUnknown) {
        ErrorCode code = status == 429 ? ErrorCode.RATE_LIMITED : ErrorCode.REMOTE_FAILURE;
        StringBuilder m = new StringBuilder(provider).append(' ').append(operation).append(" failed");
        if (status > 0) {
            m.append(" with HTTP ").append(status);
        }
        if (providerCode != null) {
            m.append(" (").append(providerCode).append(')');
        }
        if (providerMsg != null && !providerMsg.isBlank()) {
            m.append(": ").append(providerMsg.length() > 300 ? providerMsg.substring(0, 300) + "…" : providerMsg);
        }
        m.append(outcomeUnknown ? "; the outcome is unknown, query before retrying"
                : retryable ? "; the call may be retried" : "; do not retry unchanged");
        return new RemoteException(code, m.toString(), retryable, outcomeUnknown, status, providerCode, requestId, null);
    }
}
