package io.learnloop.payment.wechat;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;

/**
 * A WeChat Pay platform certificate downloaded from {@code GET /v3/certificates}, decrypted with the APIv3 key and
 * checked: its serial number matches the one WeChat Pay listed and it was valid when downloaded.
 *
 * <p>Thread-safe: immutable record ({@link X509Certificate} is immutable).
 *
 * @param serialNumber the serial number as WeChat Pay sends it in {@code Wechatpay-Serial} (upper-case hex)
 * @param notBefore    the start of the certificate's validity
 * @param notAfter     the end of the certificate's validity; WeChat Pay stops signing with it before then
 * @param certificate  the X.509 certificate, for example to store it and configure it with
 *                     {@link WechatPayConfig.Builder#platformCertificate(X509Certificate)}
 */
public record PlatformCertificate(String serialNumber, Instant notBefore, Instant notAfter, X509Certificate certificate) {
    /**
     * Checks the components.
     *
     * @throws NullPointerException if a component is null
     */
    public PlatformCertificate {
        Objects.requireNonNull(serialNumber, "serialNumber");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(certificate, "certificate");
    }

    /**
     * Whether the certificate is valid at an instant (both bounds included).
     *
     * @param at the instant
     * @return true if {@code notBefore <= at <= notAfter}
     */
    public boolean validAt(Instant at) {
        return !at.isBefore(notBefore) && !at.isAfter(notAfter);
    }

    @Override
    public String toString() {
        return "PlatformCertificate[serialNumber=" + serialNumber + ", notBefore=" + notBefore + ", notAfter=" + notAfter + "]";
    }
}
