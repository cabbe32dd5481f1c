package io.learnloop.examples.quickstart;

import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.Actor;
import io.learnloop.community.Communities;
import io.learnloop.community.Community;
import io.learnloop.community.CommunityOptions;
import io.learnloop.core.Learnloop;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.credential.CertificatePolicy;
import io.learnloop.core.credential.IssuerProfile;
import io.learnloop.core.credential.SigningKey;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.money.Money;
import io.learnloop.jdbc.JdbcStore;
import io.learnloop.jdbc.JdbcStores;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
    /** The platform's finance desk: reads every order and balance, and refunds outside the policy. */
    public static final Actor FINANCE = Actor.of("finance-desk", Role.FINANCE);

    private final Path folder;
    private final DemoClock clock;
    private final JdbcStore store;
    private final Learnloop learnloop;
    private final SigningKey signingKey;
    private final Community community;
    private final Cast cast = Cast.standard();
    private final RevenueBooks books = new RevenueBooks();
    private final Map<UserId, Member> members = new LinkedHashMap<>();
    private final Map<Instant, Money> marketing = new LinkedHashMap<>();

    /**
     * A member of the host's site. Thread-safe: immutable record.
     *
     * @param id       the user
     * @param joinedAt when they signed up
     * @param referrer who referred them, or null if they came through an advert or on their own
     */
    public record Member(UserId id, Instant joinedAt, UserId referrer) {
    }

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
                .revenue(RevenueBooks.POLICY, books.parties())
                .build();
        // a course space is open to exactly the learners the access ledger entitles at this moment
        CommunityOptions options = CommunityOptions.builder((user, courseId) -> learnloop.access()
                        .hasAccess(user, new CourseId(courseId), clock.instant()))
                .catalog(learnloop.catalog())
                .progress((user, courseId) -> learnloop.progress()
                        .courseCompletion(user, new CourseId(courseId)).percent())
                .build();
        this.community = Communities.embedded(learnloop.context(), options);
    }

    /**
     * The revenue terms the settlement posts with, and the referral records they read.
     *
     * @return the books
     */
    public RevenueBooks books() {
        return books;
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
        signUp(user, null);
    }

    /**
     * Registers a member who came through a referral link.
     *
     * @param user     the user
     * @param referrer who referred them, or null
     */
    public void signUp(UserId user, UserId referrer) {
        members.putIfAbsent(user, new Member(user, clock.instant(), referrer));
    }

    /**
     * The host's members, in sign-up order.
     *
     * @return a copy
     */
    public List<Member> members() {
        return new ArrayList<>(members.values());
    }

    /**
     * Records what the host spent on adverts now.
     *
     * @param amount the spend
     */
    public void spendOnAdverts(Money amount) {
        marketing.merge(clock.instant(), amount, Money::plus);
    }

    /**
     * What the host spent on adverts, by instant.
     *
     * @return a copy
     */
    public Map<Instant, Money> advertSpend() {
        return new LinkedHashMap<>(marketing);
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
