package io.learnloop.payment.internal.wechat;

import java.math.BigInteger;
import java.util.Locale;

/**
 * One spelling for a certificate serial number, so a key is found whichever way its serial was written: WeChat Pay
 * sends 40 upper-case hex digits in {@code Wechatpay-Serial} and {@code serial_no}, while
 * {@link java.security.cert.X509Certificate#getSerialNumber()} drops leading zeros. Key ids that are not hex (the
 * WeChat Pay public key's {@code PUB_KEY_ID_…}) are kept as they are. Stateless.
 */
public final class WechatSerials {
    private WechatSerials() {
    }

    /**
     * The canonical spelling: upper-case hex without leading zeros, or the id unchanged when it is not hex.
     *
     * @param serial the serial or key id, may be null
     * @return the canonical spelling, or null for null
     */
    public static String canonical(String serial) {
        if (serial == null || serial.isEmpty() || serial.length() > 64 || !serial.chars().allMatch(WechatSerials::hex)) {
            return serial;
        }
        return new BigInteger(serial, 16).toString(16).toUpperCase(Locale.ROOT);
    }

    /**
     * The canonical spelling of a certificate's serial number.
     *
     * @param serial the certificate's serial number
     * @return upper-case hex without leading zeros
     */
    public static String canonical(BigInteger serial) {
        return serial.toString(16).toUpperCase(Locale.ROOT);
    }

    private static boolean hex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
