package io.learnloop.core;

import io.learnloop.core.internal.subscription.DefaultSubscriptionService;
import io.learnloop.core.subscription.SubscriptionService;
import io.learnloop.core.internal.path.DefaultLearningPaths;
import io.learnloop.core.internal.reputation.DefaultReputationService;
import io.learnloop.core.internal.store.AddedIndexes;
import io.learnloop.core.reputation.ReputationPolicy;
import io.learnloop.core.reputation.ReputationService;
import io.learnloop.core.path.LearningPathService;
import io.learnloop.core.internal.practice.DefaultPracticeService;
import io.learnloop.core.practice.PeerGroups;
import io.learnloop.core.practice.PracticeService;
import io.learnloop.core.internal.privacy.CoreErasers;
import io.learnloop.core.internal.privacy.CoreSections;
import io.learnloop.core.internal.privacy.DefaultPersonalData;
import io.learnloop.core.privacy.PersonalDataService;
import io.learnloop.core.privacy.PersonalDataEraser;
import io.learnloop.core.privacy.PersonalDataSource;
import io.learnloop.core.retention.DataClasses;
import io.learnloop.core.retention.RetentionPolicy;
import io.learnloop.core.retention.RetentionPruner;
import io.learnloop.core.internal.privacy.DefaultAuditLog;
import io.learnloop.core.internal.privacy.DefaultConsentService;
import io.learnloop.core.privacy.AuditLog;
import io.learnloop.core.privacy.ConsentService;
import io.learnloop.core.access.AccessService;
import io.learnloop.core.catalog.CatalogService;
import io.learnloop.core.commerce.CommerceService;
import io.learnloop.core.commerce.CommerceSettings;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OrderLine;
import io.learnloop.core.internal.commerce.DefaultCommerceService;
import io.learnloop.core.internal.ledger.DefaultLedgerService;
import io.learnloop.core.internal.settlement.DefaultSettlement;
import io.learnloop.core.internal.jobs.ScheduledWork;
import io.learnloop.core.internal.settlement.OutcomeDecisions;
import io.learnloop.core.internal.settlement.RevenueTerms;
import io.learnloop.core.ledger.LineParties;
import io.learnloop.core.ledger.RevenueParties;
import io.learnloop.core.ledger.RevenuePolicy;
import io.learnloop.core.settlement.Settlement;
import io.learnloop.core.assessment.QuizService;
import io.learnloop.core.credential.CertificatePolicy;
import io.learnloop.core.credential.CertificateService;
import io.learnloop.core.credential.SigningKey;
import io.learnloop.core.internal.learning.CatalogLessons;
import io.learnloop.core.internal.learning.LearningServices;
import io.learnloop.core.learning.LearningReports;
import io.learnloop.core.learning.NoteService;
import io.learnloop.core.learning.ProgressPolicy;
import io.learnloop.core.learning.ProgressService;
import io.learnloop.core.internal.recall.DefaultRecallService;
import io.learnloop.core.recall.FsrsParameters;
import io.learnloop.core.recall.RecallService;
import io.learnloop.core.recall.ReviewScheduler;
import io.learnloop.core.review.AffiliateDirectory;
import io.learnloop.core.review.ReviewPolicy;
import io.learnloop.core.review.ReviewService;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.event.EventListener;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.TenantId;
import io.learnloop.core.internal.access.DefaultAccessService;
import io.learnloop.core.internal.catalog.DefaultCatalogService;
import io.learnloop.core.ledger.LedgerService;
import io.learnloop.core.internal.event.OutboxRelay;
import io.learnloop.core.store.Store;
import io.learnloop.core.store.Stores;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * The SDK's facade: built once per host (and tenant) and hands out the services.
 *
 * <pre>{@code
 * Learnloop learnloop = Learnloop.builder()
 *     .store(Stores.inMemory())
 *     .clock(Clock.systemUTC())
 *     .listener(event -> log.info("{}", event.type()))
 *     .build();
 * }</pre>
 *
 * <p>Thread-safe: immutable once built. The builder is not thread-safe.
 */
public final class Learnloop {
    private final ServiceContext context;
    private final OutboxRelay relay;
    private final CatalogService catalog;
    private final AccessService access;
    private final CommerceService commerce;
    private final LedgerService ledger;
    private final Settlement settlement;
    private final ScheduledWork scheduled;
    private final LearningServices learning;
    private final ConsentService consents;
    private final AuditLog auditLog;
    private final PersonalDataService personalData;
    private final RecallService recall;
    private final LearningPathService paths;
    private final DefaultReputationService reputation;
    private final PracticeService practice;
    private final SubscriptionService subscriptions;

    private Learnloop(Builder b) {
        String relayId = b.ids.newId();
        List<EventListener> listeners = new ArrayList<>(b.listeners);
        // certificates and reviews follow refunds; events arrive only after the constructor has finished
        listeners.add(this::followRefunds);
        // a creator's first published course earns a badge
        listeners.add(this::followPublishedCourses);
        this.relay = new OutboxRelay(b.store, b.tenant, b.clock, relayId, listeners, b.eventLease);
        this.context = new ServiceContext(b.store, b.tenant, b.clock, b.ids,
                b.deliverOnCommit ? relay::deliverPending : () -> { });
        this.catalog = new DefaultCatalogService(context, b.courseApprovals);
        DefaultAccessService accessLedger = new DefaultAccessService(context);
        DefaultCommerceService orders = new DefaultCommerceService(context, b.commerceSettings);
        DefaultLedgerService revenueLedger = new DefaultLedgerService(context);
        AccessService decorated = b.accessDecorator.apply(accessLedger);
        if (decorated == null) {
            throw io.learnloop.core.error.ValidationException.of("accessDecorator",
                    "returned null; return the access service it was given, or a decorator of it");
        }
        this.access = decorated;
        this.commerce = orders;
        this.ledger = revenueLedger;
        this.learning = new LearningServices(context, access, b.progressPolicy, b.reviewPolicy, b.affiliates,
                b.certificatePolicy, b.signingKey);
        this.settlement = new DefaultSettlement(context, orders, accessLedger, revenueLedger, b.revenue,
                learning.refundFollower());
        DefaultSettlement settling = (DefaultSettlement) settlement;
        DefaultSubscriptionService renewing = new DefaultSubscriptionService(context, orders, settlement, accessLedger);
        this.subscriptions = renewing;
        this.reputation = new DefaultReputationService(context, b.reputationPolicy, catalog, b.certificatePolicy,
                b.signingKey);
        this.consents = new DefaultConsentService(context);
        this.auditLog = new DefaultAuditLog(context);
        List<PersonalDataSource> sections = new ArrayList<>(CoreSections.of(context, access, learning.progress(),
                learning.notes(), learning.reviews()));
        sections.addAll(b.personalDataSources);
        // modules' steps first: they may still find the learner's orders by the learner's id
        List<PersonalDataEraser> erasers = new ArrayList<>(b.personalDataErasers);
        erasers.addAll(CoreErasers.of(context));
        this.personalData = new DefaultPersonalData(context, sections, erasers);
        this.recall = new DefaultRecallService(context, new ReviewScheduler(b.reviewParameters));
        this.paths = new DefaultLearningPaths(context, new CatalogLessons(context), learning.progress(),
                learning.quizzes(), b.certificatePolicy == null ? null : learning.certificates());
        this.practice = new DefaultPracticeService(context, new CatalogLessons(context), access, b.peerGroups);
        this.scheduled = new ScheduledWork(context, accessLedger, b.retention, b.retentionPruners, relayId,
                new OutcomeDecisions(context, orders, settling, revenueLedger), renewing, reputation);
    }

    /**
     * Starts building a facade. Defaults: an in-memory store, the UTC system clock, random UUID ids, the default
     * tenant and no listeners.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The shared context for building services of other modules.
     *
     * @return the context
     */
    public ServiceContext context() {
        return context;
    }

    /**
     * The course catalogue: courses, versions and the review workflow.
     *
     * @return the catalogue service
     */
    public CatalogService catalog() {
        return catalog;
    }

    /**
     * The entitlement ledger and access decisions.
     *
     * @return the access service
     */
    public AccessService access() {
        return access;
    }

    /**
     * Offers, coupons and orders, with the default {@link CommerceSettings}.
     *
     * @return the commerce service
     */
    public CommerceService commerce() {
        return commerce;
    }

    private void followRefunds(io.learnloop.core.event.DomainEvent event) {
        learning.onEvent(event);
    }

    private void followPublishedCourses(io.learnloop.core.event.DomainEvent event) {
        reputation.onEvent(event);
    }

    /**
     * Settling payments and refunds: the one transaction that pays an order, grants its lines and posts its revenue,
     * and the one that refunds it. Payment channels ({@code sdk-payment}, an app store, a host's own) drive it; people
     * with the role FINANCE confirm offline payments and work through the payments held for review.
     *
     * @return the settlement
     */
    public Settlement settlement() {
        return settlement;
    }

    /**
     * Auto-renewing memberships: the payment channels that bill them record each renewal, failure and cancellation
     * here, and every paid period settles through {@link #settlement()}.
     *
     * @return the subscription service
     */
    public SubscriptionService subscriptions() {
        return subscriptions;
    }

    /**
     * Honest progress: watched segments, article reads, completion of lessons and courses.
     *
     * @return the progress service
     */
    public ProgressService progress() {
        return learning.progress();
    }

    /**
     * Learners' notes.
     *
     * @return the note service
     */
    public NoteService notes() {
        return learning.notes();
    }

    /**
     * Quizzes, attempts and grading.
     *
     * @return the quiz service
     */
    public QuizService quizzes() {
        return learning.quizzes();
    }

    /**
     * What learners agreed to and refused (terms, marketing, data transfer, personalisation, analytics).
     *
     * @return the consent service
     */
    public ConsentService consents() {
        return consents;
    }

    /**
     * The audit log: who exported, erased, refunded, granted, revoked, changed roles or recorded consent.
     *
     * @return the log
     */
    public AuditLog auditLog() {
        return auditLog;
    }

    /**
     * A learner's personal-data export: everything held about them as a ZIP of JSON files with a manifest.
     *
     * @return the service
     */
    public PersonalDataService personalData() {
        return personalData;
    }

    /**
     * Reviews with trust rules and rating summaries.
     *
     * @return the review service
     */
    public ReviewService reviews() {
        return learning.reviews();
    }

    /**
     * Spaced review of answered quiz questions, scheduled by FSRS.
     *
     * @return the recall service
     */
    public RecallService recall() {
        return recall;
    }

    /**
     * Prerequisites between courses and between lessons, learning paths with milestones, and what a learner can take
     * next.
     *
     * @return the learning-path service
     */
    public LearningPathService paths() {
        return paths;
    }

    /**
     * Reputation from knowledge sharing (accepted answers, helpful posts, peer reviews, shared notes), with decay,
     * anti-gaming rules, the roles and coupons a score unlocks, and Open Badges 3.0 badges for achievements (signed
     * with the certificate key when {@link Builder#certificates(CertificatePolicy, SigningKey)} was given).
     *
     * @return the reputation service
     */
    public ReputationService reputation() {
        return reputation;
    }

    /**
     * Practice with peer review: assignments on a rubric, submissions, calibrated peer review, self-assessment,
     * instructor review and override, final grades and appeals.
     *
     * @return the practice service
     */
    public PracticeService practice() {
        return practice;
    }

    /**
     * Open Badges 3.0 certificates.
     *
     * @return the certificate service
     * @throws io.learnloop.core.error.LearnloopException with {@code CONFIGURATION} unless the builder was given
     *                                                    {@link Builder#certificates(CertificatePolicy, SigningKey)}
     */
    public CertificateService certificates() {
        return learning.certificates();
    }

    /**
     * Learning reports per learner and per course.
     *
     * @return the reports
     */
    public LearningReports learningReports() {
        return learning.reports();
    }

    /**
     * The double-entry revenue ledger.
     *
     * @return the ledger
     */
    public LedgerService ledger() {
        return ledger;
    }

    /**
     * Delivers outbox events that are still pending (for example after a listener failed, or events another instance
     * committed and could not deliver). Hosts that run several instances call this on a schedule. By default an
     * instance also delivers after each of its own commits that published an event; a facade built with
     * {@link Builder#deliverEventsOnCommit(boolean) deliverEventsOnCommit(false)} delivers only here, so its host must
     * call this every second or so ({@link #runScheduledJobs()} does not deliver events).
     *
     * @return how many events were delivered
     */
    public int deliverEvents() {
        return relay.deliverPending();
    }

    /**
     * Rebuilds the store's index entries of records written before their indexes existed: offers on sale by course
     * (what a course page lists) and live courses by creation time (the catalogue's "what next"). Run it once after
     * upgrading a database written by an earlier version; until then such offers and courses are missing from those
     * listings. It works in batches of {@value Stores#REINDEX_BATCH}, one transaction each, is safe to repeat and to
     * run while the application serves requests, and costs time in proportion to the offers and courses kept.
     *
     * @param admin someone with {@link io.learnloop.core.identity.Role#ADMIN}
     * @return how many batches were rebuilt
     * @throws io.learnloop.core.error.ForbiddenException if the actor is not an admin
     */
    public int rebuildIndexes(io.learnloop.core.identity.Actor admin) {
        new io.learnloop.core.error.Validator().notNull("admin", admin).throwIfInvalid();
        admin.require(io.learnloop.core.identity.Role.ADMIN, "rebuild the store's indexes");
        int batches = 0;
        for (io.learnloop.core.store.AggregateType<?> type : AddedIndexes.TYPES) {
            batches += Stores.reindex(context.store(), context.tenant(), type);
        }
        return batches;
    }

    /**
     * Runs the SDK's due scheduled work once: announces the end of every time-limited grant that has ended
     * ({@code access.expired}, so a lapsed membership leaves its community groups), moves every subscription whose
     * period or grace period ended to its next state (past due with a grace period, or expired), decides every pay-per-outcome order
     * line whose deadline has passed ({@code order.outcome_decided}: a refund of the stated share, the order for the
     * rest of a deposit, the recognition of deferred revenue; the refund of a share then awaits money return,
     * {@code Settlement.awaitingReturn}, until the channel that took the payment returns it, as sdk-payment's
     * {@code Payments.reconcile()} does), takes reputation roles away from holders whose decaying score fell below the
     * role's threshold ({@code reputation.role_lost}: each holding keeps the millisecond its score falls below, and a
     * run re-evaluates up to 500 holdings whose instant has passed, the earliest first, so a role goes at the first
     * run after that instant), and once a day runs the retention
     * job, which deletes each data class older than its {@link RetentionPolicy retention} (a large backlog over
     * several runs). Call it on a schedule (every minute, say) from one or many host
     * instances: jobs live in the store, and an instance claims each one for a while, so two instances never run one
     * job at once and a job whose instance died runs again.
     *
     * @return what this run did
     */
    public JobRun runScheduledJobs() {
        return scheduled.runDue(500);
    }

    @Override
    public String toString() {
        return "Learnloop[tenant=" + context.tenant() + ", store=" + context.store() + "]";
    }

    /**
     * Builds a {@link Learnloop}. Not thread-safe.
     */
    public static final class Builder {
        private Store store = Stores.inMemory();
        private Clock clock = Clock.systemUTC();
        private IdGenerator ids = IdGenerator.randomUuids();
        private TenantId tenant = TenantId.DEFAULT;
        private final List<EventListener> listeners = new ArrayList<>();
        private final List<PersonalDataSource> personalDataSources = new ArrayList<>();
        private final List<PersonalDataEraser> personalDataErasers = new ArrayList<>();
        private java.util.function.UnaryOperator<AccessService> accessDecorator = java.util.function.UnaryOperator.identity();
        private Duration eventLease = Duration.ofSeconds(30);
        private int courseApprovals = 1;
        private ProgressPolicy progressPolicy = ProgressPolicy.defaults();
        private ReviewPolicy reviewPolicy = ReviewPolicy.defaults();
        private FsrsParameters reviewParameters = FsrsParameters.defaults();
        private AffiliateDirectory affiliates = AffiliateDirectory.NONE;
        private PeerGroups peerGroups = PeerGroups.NONE;
        private CertificatePolicy certificatePolicy;
        private SigningKey signingKey;
        private CommerceSettings commerceSettings = CommerceSettings.DEFAULTS;
        private RetentionPolicy retention = RetentionPolicy.defaults();
        private final List<RetentionPruner> retentionPruners = new ArrayList<>();
        private RevenueTerms revenue;
        private ReputationPolicy reputationPolicy = ReputationPolicy.defaults();
        private boolean deliverOnCommit = true;

        private Builder() {
        }

        /**
         * Sets the store.
         *
         * @param store the store
         * @return this builder
         */
        public Builder store(Store store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Sets the clock every service reads time from.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets the id generator.
         *
         * @param ids the generator
         * @return this builder
         */
        public Builder idGenerator(IdGenerator ids) {
            this.ids = Objects.requireNonNull(ids, "ids");
            return this;
        }

        /**
         * Binds the facade to a tenant; single-tenant hosts leave the default.
         *
         * @param tenant the tenant
         * @return this builder
         */
        public Builder tenant(TenantId tenant) {
            this.tenant = Objects.requireNonNull(tenant, "tenant");
            return this;
        }

        /**
         * Adds an event listener.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(EventListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Wraps the access service the facade hands out ({@link Learnloop#access()}) and decides lessons with, for
         * example to count or trace every decision (the Spring Boot starter's observation does). The decorator is
         * given the facade's own service and must delegate every call to it; settlement, refunds and the scheduled
         * expiry of grants use the service underneath directly. Called once, when the facade is built; the default
         * hands out the service itself.
         *
         * @param decorator returns the service to hand out, given the facade's own; never null
         * @return this builder
         */
        public Builder accessDecorator(java.util.function.UnaryOperator<AccessService> decorator) {
            this.accessDecorator = Objects.requireNonNull(decorator, "decorator");
            return this;
        }

        /**
         * Adds a section to every personal-data export: what another module (community, payments, LMS) holds about
         * a learner. Sections are written after sdk-core's own, in the order added.
         *
         * @param source the section
         * @return this builder
         */
        public Builder personalDataSource(PersonalDataSource source) {
            personalDataSources.add(Objects.requireNonNull(source, "source"));
            return this;
        }

        /**
         * Adds a step to every erasure ({@link PersonalDataService#erase}): what another module (community,
         * payments, LMS) holds about a learner. Steps run in the order added, before sdk-core's own.
         *
         * @param eraser the step
         * @return this builder
         */
        public Builder personalDataEraser(PersonalDataEraser eraser) {
            personalDataErasers.add(Objects.requireNonNull(eraser, "eraser"));
            return this;
        }

        /**
         * Sets how long a relay's claim on outbox events holds before another relay may deliver them.
         *
         * @param lease the lease, positive
         * @return this builder
         */
        public Builder eventLease(Duration lease) {
            if (lease == null || lease.isNegative() || lease.isZero()) {
                throw ValidationException.of("eventLease", "must be a positive duration");
            }
            this.eventLease = lease;
            return this;
        }

        /**
         * Sets how many reviewer approvals publish a course version (default 1).
         *
         * @param approvals at least 1
         * @return this builder
         */
        public Builder courseApprovals(int approvals) {
            if (approvals < 1) {
                throw ValidationException.of("courseApprovals", "must be at least 1 (was " + approvals + ")");
            }
            this.courseApprovals = approvals;
            return this;
        }

        /**
         * Sets the progress rules (default {@link ProgressPolicy#defaults()}).
         *
         * @param policy the rules
         * @return this builder
         */
        public Builder progressPolicy(ProgressPolicy policy) {
            this.progressPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Sets the review rules (default {@link ReviewPolicy#defaults()}).
         *
         * @param policy the rules
         * @return this builder
         */
        public Builder reviewPolicy(ReviewPolicy policy) {
            this.reviewPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Sets the FSRS parameters of spaced review (default {@link FsrsParameters#defaults()}), for example weights
         * fitted by {@link io.learnloop.core.recall.FsrsOptimizer}.
         *
         * @param parameters the parameters
         * @return this builder
         */
        public Builder reviewParameters(FsrsParameters parameters) {
            this.reviewParameters = Objects.requireNonNull(parameters, "parameters");
            return this;
        }

        /**
         * Tells reviews who promotes which course as an affiliate (default: nobody).
         *
         * @param directory the directory
         * @return this builder
         */
        public Builder affiliates(AffiliateDirectory directory) {
            this.affiliates = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * Tells practice which group each learner is in, so reviewers are never given work of their own group on
         * assignments that keep groups apart (default: nobody is in a group).
         *
         * @param groups the host's groups
         * @return this builder
         */
        public Builder peerGroups(PeerGroups groups) {
            this.peerGroups = Objects.requireNonNull(groups, "groups");
            return this;
        }

        /**
         * Enables certificates: the issuer, the completion rule and the host's signing key.
         *
         * @param policy the certificate policy
         * @param key    the signing key
         * @return this builder
         */
        public Builder certificates(CertificatePolicy policy, SigningKey key) {
            this.certificatePolicy = Objects.requireNonNull(policy, "policy");
            this.signingKey = Objects.requireNonNull(key, "key");
            return this;
        }

        /**
         * Sets the rules of reputation (default {@link ReputationPolicy#defaults()}).
         *
         * @param policy the rules
         * @return this builder
         */
        public Builder reputationPolicy(ReputationPolicy policy) {
            this.reputationPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Sets how long delivered outbox events are kept before {@link Learnloop#runScheduledJobs()} deletes them
         * (default 7 days). While kept, a late re-publish of the same event id is recognised as a duplicate.
         *
         * @param retention the retention, at least one hour
         * @return this builder
         */
        public Builder outboxRetention(Duration retention) {
            if (retention == null || retention.compareTo(Duration.ofHours(1)) < 0) {
                throw ValidationException.of("outboxRetention", "must be at least one hour (was " + retention + ")");
            }
            this.retention = this.retention.retain(DataClasses.OUTBOX, retention);
            return this;
        }

        /**
         * Sets how long each data class is kept before the daily retention job of
         * {@link Learnloop#runScheduledJobs()} deletes it (default {@link RetentionPolicy#defaults()}). It replaces
         * an earlier {@link #outboxRetention}.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder retention(RetentionPolicy policy) {
            this.retention = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Adds a module's pruner to the daily retention job (for example sdk-lms's {@code Xapi.retentionPruner()}); it
         * runs when the policy gives its data class a retention.
         *
         * @param pruner the pruner, one per data class
         * @return this builder
         */
        public Builder retentionPruner(RetentionPruner pruner) {
            retentionPruners.add(Objects.requireNonNull(pruner, "pruner"));
            return this;
        }

        /**
         * Sets the commerce settings (default {@link CommerceSettings#DEFAULTS}).
         *
         * @param settings the settings
         * @return this builder
         */
        public Builder commerceSettings(CommerceSettings settings) {
            this.commerceSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * Posts every settled order to the revenue ledger ({@link Learnloop#ledger()}) in the transaction that
         * settles it (platform fee, creator shares, affiliate commissions), and claws every share back in proportion
         * when it is refunded. Without it, nothing is posted.
         *
         * @param policy  the platform fee and affiliate commissions
         * @param parties who earns from each line of an order (the creators with their ratios, the affiliate chain),
         *                for example {@link RevenueParties#courseAuthors}
         * @return this builder
         */
        public Builder revenue(RevenuePolicy policy, RevenueParties parties) {
            this.revenue = new RevenueTerms(Objects.requireNonNull(policy, "policy"),
                    Objects.requireNonNull(parties, "parties"));
            return this;
        }

        /**
         * Posts every settled order to the revenue ledger with parties that need only the order and the line; see
         * {@link #revenue(RevenuePolicy, RevenueParties)}.
         *
         * @param policy  the platform fee and affiliate commissions
         * @param parties who earns from each line; must be thread-safe and must not call the SDK
         * @return this builder
         */
        public Builder revenue(RevenuePolicy policy, BiFunction<Order, OrderLine, LineParties> parties) {
            Objects.requireNonNull(parties, "parties");
            return revenue(policy, (order, line, courses) -> parties.apply(order, line));
        }

        /**
         * Sets whether a call that committed events delivers them to the listeners before it returns (the default,
         * true), or leaves them in the outbox for the host's relay: {@link Learnloop#deliverEvents()} run by a
         * background thread or a scheduled job every second or so. The events are committed with the work either
         * way; with false a call pays for nothing but its own transaction (a notification handler answers the
         * provider sooner, and one relay delivers many commits' events per claim), and listeners see the events that
         * much later.
         *
         * <p>A host that turns delivery off must run that relay on every instance, or on enough of them to keep up:
         * {@link Learnloop#runScheduledJobs()} does not deliver events. Without a relay nothing that follows an event
         * happens: the SDK's own follow-ups (certificates and reviews that follow refunds, a creator's first-course
         * badge; in the modules the community's membership and reputation sync, xAPI statements, LMS score
         * delivery, which goes through the outbox itself) never run, the host's listeners see nothing, and the
         * outbox grows without limit, as retention deletes only delivered events.
         *
         * @param onCommit false to leave delivery to the host's relay
         * @return this builder
         */
        public Builder deliverEventsOnCommit(boolean onCommit) {
            this.deliverOnCommit = onCommit;
            return this;
        }

        /**
         * Builds the facade.
         *
         * @return the facade
         */
        public Learnloop build() {
            return new Learnloop(this);
        }
    }
}
