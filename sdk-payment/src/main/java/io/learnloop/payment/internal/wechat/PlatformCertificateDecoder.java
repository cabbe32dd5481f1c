package io.learnloop.payment.internal.wechat;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnloop.payment.internal.json.Json;
import io.learnloop.payment.wechat.PlatformCertificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a {@code GET /v3/certificates} body: {@code {"data":[{serial_no, effective_time, expire_time,
 * encrypt_certificate:{algorithm, nonce, associated_data, ciphertext}}]}}. Each certificate is decrypted with the
 * APIv3 key (which authenticates it), parsed as PEM X.509 and checked: its serial number must equal
 * {@code serial_no} and it must be an RSA certificate valid now. When platform certificate issuers are configured, a
 * certificate valid now that does not chain to one of them makes the whole response untrustworthy. Stateless.
 */
public final class PlatformCertificateDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(PlatformCertificateDecoder.class);

    private PlatformCertificateDecoder() {
    }

    /**
     * The outcome: either a problem that makes the whole response untrustworthy, or the certificates valid now and
     * the serials of those set aside.
     *
     * @param valid   the certificates valid now (empty when there is a problem)
     * @param refused the serials set aside with the reason, for example because they expired
     * @param problem null, or what makes the response unusable
     */
    public record Decoded(List<PlatformCertificate> valid, List<String> refused, String problem) {
        /**
         * Copies the lists.
         */
        public Decoded {
            valid = List.copyOf(valid);
            refused = List.copyOf(refused);
        }
    }

    /**
     * Decodes a response body.
     *
     * @param body     the raw body
     * @param apiV3Key the 32-byte APIv3 key
     * @param now      the current instant, for the validity check
     * @return the outcome
     */
    public static Decoded decode(byte[] body, byte[] apiV3Key, Instant now) {
        return decode(body, apiV3Key, now, List.of());
    }

    /**
     * Decodes a response body, setting aside certificates not issued by one of the issuers.
     *
     * @param body     the raw body
     * @param apiV3Key the 32-byte APIv3 key
     * @param now      the current instant, for the validity and path checks
     * @param issuers  the CA certificates platform certificates must chain to; empty to skip that check
     * @return the outcome
     */
    public static Decoded decode(byte[] body, byte[] apiV3Key, Instant now, List<X509Certificate> issuers) {
        PlatformCertificateIssuers trusted = new PlatformCertificateIssuers(issuers);
        JsonNode root = Json.parse(body);
        JsonNode data = root == null ? null : root.get("data");
        if (data == null || !data.isArray()) {
            return problem("the body has no data array");
        }
        List<PlatformCertificate> valid = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            return problem("X.509 certificates are not supported by this JVM");
        }
        for (JsonNode entry : data) {
            String serial = Json.text(entry, "serial_no");
            if (serial == null || !serial.matches("[0-9A-Fa-f]{1,64}")) {
                return problem("an entry has no hexadecimal serial_no");
            }
            AeadResource.Opened opened = AeadResource.open(apiV3Key, entry.get("encrypt_certificate"));
            if (!opened.ok()) {
                return problem("certificate " + serial + ": " + opened.problem());
            }
            X509Certificate certificate;
            try {
                certificate = (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(opened.plaintext()));
            } catch (CertificateException | ClassCastException e) {
                return problem("certificate " + serial + " is not a PEM X.509 certificate");
            }
            if (!new BigInteger(serial, 16).equals(certificate.getSerialNumber())) {
                return problem("certificate " + serial + " has the serial number "
                        + certificate.getSerialNumber().toString(16).toUpperCase(Locale.ROOT));
            }
            if (!"RSA".equals(certificate.getPublicKey().getAlgorithm())) {
                return problem("certificate " + serial + " has a " + certificate.getPublicKey().getAlgorithm()
                        + " key; WECHATPAY2-SHA256-RSA2048 needs RSA");
            }
            PlatformCertificate c = new PlatformCertificate(serial.toUpperCase(Locale.ROOT),
                    certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), certificate);
            String untrusted = c.validAt(now) ? trusted.problem(certificate, now) : null;
            if (untrusted != null) {
                // as wechatpay-java does, one certificate outside the CA makes the whole download untrustworthy
                LOG.warn("WeChat Pay platform certificate {} refused, never trusted: {}", c.serialNumber(), untrusted);
                return problem("platform certificate " + c.serialNumber() + " is refused and never trusted: " + untrusted
                        + "; if WeChat Pay has changed its CA, add the new CA certificate with platformCertificateIssuer(...)");
            }
            if (c.validAt(now)) {
                valid.add(c);
            } else {
                refused.add(c.serialNumber() + (now.isAfter(c.notAfter()) ? " (expired " + c.notAfter() + ")"
                        : " (not valid before " + c.notBefore() + ")"));
            }
        }
        return new Decoded(valid, refused, null);
    }

    private static Decoded problem(String problem) {
        return new Decoded(List.of(), List.of(), problem);
    }
}
