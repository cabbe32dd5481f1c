package io.learnloop.payment.internal.pipeline;

import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.core.error.RemoteException;

import java.util.Set;

/**
 * Sorts a failed refund send into the state the refund takes: {@link PaymentRefund#RETRY} when the provider may have
 * acted or the failure is transient, {@link PaymentRefund#BLOCKED} when the provider did not act because of something
 * the host can fix (configuration, credentials, a request that never left or that it refused as malformed), and
 * {@link PaymentRefund#FAILED} only for a definitive refusal of the refund itself (for example Alipay
 * {@code ACQ.TRADE_HAS_CLOSE}, Stripe {@code charge_already_refunded}).
 *
 * <p>A wrong guess never moves money: a blocked or failed refund is only sent again through
 * {@code Payments.resendRefund}, which asks the provider first.
 */
public final class RefundFailures {
    /** Provider codes that name our configuration, credentials or a malformed request, not the refund. */
    private static final Set<String> CONFIGURATION_CODES = Set.of(
            // Stripe (error.code, else error.type)
            "authentication_error", "api_key_expired", "secret_key_required", "platform_api_key_expired",
            "account_invalid", "livemode_mismatch", "testmode_charges_only", "parameter_missing",
            "parameter_unknown", "parameter_invalid_empty", "parameter_invalid_integer",
            "parameter_invalid_string_blank", "parameter_invalid_string_empty", "balance_insufficient",
            // WeChat Pay v3 (code)
            "SIGN_ERROR", "PARAM_ERROR", "NO_AUTH", "APPID_MCHID_NOT_MATCH", "MCH_NOT_EXISTS", "NOT_ENOUGH",
            // Alipay (code, when no sub_code came)
            "20001", "40001", "40002", "40006");

    /** Provider codes that refuse the refund itself although their HTTP status reads like a permission problem. */
    private static final Set<String> REFUSAL_CODES = Set.of("USER_ACCOUNT_ABNORMAL");

    private RefundFailures() {
    }

    /**
     * The state a refund takes after its send failed.
     *
     * @param e the failure
     * @return {@link PaymentRefund#RETRY}, {@link PaymentRefund#BLOCKED} or {@link PaymentRefund#FAILED}
     */
    public static String stateAfter(LearnloopException e) {
        if (!(e instanceof RemoteException remote)) {
            // raised before anything was sent: a validation, signing or configuration problem
            return PaymentRefund.BLOCKED;
        }
        if (remote.outcomeUnknown()) {
            return PaymentRefund.RETRY;
        }
        if (remote.providerCode() != null && REFUSAL_CODES.contains(remote.providerCode())) {
            return PaymentRefund.FAILED;
        }
        if (remote.code() == ErrorCode.CONFIGURATION || remote.code() == ErrorCode.VERIFICATION_FAILED
                || remote.httpStatus() == 401 || remote.httpStatus() == 403) {
            return PaymentRefund.BLOCKED;
        }
        if (remote.isRetryable()) {
            return PaymentRefund.RETRY;
        }
        if (configurationCode(remote.providerCode())) {
            return PaymentRefund.BLOCKED;
        }
        // no answer arrived and the provider cannot have acted
        return remote.httpStatus() == 0 ? PaymentRefund.BLOCKED : PaymentRefund.FAILED;
    }

    private static boolean configurationCode(String code) {
        if (code == null) {
            return false;
        }
        // Alipay's gateway (isv.*: app id, signature, permissions; aop.*: authorisation) refuses before any business rule
        return CONFIGURATION_CODES.contains(code) || code.startsWith("isv.") || code.startsWith("aop.");
    }
}
