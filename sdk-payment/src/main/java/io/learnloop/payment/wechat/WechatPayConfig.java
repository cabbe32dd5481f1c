package io.learnloop.payment.wechat;

import io.learnloop.core.error.Validator;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.payment.PaymentFlow;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.Secret;
import io.learnloop.http.SharedHttpClient;
import io.learnloop.payment.internal.config.ProviderSettings;
import io.learnloop.payment.internal.wechat.WechatSerials;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of one {@link WechatPayProvider}: one merchant ({@code mchid}) and the applications ({@code appid})
 * bound to it. One appid serves every flow unless a flow has its own ({@link Builder#appId(PaymentFlow, String)}): an
 * official account ({@link PaymentFlow#JSAPI}), a mini-program ({@link PaymentFlow#MINI_PROGRAM}) and a mobile app
 * ({@link PaymentFlow#APP}) each have their own appid.
 *
 * <p>Responses and notifications are verified with platform certificates (keyed by their serial number) or with the
 * WeChat Pay public key (keyed by its {@code PUB_KEY_ID_…} id). Configure several during a rotation, or let the
 * provider download the platform certificates itself ({@link Builder#autoPlatformCertificates(Duration)}), in which
 * case configure WeChat Pay's CA certificate too ({@link Builder#platformCertificateIssuer(X509Certificate)}) so that
 * only certificates it issued are trusted.
 *
 * <p>Thread-safe: immutable; keys and the APIv3 key never appear in {@link #toString()}. The builder is not
 * thread-safe.
 */
public final class WechatPayConfig {
    private static final Set<PaymentFlow> FLOWS = EnumSet.of(PaymentFlow.QR_CODE, PaymentFlow.JSAPI,
            PaymentFlow.MINI_PROGRAM, PaymentFlow.H5, PaymentFlow.APP);

    private final String mchId;
    private final String appId;
    private final Map<PaymentFlow, String> flowAppIds;
    private final Set<String> appIds;
    private final String merchantSerialNumber;
    private final PrivateKey merchantPrivateKey;
    private final Secret apiV3Key;
    private final Map<String, PublicKey> verificationKeys;
    private final String baseUrl;
    private final String notifyUrl;
    private final ProviderSettings settings;
    private final IdGenerator ids;
    private final Duration certificateRefreshInterval;
    private final Duration unknownSerialCooldown;
    private final List<X509Certificate> platformCertificateIssuers;
    private final boolean profitSharing;

    private WechatPayConfig(Builder b) {
        Validator v = new Validator()
                .notBlank("mchId", b.mchId, 32)
                .notBlank("appId", b.appId, 32)
                .check(FLOWS.containsAll(b.flowAppIds.keySet()), "appId", "a flow-specific appid is for "
                        + FLOWS + " only (was " + b.flowAppIds.keySet() + ")")
                .check(b.flowAppIds.values().stream().allMatch(a -> a != null && !a.isBlank() && a.length() <= 32),
                        "appId", "a flow-specific appid must be 1 to 32 characters")
                .notBlank("merchantSerialNumber", b.merchantSerialNumber, 64)
                .notNull("merchantPrivateKey", b.merchantPrivateKey)
                .check(b.merchantPrivateKey == null || "RSA".equals(b.merchantPrivateKey.getAlgorithm()),
                        "merchantPrivateKey", "must be the merchant's RSA API private key (apiclient_key.pem)")
                .notNull("apiV3Key", b.apiV3Key)
                .check(b.apiV3Key == null || b.apiV3Key.length() == 32, "apiV3Key", "must be 32 bytes")
                .check(!b.keys.isEmpty() || b.certificateRefreshInterval != null, "verificationKeys",
                        "add a platform certificate or the WeChat Pay public key, or turn on autoPlatformCertificates")
                .check(b.certificateRefreshInterval == null || (!b.certificateRefreshInterval.isNegative()
                        && !b.certificateRefreshInterval.isZero()), "autoPlatformCertificates", "the refresh interval must be positive")
                .check(b.unknownSerialCooldown != null && !b.unknownSerialCooldown.isNegative()
                        && !b.unknownSerialCooldown.isZero(), "unknownSerialCooldown", "must be positive")
                .notBlank("baseUrl", b.baseUrl, 200)
                .notBlank("notifyUrl", b.notifyUrl, 256);
        b.settings.checkTolerance(v).throwIfInvalid();
        this.mchId = b.mchId;
        this.appId = b.appId;
        this.flowAppIds = b.flowAppIds.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(b.flowAppIds));
        Set<String> all = new LinkedHashSet<>();
        all.add(b.appId);
        all.addAll(b.flowAppIds.values());
        this.appIds = Set.copyOf(all);
        this.merchantSerialNumber = b.merchantSerialNumber.toUpperCase(Locale.ROOT);
        this.merchantPrivateKey = b.merchantPrivateKey;
        this.apiV3Key = b.apiV3Key;
        this.verificationKeys = Map.copyOf(b.keys);
        this.profitSharing = b.profitSharing;
        this.baseUrl = b.baseUrl.endsWith("/") ? b.baseUrl.substring(0, b.baseUrl.length() - 1) : b.baseUrl;
        this.notifyUrl = b.notifyUrl;
        this.settings = b.settings.build();
        this.ids = Objects.requireNonNull(b.ids, "ids");
        this.certificateRefreshInterval = b.certificateRefreshInterval;
        this.unknownSerialCooldown = b.unknownSerialCooldown;
        this.platformCertificateIssuers = List.copyOf(b.issuers);
    }

    /**
     * Starts a builder.
     *
     * @param mchId the merchant id
     * @param appId the application id bound to the merchant
     * @return a builder
     */
    public static Builder builder(String mchId, String appId) {
        return new Builder(mchId, appId);
    }

    ProviderSettings settings() {
        return settings;
    }

    String mchId() {
        return mchId;
    }

    String appId() {
        return appId;
    }

    /** The appid a payment of this flow is created with. */
    String appId(PaymentFlow flow) {
        return flowAppIds.getOrDefault(flow, appId);
    }

    /** Every appid this merchant configured: a notification may carry any of them. */
    Set<String> appIds() {
        return appIds;
    }

    String merchantSerialNumber() {
        return merchantSerialNumber;
    }

    PrivateKey merchantPrivateKey() {
        return merchantPrivateKey;
    }

    Secret apiV3Key() {
        return apiV3Key;
    }

    Map<String, PublicKey> verificationKeys() {
        return verificationKeys;
    }

    boolean profitSharing() {
        return profitSharing;
    }

    String baseUrl() {
        return baseUrl;
    }

    String notifyUrl() {
        return notifyUrl;
    }

    IdGenerator ids() {
        return ids;
    }

    Duration certificateRefreshInterval() {
        return certificateRefreshInterval;
    }

    Duration unknownSerialCooldown() {
        return unknownSerialCooldown;
    }

    List<X509Certificate> platformCertificateIssuers() {
        return platformCertificateIssuers;
    }

    @Override
    public String toString() {
        return "WechatPayConfig[id=" + settings.id() + ", mchId=" + mchId + ", appId=" + appId
                + (flowAppIds.isEmpty() ? "" : ", flowAppIds=" + new EnumMap<>(flowAppIds)) + ", merchantSerialNumber="
                + merchantSerialNumber + ", merchantPrivateKey=(redacted), apiV3Key=(redacted), verificationKeys="
                + verificationKeys.keySet() + ", autoPlatformCertificates="
                + (certificateRefreshInterval == null ? "off" : "every " + certificateRefreshInterval)
                + ", platformCertificateIssuers=" + platformCertificateIssuers.stream()
                .map(c -> c.getSubjectX500Principal().getName()).toList() + ", baseUrl=" + baseUrl + "]";
    }

    /**
     * Builds a {@link WechatPayConfig}.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private final ProviderSettings.Builder settings = ProviderSettings.remote(ProviderId.WECHAT_PAY, Duration.ofMinutes(5));
        private final String mchId;
        private final String appId;
        private final Map<PaymentFlow, String> flowAppIds = new EnumMap<>(PaymentFlow.class);
        private String merchantSerialNumber;
        private PrivateKey merchantPrivateKey;
        private Secret apiV3Key;
        private final Map<String, PublicKey> keys = new LinkedHashMap<>();
        private String baseUrl = "https://api.mch.weixin.qq.com";
        private String notifyUrl;
        private IdGenerator ids = IdGenerator.randomUuids();
        private Duration certificateRefreshInterval;
        private Duration unknownSerialCooldown = Duration.ofMinutes(1);
        private final List<X509Certificate> issuers = new ArrayList<>();
        private boolean profitSharing;

        private Builder(String mchId, String appId) {
            this.mchId = mchId;
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
         * Sets the appid that payments of one flow are created with, instead of the appid given to
         * {@link WechatPayConfig#builder(String, String)}: the official account's for {@link PaymentFlow#JSAPI},
         * the mini-program's for {@link PaymentFlow#MINI_PROGRAM}, the mobile app's (from the WeChat Open Platform)
         * for {@link PaymentFlow#APP}. Each must be bound to the merchant. The JSAPI and APP client signatures sign
         * this appid, and notifications for any configured appid are accepted.
         *
         * @param flow  {@link PaymentFlow#QR_CODE}, {@link PaymentFlow#JSAPI}, {@link PaymentFlow#MINI_PROGRAM},
         *              {@link PaymentFlow#H5} or {@link PaymentFlow#APP}
         * @param value the appid
         * @return this builder
         */
        public Builder appId(PaymentFlow flow, String value) {
            flowAppIds.put(Objects.requireNonNull(flow, "flow"), value);
            return this;
        }

        /**
         * Sets the merchant API key that signs requests and the serial number of its certificate.
         *
         * @param serialNumber the merchant certificate's serial number (hex)
         * @param privateKey   the merchant's RSA private key
         * @return this builder
         */
        public Builder merchantKey(String serialNumber, PrivateKey privateKey) {
            this.merchantSerialNumber = serialNumber;
            this.merchantPrivateKey = privateKey;
            return this;
        }

        /**
         * Sets the APIv3 key that decrypts notification resources.
         *
         * @param value the 32-byte key
         * @return this builder
         */
        public Builder apiV3Key(Secret value) {
            this.apiV3Key = value;
            return this;
        }

        /**
         * Adds a platform certificate; its serial number is the key id.
         *
         * @param certificate the certificate
         * @return this builder
         */
        public Builder platformCertificate(X509Certificate certificate) {
            keys.put(WechatSerials.canonical(certificate.getSerialNumber()), certificate.getPublicKey());
            return this;
        }

        /**
         * Adds a verification key under its id: the WeChat Pay public key's {@code PUB_KEY_ID_…}, or a platform
         * certificate's serial number.
         *
         * @param keyId the id sent in {@code Wechatpay-Serial}
         * @param key   the RSA public key
         * @return this builder
         */
        public Builder verificationKey(String keyId, PublicKey key) {
            keys.put(WechatSerials.canonical(Objects.requireNonNull(keyId, "keyId")), Objects.requireNonNull(key, "key"));
            return this;
        }

        /**
         * Turns on automatic platform certificates: the provider downloads them from {@code GET /v3/certificates}
         * when it first needs one, again once {@code refreshInterval} has passed since the last download, and when a
         * response or notification names a serial it does not know (at most once per
         * {@link #unknownSerialCooldown(Duration) cooldown}). Each certificate is decrypted with the APIv3 key, its
         * serial and validity are checked, and the download response itself must be signed by a configured key or
         * by one of the downloaded certificates. Keys added with {@link #platformCertificate(X509Certificate)} or
         * {@link #verificationKey(String, PublicKey)} are still used first. WeChat Pay's own SDK refreshes hourly.
         *
         * @param refreshInterval how long a download is trusted, for example {@code Duration.ofHours(12)}
         * @return this builder
         */
        public Builder autoPlatformCertificates(Duration refreshInterval) {
            this.certificateRefreshInterval = Objects.requireNonNull(refreshInterval, "refreshInterval");
            return this;
        }

        /**
         * Adds a certificate authority that downloaded platform certificates must have been issued by: WeChat Pay's
         * CA certificate ("Tenpay.com Root CA", which WeChat Pay's own SDK checks against), taken from the merchant
         * platform or WeChat Pay's documentation. Each certificate downloaded from {@code GET /v3/certificates} (by
         * {@link #autoPlatformCertificates(Duration)} or {@link WechatPayProvider#refreshPlatformCertificates()}) is
         * then checked with the JDK's PKIX validator at the configured clock's instant, revocation checking off; one
         * that does not chain to a configured issuer is never trusted (logged as a warning and set aside; a download
         * with no certificate left fails with {@code VERIFICATION_FAILED}). Without an issuer, downloaded
         * certificates are trusted on the strength of the APIv3 key that decrypts them and the response signature
         * alone, so anyone holding the APIv3 key could introduce a certificate. Call again to trust several CAs
         * (for example during a CA change). Configured {@link #platformCertificate(X509Certificate) platform
         * certificates} are not checked: they are trusted as given.
         *
         * @param issuer the CA certificate
         * @return this builder
         */
        public Builder platformCertificateIssuer(X509Certificate issuer) {
            issuers.add(Objects.requireNonNull(issuer, "platformCertificateIssuer"));
            return this;
        }

        /**
         * Sets the least time between two automatic certificate downloads (default 1 minute), so that forged
         * serials or an outage cannot cause a download per request.
         *
         * @param value the cooldown
         * @return this builder
         */
        public Builder unknownSerialCooldown(Duration value) {
            this.unknownSerialCooldown = value;
            return this;
        }

        /**
         * Sets the API base URL (default {@code https://api.mch.weixin.qq.com}).
         *
         * @param value the URL
         * @return this builder
         */
        public Builder baseUrl(String value) {
            this.baseUrl = value;
            return this;
        }

        /**
         * Sets the URL WeChat Pay sends notifications to.
         *
         * @param value the HTTPS URL
         * @return this builder
         */
        public Builder notifyUrl(String value) {
            this.notifyUrl = value;
            return this;
        }

        /**
         * Sets how far a signed timestamp may lie in the past or future (default 5 minutes).
         *
         * @param value the tolerance
         * @return this builder
         */
        public Builder tolerance(Duration value) {
            settings.tolerance(value);
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
            return this;
        }

        /**
         * Sets the generator for request nonces.
         *
         * @param value the generator
         * @return this builder
         */
        public Builder ids(IdGenerator value) {
            this.ids = value;
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
         * Creates every payment with {@code settle_info.profit_sharing=true} (default false), so its money stays frozen
         * until it is split with profit sharing ({@link WechatProfitSharing}) or unfrozen. Only such payments can be
         * split.
         *
         * @param value whether payments are split later
         * @return this builder
         */
        public Builder profitSharing(boolean value) {
            this.profitSharing = value;
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return the configuration
         */
        public WechatPayConfig build() {
            return new WechatPayConfig(this);
        }
    }
}
