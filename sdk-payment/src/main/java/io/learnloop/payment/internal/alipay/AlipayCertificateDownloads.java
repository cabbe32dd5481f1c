package io.learnloop.payment.internal.alipay;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The Alipay certificates one provider has downloaded because responses named them ({@code alipay_cert_sn}) after a
 * rotation, and when it may download again.
 *
 * <p>Lookups of certificates already trusted are lock-free on an immutable snapshot. A download happens only for a
 * serial number that is neither configured nor downloaded, one at a time, and at least the cooldown after the
 * previous attempt whatever its serial number or outcome, so a stream of responses with forged serial numbers
 * causes at most one download per cooldown. A refused certificate is never trusted.
 *
 * <p>Thread-safe.
 */
public final class AlipayCertificateDownloads {
    private static final Logger LOG = LoggerFactory.getLogger(AlipayCertificateDownloads.class);

    private final Clock clock;
    private final Duration cooldown;
    private final AlipayCertificates configured;
    private final Function<String, String> fetcher;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Map<String, X509Certificate> downloaded = Map.of();
    private Instant lastAttempt; // guarded by lock
    private String lastProblem; // guarded by lock

    /**
     * Creates the store.
     *
     * @param clock      the clock
     * @param cooldown   the least time between two download attempts
     * @param configured the configured certificates, root chain and intermediates
     * @param fetcher    sends {@code alipay.open.app.alipaycert.download} for a serial number and returns the
     *                   response body; throws on an HTTP failure
     */
    public AlipayCertificateDownloads(Clock clock, Duration cooldown, AlipayCertificates configured,
                                      Function<String, String> fetcher) {
        this.clock = clock;
        this.cooldown = cooldown;
        this.configured = configured;
        this.fetcher = fetcher;
    }

    /**
     * The configured certificates followed by the downloaded ones, by serial number.
     *
     * @return an unmodifiable map
     */
    public Map<String, X509Certificate> trusted() {
        Map<String, X509Certificate> all = new LinkedHashMap<>(configured.alipayCertificates());
        downloaded.forEach(all::putIfAbsent);
        return Collections.unmodifiableMap(all);
    }

    /**
     * The certificate with a serial number that is not configured: downloaded before, or downloaded now when the
     * cooldown allows.
     *
     * @param sn the serial number a response named
     * @return the certificate, or why there is none
     */
    public AlipayCertDownload.Result obtain(String sn) {
        X509Certificate known = downloaded.get(sn);
        if (known != null) {
            return new AlipayCertDownload.Result(known, null, false);
        }
        lock.lock();
        try {
            known = downloaded.get(sn);
            if (known != null) {
                return new AlipayCertDownload.Result(known, null, false);
            }
            Instant now = clock.instant();
            if (lastAttempt != null && now.isBefore(lastAttempt.plus(cooldown))) {
                return new AlipayCertDownload.Result(null, "not downloaded: the last download attempt was at " + lastAttempt
                        + " and the next is allowed from " + lastAttempt.plus(cooldown)
                        + (lastProblem == null ? "" : " (that attempt: " + lastProblem + ")"), false);
            }
            lastAttempt = now;
            AlipayCertDownload.Result result;
            try {
                result = AlipayCertDownload.read(fetcher.apply(sn), sn, trusted(), configured.paths(), now);
            } catch (RuntimeException e) {
                result = new AlipayCertDownload.Result(null, "the download failed: " + e.getMessage(), false);
            }
            if (result.certificate() == null) {
                lastProblem = "SN " + sn + ": " + result.problem();
                LOG.warn("Alipay certificate SN {} could not be downloaded and is not trusted: {}", sn, result.problem());
                return result;
            }
            lastProblem = null;
            Map<String, X509Certificate> next = new LinkedHashMap<>(downloaded);
            next.put(sn, result.certificate());
            downloaded = Map.copyOf(next);
            LOG.info("Alipay certificate SN {} downloaded and trusted (valid until {}); configure it with alipayCertificate(...)",
                    sn, result.certificate().getNotAfter().toInstant());
            return result;
        } finally {
            lock.unlock();
        }
    }
}
