package io.learnloop.payment.alipay;

import io.learnloop.core.error.Validator;
import io.learnloop.payment.ProviderId;
import io.learnloop.http.SharedHttpClient;
import io.learnloop.payment.internal.alipay.AlipayCertPath;
import io.learnloop.payment.internal.alipay.AlipayCertSn;
import io.learnloop.payment.internal.alipay.AlipayCertificates;
import io.learnloop.payment.internal.config.ProviderSettings;
import io.learnloop.payment.internal.crypto.Crypto;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Configuration of one {@link AlipayProvider}: one application ({@code app_id}) and its RSA2 private key, in one of
 * Alipay's two modes:
 * <ul>
 *   <li>public-key mode (公钥模式): Alipay's public key, several during a rotation
 *       ({@link Builder#alipayPublicKey(PublicKey)});</li>
 *   <li>certificate mode (公钥证书模式): the application's certificate, Alipay's public-key certificate (several during
 *       a rotation) and Alipay's root chain ({@link Builder#certificates(X509Certificate, X509Certificate, List)}).
 *       Requests then carry {@code app_cert_sn} and {@code alipay_root_cert_sn}; responses are verified with the
 *       Alipay certificate their {@code alipay_cert_sn} names.</li>
 * </ul>
 *
 * <p>In certificate mode {@link Builder#build()} checks, with the JDK's PKIX validator at the configured clock's
 * instant, that the application certificate and every Alipay certificate were issued under the configured root chain
 * (through the {@link Builder#intermediateCertificates(List) intermediate CA certificates} of the .crt files), and
 * refuses the configuration otherwise. Rotated Alipay certificates can be downloaded automatically
 * ({@link Builder#autoDownloadAlipayCertificates(boolean)}); they are held to the same check.
 *
 * <p>Thread-safe: immutable; keys never appear in {@link #toString()}. The builder is not thread-safe.
 */
public final class AlipayConfig {
    private final String appId;
    private final PrivateKey appPrivateKey;
    private final List<PublicKey> alipayPublicKeys;
    private final AlipayCertificates certificates;
    private final String gatewayUrl;
    private final String notifyUrl;
    private final String sellerId;
    private final ZoneId zone;
    private final ProviderSettings settings;
    private final boolean autoDownloadAlipayCertificates;
    private final Duration certificateDownloadCooldown;

    private AlipayConfig(Builder b) {
        Validator v = new Validator()
                .notBlank("appId", b.appId, 32)
                .notNull("appPrivateKey", b.appPrivateKey)
                .check(b.appPrivateKey == null || "RSA".equals(b.appPrivateKey.getAlgorithm()), "appPrivateKey",
                        "must be the application's RSA private key (RSA2 = SHA256withRSA)")
                .notBlank("gatewayUrl", b.gatewayUrl, 200);
        checkMode(v, b);
        v.check(b.certificateDownloadCooldown != null && !b.certificateDownloadCooldown.isNegative()
                && !b.certificateDownloadCooldown.isZero(), "certificateDownloadCooldown", "must be positive");
        v.check(!b.autoDownloadAlipayCertificates || b.certificateMode(), "autoDownloadAlipayCertificates",
                "applies to certificate mode only; configure certificates(appCert, alipayCert, alipayRootChain)");
        b.settings.checkTolerance(v).throwIfInvalid();
        this.appId = b.appId;
        this.appPrivateKey = b.appPrivateKey;
        this.alipayPublicKeys = List.copyOf(b.alipayPublicKeys);
        this.certificates = b.certificateMode()
                ? new AlipayCertificates(b.appCertificate, b.alipayCertificates, b.alipayRootChain, b.intermediates) : null;
        this.gatewayUrl = b.gatewayUrl;
        this.notifyUrl = b.notifyUrl;
        this.sellerId = b.sellerId;
        this.zone = Objects.requireNonNull(b.zone, "zone");
        this.settings = b.settings.build();
        this.autoDownloadAlipayCertificates = b.autoDownloadAlipayCertificates;
        this.certificateDownloadCooldown = b.certificateDownloadCooldown;
    }

    private static void checkMode(Validator v, Builder b) {
        boolean keys = !b.alipayPublicKeys.isEmpty();
        if (keys && b.certificateMode()) {
            v.check(false, "alipayPublicKeys", "configure either Alipay public keys (public-key mode) or certificates "
                    + "(certificate mode), not both; in certificate mode Alipay's key comes from alipayCertPublicKey_RSA2.crt");
            return;
        }
        if (keys) {
            return;
        }
        if (!b.certificateMode()) {
            v.check(false, "alipayPublicKeys", "add Alipay's public key (支付宝公钥, not the app's own) for public-key mode, "
                    + "or call certificates(appCert, alipayCert, alipayRootChain) for certificate mode");
            return;
        }
        v.check(b.appCertificate != null, "appCertificate",
                "add the application's public-key certificate (appCertPublicKey_<appId>.crt) with certificates(...)");
        if (b.appCertificate != null) {
            v.check("RSA".equals(b.appCertificate.getPublicKey().getAlgorithm()), "appCertificate",
                    "must certify an RSA key (RSA2); this one certifies a " + b.appCertificate.getPublicKey().getAlgorithm() + " key");
            if (b.appPrivateKey != null && "RSA".equals(b.appPrivateKey.getAlgorithm())
                    && "RSA".equals(b.appCertificate.getPublicKey().getAlgorithm())) {
                v.check(matches(b.appPrivateKey, b.appCertificate.getPublicKey()), "appCertificate",
                        "its public key does not match appPrivateKey (certificate SN " + AlipayCertSn.of(b.appCertificate)
                                + "); use the certificate Alipay issued for the CSR of this private key");
            }
        }
        v.check(!b.alipayCertificates.isEmpty(), "alipayCertificates",
                "add Alipay's public-key certificate (alipayCertPublicKey_RSA2.crt)");
        for (X509Certificate c : b.alipayCertificates) {
            v.check("RSA".equals(c.getPublicKey().getAlgorithm()), "alipayCertificates",
                    "certificate SN " + AlipayCertSn.of(c) + " certifies a " + c.getPublicKey().getAlgorithm()
                            + " key; RSA2 needs Alipay's RSA certificate (alipayCertPublicKey_RSA2.crt)");
        }
        boolean rsaRoot = b.alipayRootChain.stream().anyMatch(AlipayCertSn::rsaSigned);
        v.check(rsaRoot, "alipayRootChain",
                "contains no RSA-signed certificate, so alipay_root_cert_sn would be empty; pass every certificate of alipayRootCert.crt");
        // with a root file that is wrong as a whole, chaining to it says nothing more
        if (b.clock != null && rsaRoot) {
            checkChains(v, b, b.clock.instant());
        }
    }

    /**
     * Every certificate must have been issued under the configured root chain, as the official SDK requires of the
     * certificates it downloads. The application certificate and the path above each certificate must be valid now;
     * an Alipay certificate kept for a rotation that has itself expired (or is not yet valid) is checked at the end
     * (start) of its own validity, so a restart after the old certificate's expiry still works; it verifies nothing
     * then, and at least one Alipay certificate must be valid now.
     */
    private static void checkChains(Validator v, Builder b, Instant now) {
        AlipayCertPath paths = new AlipayCertPath(b.alipayRootChain, b.intermediates);
        String fix = "; use the certificates from Alipay's console for this application, pass the root file's "
                + "certificates as alipayRootChain and the later certificates of each .crt file with intermediateCertificates(...)";
        if (b.appCertificate != null) {
            String problem = paths.problem(b.appCertificate, List.of(), now);
            v.check(problem == null, "appCertificate", "application certificate SN " + AlipayCertSn.of(b.appCertificate)
                    + " does not chain to alipayRootChain: " + problem + fix);
        }
        boolean anyValidNow = false;
        for (X509Certificate c : b.alipayCertificates) {
            Instant at = within(c, now);
            anyValidNow |= at.equals(now);
            String problem = paths.problem(c, List.of(), at);
            v.check(problem == null, "alipayCertificates", "Alipay certificate SN " + AlipayCertSn.of(c)
                    + " does not chain to alipayRootChain: " + problem + fix);
        }
        v.check(b.alipayCertificates.isEmpty() || anyValidNow, "alipayCertificates", "no Alipay certificate is valid at "
                + now + " by the configured clock; configure Alipay's current alipayCertPublicKey_RSA2.crt");
    }

    /** The instant nearest to {@code now} within the certificate's validity period. */
    private static Instant within(X509Certificate c, Instant now) {
        Instant from = c.getNotBefore().toInstant();
        Instant to = c.getNotAfter().toInstant();
        return now.isBefore(from) ? from : now.isAfter(to) ? to : now;
    }

    /** The certificate's key matches the private key when it verifies a signature made with it. */
    private static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
        byte[] probe = "learnloop alipay app certificate check".getBytes(StandardCharsets.UTF_8);
        return Crypto.verifySha256Rsa(publicKey, probe, Crypto.signSha256Rsa(privateKey, probe));
    }

    /**
     * Starts a builder.
     *
     * @param appId the application id
     * @return a builder
     */
    public static Builder builder(String appId) {
        return new Builder(appId);
    }

    ProviderSettings settings() {
        return settings;
    }

    String appId() {
        return appId;
    }

    PrivateKey appPrivateKey() {
        return appPrivateKey;
    }

    List<PublicKey> alipayPublicKeys() {
        return alipayPublicKeys;
    }

    AlipayCertificates certificates() {
        return certificates;
    }

    String gatewayUrl() {
        return gatewayUrl;
    }

    String notifyUrl() {
        return notifyUrl;
    }

    String sellerId() {
        return sellerId;
    }

    ZoneId zone() {
        return zone;
    }

    boolean autoDownloadAlipayCertificates() {
        return autoDownloadAlipayCertificates;
    }

    Duration certificateDownloadCooldown() {
        return certificateDownloadCooldown;
    }

    @Override
    public String toString() {
        return "AlipayConfig[id=" + settings.id() + ", appId=" + appId + ", gatewayUrl=" + gatewayUrl + ", sellerId=" + sellerId
                + ", appPrivateKey=(redacted), " + (certificates == null ? "alipayPublicKeys=" + alipayPublicKeys.size()
                : "appCertSn=" + certificates.appCertSn() + ", alipayCertSns=" + certificates.alipayCertificates().keySet()
                + ", alipayRootCertSn=" + certificates.rootCertSn() + ", autoDownloadAlipayCertificates="
                + autoDownloadAlipayCertificates) + "]";
    }

    /**
     * Builds an {@link AlipayConfig}.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private final ProviderSettings.Builder settings = ProviderSettings.remote(ProviderId.ALIPAY, Duration.ofMinutes(15));
        private final String appId;
        private PrivateKey appPrivateKey;
        private final List<PublicKey> alipayPublicKeys = new ArrayList<>();
        private X509Certificate appCertificate;
        private final List<X509Certificate> alipayCertificates = new ArrayList<>();
        private List<X509Certificate> alipayRootChain = List.of();
        private final List<X509Certificate> intermediates = new ArrayList<>();
        private boolean autoDownloadAlipayCertificates;
        private Duration certificateDownloadCooldown = Duration.ofMinutes(1);
        private Clock clock = Clock.systemUTC();
        private boolean certificatesSet;
        private String gatewayUrl = "https://openapi.alipay.com/gateway.do";
        private String notifyUrl;
        private String sellerId;
        private ZoneId zone = ZoneId.of("Asia/Shanghai");

        private Builder(String appId) {
            this.appId = appId;
        }

        /**
         * Sets the provider id.
         *
         * @param value the id
         * @return this builder
         */
        public Builder id(ProviderId value) {
            settings.id(value);
            return this;
        }

        /**
         * Sets the application private key that signs requests.
         *
         * @param value the RSA private key
         * @return this builder
         */
        public Builder appPrivateKey(PrivateKey value) {
            this.appPrivateKey = value;
            return this;
        }

        /**
         * Adds an Alipay public key that verifies responses and notifications.
         *
         * @param value the key
         * @return this builder
         */
        public Builder alipayPublicKey(PublicKey value) {
            alipayPublicKeys.add(Objects.requireNonNull(value, "alipayPublicKey"));
            return this;
        }

        /**
         * Switches to certificate mode (公钥证书模式) with the three files Alipay's console issues. Requests then carry
         * {@code app_cert_sn} and {@code alipay_root_cert_sn}; responses are verified with the Alipay certificate whose
         * serial number they name in {@code alipay_cert_sn}; notifications with the configured Alipay certificates.
         * Do not also add {@link #alipayPublicKey(PublicKey) public keys}. {@link #build()} refuses certificates
         * that do not chain to the root chain at the clock's instant; when the .crt files hold more than one
         * certificate, pass the later ones with {@link #intermediateCertificates(List)}.
         *
         * @param appCertificate    the application's public-key certificate ({@code appCertPublicKey_<appId>.crt});
         *                          its key must match {@link #appPrivateKey(PrivateKey)}
         * @param alipayCertificate Alipay's public-key certificate ({@code alipayCertPublicKey_RSA2.crt}, its first
         *                          certificate)
         * @param alipayRootChain   every certificate of Alipay's root file ({@code alipayRootCert.crt}), in file order;
         *                          only the RSA-signed ones enter {@code alipay_root_cert_sn}
         * @return this builder
         */
        public Builder certificates(X509Certificate appCertificate, X509Certificate alipayCertificate,
                                    List<X509Certificate> alipayRootChain) {
            this.appCertificate = appCertificate;
            this.alipayCertificates.add(0, Objects.requireNonNull(alipayCertificate, "alipayCertificate"));
            this.alipayRootChain = List.copyOf(Objects.requireNonNull(alipayRootChain, "alipayRootChain"));
            this.certificatesSet = true;
            return this;
        }

        /**
         * Adds another Alipay public-key certificate in certificate mode: while Alipay rotates its certificate,
         * responses may name either the old or the new one by {@code alipay_cert_sn}.
         *
         * @param value the certificate
         * @return this builder
         */
        public Builder alipayCertificate(X509Certificate value) {
            alipayCertificates.add(Objects.requireNonNull(value, "alipayCertificate"));
            return this;
        }

        /**
         * Adds the intermediate CA certificates that stand between the application's or Alipay's certificate and
         * Alipay's roots: the certificates after the first in {@code appCertPublicKey_<appId>.crt} and
         * {@code alipayCertPublicKey_RSA2.crt} (for example "Ant Financial Certification Authority Class 2 R1").
         * They are used only to build the path to a root certificate, which {@link #build()} checks for every
         * certificate; they are trusted only when they themselves chain to a root.
         *
         * @param values the CA certificates; a certificate already added is harmless
         * @return this builder
         */
        public Builder intermediateCertificates(List<X509Certificate> values) {
            for (X509Certificate c : Objects.requireNonNull(values, "intermediateCertificates")) {
                intermediates.add(Objects.requireNonNull(c, "intermediateCertificates element"));
            }
            return this;
        }

        /**
         * Turns automatic download of rotated Alipay certificates on or off (default off). When on, a response that
         * names an {@code alipay_cert_sn} that is not configured makes the provider call
         * {@code alipay.open.app.alipaycert.download} for that serial number, as the official SDK does; the
         * downloaded certificate is trusted only if it chains to the configured root chain at the clock's instant
         * and its serial number is the one asked for, and then verifies the response and later ones. Downloads for
         * unknown serial numbers happen at most once per {@link #certificateDownloadCooldown(Duration) cooldown},
         * so forged serial numbers cannot cause a download per request. Notifications use downloaded certificates
         * but never cause a download. Certificate mode only.
         *
         * @param value true to download
         * @return this builder
         */
        public Builder autoDownloadAlipayCertificates(boolean value) {
            this.autoDownloadAlipayCertificates = value;
            return this;
        }

        /**
         * Sets the least time between two automatic certificate downloads (default 1 minute).
         *
         * @param value the cooldown
         * @return this builder
         */
        public Builder certificateDownloadCooldown(Duration value) {
            this.certificateDownloadCooldown = value;
            return this;
        }

        private boolean certificateMode() {
            return certificatesSet || !alipayCertificates.isEmpty();
        }

        /**
         * Sets the gateway (sandbox: {@code https://openapi-sandbox.dl.alipaydev.com/gateway.do}).
         *
         * @param value the URL
         * @return this builder
         */
        public Builder gatewayUrl(String value) {
            this.gatewayUrl = value;
            return this;
        }

        /**
         * Sets the asynchronous notification URL.
         *
         * @param value the URL
         * @return this builder
         */
        public Builder notifyUrl(String value) {
            this.notifyUrl = value;
            return this;
        }

        /**
         * Sets the seller id ({@code seller_id}, the 2088… partner id) that notifications must carry.
         *
         * @param value the id, or null to skip the check
         * @return this builder
         */
        public Builder sellerId(String value) {
            this.sellerId = value;
            return this;
        }

        /**
         * Sets how far {@code notify_time} may lie from the clock, in either direction (default 15 minutes).
         *
         * @param value the tolerance
         * @return this builder
         */
        public Builder tolerance(Duration value) {
            settings.tolerance(value);
            return this;
        }

        /**
         * Sets the zone of Alipay's timestamps (default Asia/Shanghai).
         *
         * @param value the zone
         * @return this builder
         */
        public Builder zone(ZoneId value) {
            this.zone = value;
            return this;
        }

        /**
         * Sets the clock.
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            settings.clock(value);
            this.clock = value;
            return this;
        }

        /**
         * Sets the SDK instance's shared HTTP client (its timeouts, retry policy and sleeper); without one the
         * provider makes its own with the defaults.
         *
         * @param value the client
         * @return this builder
         */
        public Builder http(SharedHttpClient value) {
            settings.http(value);
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return the configuration
         */
        public AlipayConfig build() {
            return new AlipayConfig(this);
        }
    }
}
