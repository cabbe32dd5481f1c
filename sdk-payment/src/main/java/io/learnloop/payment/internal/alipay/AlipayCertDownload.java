package io.learnloop.payment.internal.alipay;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnloop.payment.internal.json.Json;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Reads an {@code alipay.open.app.alipaycert.download} response:
 * {@code {"alipay_open_app_alipaycert_download_response":{"code":"10000","msg":"Success","alipay_cert_content":"<Base64
 * of the PEM file>"},"alipay_cert_sn":"…","sign":"…"}}. The PEM's first certificate is the one asked for (later ones
 * are intermediate CA certificates); it is trusted only when its serial number is the requested one, it certifies an
 * RSA key and it chains to the configured root chain at the given instant, the check the official SDK makes
 * ({@code AntCertificationUtil.isTrusted}) before it trusts a downloaded certificate.
 *
 * <p>The official SDK does not require this response to name its signing certificate and does not verify its
 * signature: the chain to Alipay's root is what makes the certificate trustworthy. Here a response that carries a
 * {@code sign} must also verify, with the configured certificate it names or, failing a name, any configured or
 * downloaded certificate valid now, or the downloaded certificate itself. Stateless.
 */
public final class AlipayCertDownload {
    /** The API method. */
    public static final String METHOD = "alipay.open.app.alipaycert.download";
    private static final String ROOT_KEY = "alipay_open_app_alipaycert_download_response";

    private AlipayCertDownload() {
    }

    /**
     * The outcome.
     *
     * @param certificate the trusted certificate, or null
     * @param problem     null, or why nothing is trusted
     * @param untrusted   whether a certificate was received but refused (wrong serial number, wrong chain, bad
     *                    signature), as opposed to none being received
     */
    public record Result(X509Certificate certificate, String problem, boolean untrusted) {
        static Result refused(String problem) {
            return new Result(null, problem, true);
        }

        static Result failed(String problem) {
            return new Result(null, problem, false);
        }
    }

    /**
     * Reads and checks a response.
     *
     * @param text        the response body
     * @param requestedSn the serial number asked for
     * @param trusted     the certificates trusted so far (configured and downloaded) by serial number
     * @param paths       the root chain check
     * @param now         the configured clock's instant
     * @return the outcome
     */
    public static Result read(String text, String requestedSn, Map<String, X509Certificate> trusted, AlipayCertPath paths,
                              Instant now) {
        String raw = AlipaySignatures.extract(text, ROOT_KEY);
        if (raw == null) {
            String error = AlipaySignatures.extract(text, "error_response");
            return Result.failed(error == null ? "the download response is not an " + METHOD + " response"
                    : "Alipay answered with an error: " + describe(Json.parse(error.getBytes(StandardCharsets.UTF_8))));
        }
        JsonNode response = Json.parse(raw.getBytes(StandardCharsets.UTF_8));
        if (response == null || !"10000".equals(Json.text(response, "code"))) {
            return Result.failed("Alipay answered with an error: " + describe(response));
        }
        List<X509Certificate> certificates;
        try {
            String content = Json.text(response, "alipay_cert_content");
            if (content == null) {
                return Result.failed("the download response has no alipay_cert_content");
            }
            certificates = parse(Base64.getMimeDecoder().decode(content));
        } catch (IllegalArgumentException | CertificateException | ClassCastException e) {
            return Result.refused("alipay_cert_content is not Base64 of a PEM certificate file");
        }
        if (certificates.isEmpty()) {
            return Result.refused("alipay_cert_content holds no certificate");
        }
        X509Certificate leaf = certificates.get(0);
        String sn = AlipayCertSn.of(leaf);
        if (!sn.equals(requestedSn)) {
            return Result.refused("the downloaded certificate has SN " + sn + ", not the requested " + requestedSn);
        }
        if (!"RSA".equals(leaf.getPublicKey().getAlgorithm())) {
            return Result.refused("the downloaded certificate certifies a " + leaf.getPublicKey().getAlgorithm()
                    + " key; RSA2 needs an RSA certificate");
        }
        String chain = paths.problem(leaf, certificates.subList(1, certificates.size()), now);
        if (chain != null) {
            return Result.refused("the downloaded certificate SN " + sn + " does not chain to alipayRootChain: " + chain);
        }
        String signature = signatureProblem(text, raw, trusted, leaf, sn, now);
        return signature == null ? new Result(leaf, null, false) : Result.refused(signature);
    }

    private static String signatureProblem(String text, String raw, Map<String, X509Certificate> trusted,
                                           X509Certificate downloaded, String downloadedSn, Instant now) {
        JsonNode whole = Json.parse(text.getBytes(StandardCharsets.UTF_8));
        String sign = whole == null ? null : Json.text(whole, "sign");
        if (sign == null || sign.isEmpty()) {
            return null;
        }
        String named = Json.text(whole, "alipay_cert_sn");
        List<PublicKey> keys = new ArrayList<>();
        if (named != null && !named.isEmpty()) {
            X509Certificate c = named.equals(downloadedSn) ? downloaded : trusted.get(named);
            if (c != null && AlipayCertificates.validity(c, now) == AlipayCertificates.Validity.VALID) {
                keys.add(c.getPublicKey());
            }
        } else {
            trusted.values().stream().filter(c -> AlipayCertificates.validity(c, now) == AlipayCertificates.Validity.VALID)
                    .forEach(c -> keys.add(c.getPublicKey()));
            keys.add(downloaded.getPublicKey());
        }
        return AlipaySignatures.verifyAny(raw, sign, keys) ? null
                : "the download response's signature does not verify with " + (named == null || named.isEmpty()
                ? "any trusted Alipay certificate" : "the Alipay certificate it names (SN " + named + ")");
    }

    private static List<X509Certificate> parse(byte[] pem) throws CertificateException {
        List<X509Certificate> out = new ArrayList<>();
        for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem))) {
            out.add((X509Certificate) c);
        }
        return out;
    }

    private static String describe(JsonNode response) {
        if (response == null) {
            return "unreadable response";
        }
        String code = Json.text(response, "sub_code") != null ? Json.text(response, "sub_code") : Json.text(response, "code");
        String msg = Json.text(response, "sub_msg") != null ? Json.text(response, "sub_msg") : Json.text(response, "msg");
        return code + (msg == null ? "" : " (" + msg + ")");
    }
}
