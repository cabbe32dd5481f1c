package io.learnloop.payment.alipay;

import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.RemoteException;

import java.time.Instant;

/**
 * An Alipay call in certificate mode (公钥证书模式) could not be made or trusted because of a certificate: a response
 * named an {@code alipay_cert_sn} that is not configured (Alipay rotated its certificate) and could not be downloaded
 * and trusted, a success response carried
 * no {@code alipay_cert_sn}, or a configured certificate is outside its validity period by the configured clock.
 *
 * <p>{@link #code()} is {@link ErrorCode#VERIFICATION_FAILED} for a response that cannot be verified and
 * {@link ErrorCode#CONFIGURATION} for a certificate that has expired or is not yet valid. As for every
 * {@link RemoteException}, {@link #outcomeUnknown()} says whether Alipay may have acted (the request had been sent).
 *
 * <p>Thread-safe: immutable.
 */
public final class AlipayCertificateException extends RemoteException {
    private static final long serialVersionUID = 1L;

    /** What was wrong with the certificate. */
    public enum Problem {
        /** The response named a certificate serial number that no configured Alipay certificate has. */
        UNKNOWN_CERTIFICATE,
        /**
         * The response named a certificate that is not configured, and the certificate downloaded for it was
         * refused: another serial number, not issued under the configured root chain, or a bad signature.
         */
        UNTRUSTED_CERTIFICATE,
        /** A success response carried no {@code alipay_cert_sn}. */
        MISSING_CERTIFICATE_SN,
        /** The certificate's notAfter lies before the configured clock's instant. */
        EXPIRED,
        /** The certificate's notBefore lies after the configured clock's instant. */
        NOT_YET_VALID
    }

    private final Problem problem;
    private final String certSn;
    private final Instant notAfter;

    /**
     * Creates the exception.
     *
     * @param problem        what was wrong
     * @param certSn         the certificate serial number concerned, or null when the response named none
     * @param notAfter       the certificate's end of validity, or null when no configured certificate is concerned
     * @param message        what failed and how to fix it
     * @param outcomeUnknown whether the request had been sent and Alipay may have acted
     * @param httpStatus     the HTTP status, or 0 when nothing was sent
     */
    public AlipayCertificateException(Problem problem, String certSn, Instant notAfter, String message,
                                      boolean outcomeUnknown, int httpStatus) {
        super(problem == Problem.EXPIRED || problem == Problem.NOT_YET_VALID ? ErrorCode.CONFIGURATION : ErrorCode.VERIFICATION_FAILED,
                message, false, outcomeUnknown, httpStatus, null, null, null);
        this.problem = problem;
        this.certSn = certSn;
        this.notAfter = notAfter;
    }

    /**
     * What was wrong with the certificate.
     *
     * @return the problem
     */
    public Problem problem() {
        return problem;
    }

    /**
     * The serial number of the certificate concerned ({@code app_cert_sn} or {@code alipay_cert_sn} form).
     *
     * @return the serial number, or null when a response named none
     */
    public String certSn() {
        return certSn;
    }

    /**
     * The end of the concerned certificate's validity.
     *
     * @return the instant, or null when no configured certificate is concerned
     */
    public Instant notAfter() {
        return notAfter;
    }
}
