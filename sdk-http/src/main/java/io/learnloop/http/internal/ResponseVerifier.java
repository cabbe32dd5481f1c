package io.learnloop.http.internal;

/**
 * Checks that a response really comes from the peer (for example WeChat Pay's platform signature or Alipay's RSA2
 * signature over the raw response). Runs on the final response of a call, before it is parsed; a failure is never
 * retried, because a forged or corrupted answer does not become genuine by asking again.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface ResponseVerifier {
    /** Trusts every response (peers whose transport security is the only proof, such as Stripe and Discourse). */
    ResponseVerifier NONE = response -> { };

    /**
     * Verifies the response.
     *
     * @param response the response
     * @throws io.learnloop.core.error.RemoteException with {@link io.learnloop.core.error.ErrorCode#VERIFICATION_FAILED}
     *                                                (or a subtype) when the response cannot be trusted
     */
    void verify(HttpResponse response);
}
