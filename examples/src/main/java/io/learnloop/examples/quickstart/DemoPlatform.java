package io.learnloop.examples.quickstart;

import io.learnloop.community.Communities;
import io.learnloop.community.Community;
import io.learnloop.community.CommunityOptions;
import io.learnloop.core.Learnloop;
import io.learnloop.core.credential.CertificatePolicy;
import io.learnloop.core.credential.IssuerProfile;
import io.learnloop.core.credential.SigningKey;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.UserId;
import io.learnloop.jdbc.JdbcStore;
import io.learnloop.jdbc.JdbcStores;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything the host builds once: the embedded H2 store in a folder, the {@link Learnloop} facade on it (with a
 * certificate signing key), the embedded community that asks the facade who may enter a course space, and the
 * host's own member directory (identity belongs to the host).
 *
 * <p>Not thread-safe: the demo drives it from one thread.
 */
public final class DemoPlatform implements AutoCloseable {
    private final Path folder;
    private final DemoClock clock;
    private final JdbcStore store;
    private final Learnloop learnloop;
    private final SigningKey signingKey;
    private final Community community;
    private final Cast cast = Cast.standard();
    private final Map<UserId, Instant> members = new LinkedHashMap<>();

    private DemoPlatform(Path folder, DemoClock clock, JdbcStore store, SigningKey signingKey) {
        this.folder = folder;
        this.clock = clock;
        this.store = store;
        this.signingKey = signingKey;
        this.learnloop = Learnloop.builder()
                .store(store)
                .clock(clock)
                .idGenerator(sequentialIds())
                .certificates(CertificatePolicy.defaults(
                        new IssuerProfile("https://academy.example.com", "Learnloop Demo Academy")), signingKey)
                .build();
        // a course space is open to exactly the learners the access ledger entitles at this moment
        CommunityOptions options = CommunityOptions.builder((user, courseId) -> learnloop.access()
                        .hasAccess(user, new io.learnloop.core.catalog.CourseId(courseId), clock.instant()))
                .progress((user, courseId) -> learnloop.progress()
                        .courseCompletion(user, new io.learnloop.core.catalog.CourseId(courseId)).percent())
                .build();
        this.community = Communities.embedded(learnloop.context(), options);
    }

    /**
     * Opens the platform on an embedded H2 database in {@code folder/h2}, with a fresh signing key.
     *
     * @param folder the demo's folder
     * @param start  when the story starts
     * @return the platform
     */
    public static DemoPlatform open(Path folder, Instant start) {
        DemoClock clock = new DemoClock(start);
        JdbcStore store = JdbcStores.embeddedH2(folder.resolve("h2"));
        return new DemoPlatform(folder, clock, store, newSigningKey());
    }

    private static SigningKey newSigningKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            return SigningKey.of("academy-2026", pair);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make a P-256 key", e);
        }
    }

    private static IdGenerator sequentialIds() {
        AtomicLong next = new AtomicLong();
        return () -> String.format(java.util.Locale.ROOT, "qs-%06d", next.incrementAndGet());
    }

    /**
     * Registers a member of the host's site (the growth report counts sign-ups from here).
     *
     * @param user the user
     */
    public void signUp(UserId user) {
        members.putIfAbsent(user, clock.instant());
    }

    /**
     * The host's members with their sign-up instants, in sign-up order.
     *
     * @return a copy
     */
    public Map<UserId, Instant> members() {
        return new LinkedHashMap<>(members);
    }

    /**
     * The demo's folder.
     *
     * @return the folder
     */
    public Path folder() {
        return folder;
    }

    /**
     * The demo clock.
     *
     * @return the clock
     */
    public DemoClock clock() {
        return clock;
    }

    /**
     * The same clock as a plain {@link Clock}.
     *
     * @return the clock
     */
    public Clock plainClock() {
        return clock;
    }

    /**
     * The facade.
     *
     * @return the facade
     */
    public Learnloop learnloop() {
        return learnloop;
    }

    /**
     * The certificate signing key.
     *
     * @return the key
     */
    public SigningKey signingKey() {
        return signingKey;
    }

    /**
     * The embedded community.
     *
     * @return the community
     */
    public Community community() {
        return community;
    }

    /**
     * The people of the story.
     *
     * @return the cast
     */
    public Cast cast() {
        return cast;
    }

    @Override
    public void close() {
        store.close();
    }
}
