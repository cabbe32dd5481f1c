package io.learnloop.payment.pipeline;

import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.core.error.RemoteException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.payment.alipay.AlipayCertificateException;
import io.learnloop.payment.internal.http.RemoteErrors;
import io.learnloop.payment.internal.pipeline.PaymentRefund;
import io.learnloop.payment.internal.pipeline.RefundFailures;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failed refund sends are a refusal of the refund, which wait for the host's fix, and which are retried. */
class RefundFailuresTest {
    private static RemoteException remote(int status, String code, boolean retryable, boolean unknown) {
        return RemoteErrors.of("provider", "refund", status, code, "message", null, retryable, unknown);
    }

    @Test
    void stateAfter_whenOurConfigurationOrCredentialsAreRefused_isBlocked() {
        Instant notAfter = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(RefundFailures.stateAfter(new AlipayCertificateException(AlipayCertificateException.Problem.EXPIRED,
                "sn", notAfter, "the app certificate expired", false, 0))).isEqualTo(PaymentRefund.BLOCKED);
        assertThat(RefundFailures.stateAfter(remote(401, null, false, false))).isEqualTo(PaymentRefund.BLOCKED);
        assertThat(RefundFailures.stateAfter(remote(401, "SIGN_ERROR", false, false))).isEqualTo(PaymentRefund.BLOCKED);
        assertThat(RefundFailures.stateAfter(remote(403, "NO_AUTH", false, false))).isEqualTo(PaymentRefund.BLOCKED);
        assertThat(RefundFailures.stateAfter(remote(400, "PARAM_ERROR", false, false))).isEqualTo(PaymentRefund.BLOCKED);
        assertThat(RefundFailures.stateAfter(remote(200, "isv.invalid-signature", false, false))).isEqualTo(PaymentRefund.BLOCKED);
        assertThat(RefundFailures.stateAfter(remote(200, "isv.invalid-app-id", false, false))).isEqualTo(PaymentRefund.BLOCKED);
        assertThat(RefundFailures.stateAfter(remote(400, "parameter_missing", false, false))).isEqualTo(PaymentRefund.BLOCKED);
        assertThat(RefundFailures.stateAfter(remote(0, null, false, false))).isEqualTo(PaymentRefund.BLOCKED);
        // raised before anything was sent
        assertThat(RefundFailures.stateAfter(ValidationException.of("payment.providerPaymentId", "needs pi_")))
                .isEqualTo(PaymentRefund.BLOCKED);
        assertThat(RefundFailures.stateAfter(new LearnloopException(ErrorCode.CONFIGURATION, "not an RSA key", null)))
                .isEqualTo(PaymentRefund.BLOCKED);
    }

    @Test
    void stateAfter_whenTheProviderRefusesTheRefundItself_isFailed() {
        assertThat(RefundFailures.stateAfter(remote(200, "ACQ.TRADE_HAS_CLOSE", false, false))).isEqualTo(PaymentRefund.FAILED);
        assertThat(RefundFailures.stateAfter(remote(400, "charge_already_refunded", false, false))).isEqualTo(PaymentRefund.FAILED);
        assertThat(RefundFailures.stateAfter(remote(400, "INVALID_REQUEST", false, false))).isEqualTo(PaymentRefund.FAILED);
        assertThat(RefundFailures.stateAfter(remote(403, "USER_ACCOUNT_ABNORMAL", false, false))).isEqualTo(PaymentRefund.FAILED);
    }

    @Test
    void stateAfter_whenTheProviderMayHaveActedOrFailedTransiently_isRetry() {
        assertThat(RefundFailures.stateAfter(remote(500, "api_error", true, true))).isEqualTo(PaymentRefund.RETRY);
        assertThat(RefundFailures.stateAfter(remote(429, "rate_limit", true, false))).isEqualTo(PaymentRefund.RETRY);
        // Alipay's busy gateway is not a configuration problem although its code starts like one
        assertThat(RefundFailures.stateAfter(remote(200, "aop.ACQ.SYSTEM_ERROR", true, false))).isEqualTo(PaymentRefund.RETRY);
        assertThat(RefundFailures.stateAfter(remote(0, "connection_reset", true, true))).isEqualTo(PaymentRefund.RETRY);
        // a certificate problem after the request was sent: ask the provider before anything else
        assertThat(RefundFailures.stateAfter(new AlipayCertificateException(
                AlipayCertificateException.Problem.UNKNOWN_CERTIFICATE, "sn", null, "unknown alipay_cert_sn", true, 200)))
                .isEqualTo(PaymentRefund.RETRY);
    }
}
