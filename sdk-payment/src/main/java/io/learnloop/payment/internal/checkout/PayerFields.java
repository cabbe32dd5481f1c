package io.learnloop.payment.internal.checkout;

import io.learnloop.core.error.Validator;
import io.learnloop.payment.PaymentFlow;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The payer fields a flow needs: the openid for WeChat JSAPI and mini-program payments, the client IP for WeChat H5
 * payments (WeChat Pay's {@code scene_info.payer_client_ip}), the return URL for Alipay WAP payments (the mobile
 * browser comes back there from the Alipay app), so that a request missing them fails before anything is written or
 * sent.
 *
 * <p>Thread-safe: stateless.
 */
public final class PayerFields {
    private PayerFields() {
    }

    /**
     * Records a problem for each payer field the flow needs and lacks, or that is malformed.
     *
     * @param v             the validator
     * @param flow          the flow, or null (then only the formats are checked)
     * @param payerId       the payer's provider id
     * @param payerClientIp the payer's client IP
     * @param returnUrl     where the payer's browser returns
     */
    public static void check(Validator v, PaymentFlow flow, String payerId, String payerClientIp, String returnUrl) {
        format(v, payerId, payerClientIp);
        required(v, flow, payerId, payerClientIp, returnUrl);
    }

    /**
     * Records a problem for each payer field the flow needs and lacks.
     *
     * @param v             the validator
     * @param flow          the flow, or null
     * @param payerId       the payer's provider id
     * @param payerClientIp the payer's client IP
     * @param returnUrl     where the payer's browser returns
     */
    public static void required(Validator v, PaymentFlow flow, String payerId, String payerClientIp, String returnUrl) {
        if (flow == PaymentFlow.JSAPI || flow == PaymentFlow.MINI_PROGRAM) {
            v.check(payerId != null && !payerId.isBlank(), "payerId", "is required for " + flow
                    + " payments: the payer's openid under the " + (flow == PaymentFlow.JSAPI ? "official account"
                    : "mini-program") + "'s appid");
        }
        if (flow == PaymentFlow.H5) {
            v.check(payerClientIp != null && !payerClientIp.isBlank(), "payerClientIp",
                    "is required for H5 payments: the IPv4 or IPv6 address of the payer's device, as the host saw it");
        }
        if (flow == PaymentFlow.WAP) {
            v.check(returnUrl != null && !returnUrl.isBlank(), "returnUrl", "is required for WAP payments: the http(s) "
                    + "page of the shop that the mobile browser returns to after paying in the Alipay app or cashier");
        }
    }

    /**
     * Records a problem for each payer field that is set but malformed.
     *
     * @param v             the validator
     * @param payerId       the payer's provider id
     * @param payerClientIp the payer's client IP
     */
    public static void format(Validator v, String payerId, String payerClientIp) {
        v.maxLength("payerId", payerId, 128);
        if (payerClientIp != null && !payerClientIp.isBlank()) {
            v.check(isIpLiteral(payerClientIp), "payerClientIp", "must be an IPv4 or IPv6 address (was '"
                    + (payerClientIp.length() > 45 ? payerClientIp.substring(0, 45) + "…" : payerClientIp) + "')");
        }
    }

    static boolean isIpLiteral(String s) {
        if (s.length() > 45) {
            return false;
        }
        if (s.indexOf(':') < 0) {
            String[] parts = s.split("\\.", -1);
            if (parts.length != 4) {
                return false;
            }
            for (String p : parts) {
                if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')
                        || Integer.parseInt(p) > 255) {
                    return false;
                }
            }
            return true;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
            if (!ok) {
                return false;
            }
        }
        try {
            // a literal with ':' is parsed, never looked up
            InetAddress.getByName(s);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
