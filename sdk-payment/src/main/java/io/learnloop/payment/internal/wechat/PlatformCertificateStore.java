package io.learnloop.payment.internal.wechat;

import io.learnloop.payment.wechat.PlatformCertificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The platform certificates one provider has downloaded, and when to download them again.
 *
 * <p>Reads are lock-free on an immutable snapshot. In automatic mode a lookup downloads when there is no snapshot
 * yet, when the refresh interval has passed, or when the serial asked for is unknown. Every automatic download is at
 * least the cooldown after the previous attempt, whatever its trigger, so a stream of forged serials (or an outage)
 * causes at most one download per cooldown. Only one download runs at a time; a lookup that still holds a valid key
 * does not wait for a scheduled refresh running in another thread.
 *
 * <p>Thread-safe.
 */
public final class PlatformCertificateStore {
    private static final Logger LOG = LoggerFactory.getLogger(PlatformCertificateStore.class);

    private final Clock clock;
    private final Duration refreshInterval;
    private final Duration cooldown;
    private final Supplier<List<PlatformCertificate>> downloader;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Snapshot snapshot;
    private volatile String lastFailure;
    private Instant lastAttempt; // guarded by lock

    /** The certificates of one download, keyed by serial, and when they were downloaded. */
    private record Snapshot(Map<String, PlatformCertificate> certificates, Instant downloadedAt) {
    }

    /**
     * Creates a store.
     *
     * @param clock           the clock
     * @param refreshInterval how long a download is trusted before the next lookup refreshes it; null for no
     *                        automatic downloads (only {@link #refreshNow()})
     * @param cooldown        the least time between two automatic download attempts
     * @param downloader      downloads and verifies the certificates valid now; throws on failure
     */
    public PlatformCertificateStore(Clock clock, Duration refreshInterval, Duration cooldown,
                                    Supplier<List<PlatformCertificate>> downloader) {
        this.clock = clock;
        this.refreshInterval = refreshInterval;
        this.cooldown = cooldown;
        this.downloader = downloader;
    }

    /**
     * The key of a valid downloaded certificate, downloading first when automatic mode calls for it.
     *
     * @param serial the serial sent in {@code Wechatpay-Serial}
     * @return the key, or null when no valid certificate has that serial
     */
    public PublicKey keyFor(String serial) {
        Instant now = clock.instant();
        Snapshot seen = snapshot;
        PublicKey key = lookup(seen, serial, now);
        if (refreshInterval == null) {
            return key;
        }
        boolean due = seen == null || !now.isBefore(seen.downloadedAt().plus(refreshInterval));
        if (key != null && !due) {
            return key;
        }
        Snapshot fresh = refresh(seen, now, key == null);
        return fresh == null ? key : lookup(fresh, serial, now);
    }

    /**
     * Downloads now, whatever the interval and cooldown say.
     *
     * @return the certificates valid now
     * @throws RuntimeException whatever the download threw; the previous certificates stay in use
     */
    public List<PlatformCertificate> refreshNow() {
        lock.lock();
        try {
            Instant now = clock.instant();
            lastAttempt = now;
            List<PlatformCertificate> downloaded = List.copyOf(downloader.get());
            install(downloaded, now);
            return downloaded;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Why the last automatic download failed, for messages.
     *
     * @return the failure, or null if the last attempt succeeded or none was made
     */
    public String lastFailure() {
        return lastFailure;
    }

    private static PublicKey lookup(Snapshot s, String serial, Instant now) {
        if (s == null || serial == null) {
            return null;
        }
        PlatformCertificate c = s.certificates().get(WechatSerials.canonical(serial));
        return c != null && c.validAt(now) ? c.certificate().getPublicKey() : null;
    }

    private Snapshot refresh(Snapshot seen, Instant now, boolean mustWait) {
        if (mustWait) {
            lock.lock();
        } else if (!lock.tryLock()) {
            return null;
        }
        try {
            Snapshot current = snapshot;
            if (current != seen) {
                return current;
            }
            if (lastAttempt != null && now.isBefore(lastAttempt.plus(cooldown))) {
                return null;
            }
            lastAttempt = now;
            try {
                return install(downloader.get(), now);
            } catch (RuntimeException e) {
                lastFailure = e.getMessage();
                LOG.warn("WeChat Pay platform certificates could not be downloaded; keeping {} certificate(s): {}",
                        current == null ? 0 : current.certificates().size(), e.getMessage());
                return null;
            }
        } finally {
            lock.unlock();
        }
    }

    private Snapshot install(List<PlatformCertificate> certificates, Instant now) {
        Map<String, PlatformCertificate> bySerial = new LinkedHashMap<>();
        certificates.forEach(c -> bySerial.put(WechatSerials.canonical(c.serialNumber()), c));
        Snapshot s = new Snapshot(Map.copyOf(bySerial), now);
        snapshot = s;
        lastFailure = null;
        LOG.info("WeChat Pay platform certificates downloaded: {}", bySerial.keySet());
        return s;
    }
}
