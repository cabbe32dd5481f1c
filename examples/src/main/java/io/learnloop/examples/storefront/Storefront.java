package io.learnloop.examples.storefront;

import io.learnloop.core.credential.SigningKey;
import io.learnloop.core.error.ValidationException;
import io.learnloop.examples.storefront.WebServer.Response;
import io.learnloop.http.SharedHttpClient;
import io.learnloop.lms.LtiTool;
import io.learnloop.lms.LtiToolConfig;
import io.learnloop.lms.LtiTools;
import io.learnloop.lms.ToolKeys;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The demo storefront: a small server-rendered web shop that embeds Learnloop. Catalogue with search and
 * recommendations, course pages with reviews, checkout through the Sandbox payment provider (its signed notification
 * goes through the shop's own webhook endpoint into the payment pipeline), the learning page with honest progress and
 * notes, the final quiz, certificates with public verification, community threads, an operator page with the
 * ledger and growth charts, and an LMS page on which the shop is an LTI 1.3 tool of a learning management system
 * (with a demo LMS, Learnloop's own platform role, running beside it).
 *
 * <pre>
 * mvn -B -q install -DskipTests
 * mvn -B -q -pl examples exec:java -Dexec.mainClass=io.learnloop.examples.storefront.Storefront
 * </pre>
 *
 * <p>The LMS page ({@code /operator/lms}) is for the operator only: sign in as {@code operator} with the password in
 * {@code STOREFRONT_OPERATOR_PASSWORD}, or, when that is unset, the one printed at the start.
 *
 * <p>Options: {@code --port N} (default 8080, 0 picks a free port), {@code --data DIR} (the embedded H2 database's
 * folder, default {@code target/storefront-data}) or {@code --memory} (nothing kept).
 *
 * <p>Thread-safe: the server handles requests on a small pool; every service it uses is thread-safe.
 */
public final class Storefront implements AutoCloseable {
    private final Shop shop;
    private final WebServer web;
    private final DemoLms demo;
    private final OperatorPassword operator;

    private Storefront(Shop shop, WebServer web, DemoLms demo, OperatorPassword operator) {
        this.shop = shop;
        this.web = web;
        this.demo = demo;
        this.operator = operator;
    }

    /**
     * Starts a storefront.
     *
     * @param port   the port on 127.0.0.1, 0 for any free one
     * @param folder the embedded database's folder, or null to keep everything in memory
     * @param env    environment settings (Stripe keys, the sandbox webhook secret, {@code STOREFRONT_SESSION_KEY})
     * @return the running storefront
     */
    public static Storefront start(int port, Path folder, Map<String, String> env) {
        System.setProperty("java.awt.headless", "true");
        Sessions sessions = sessions(env);
        OperatorPassword operator = OperatorPassword.from(env);
        Shop shop = new Shop(folder, env);
        WebServer web = null;
        DemoLms demo = null;
        try {
            DemoCatalogue.seed(shop);
            shop.recommendations.rebuild();
            web = new WebServer(port, sessions);
            URI self = URI.create("http://127.0.0.1:" + web.port());
            LtiTool tool = LtiTools.tool(shop.learnloop, LtiToolConfig.builder(SharedHttpClient.create(),
                    self + "/lti/launch", ToolKeys.of(SigningKey.of("storefront-lti-1", RsaKeys.generate())))
                    // the shop's demo clock runs ahead of real time; LMSs date and judge tokens by real time
                    .protocolClock(Clock.systemUTC()).build());
            shop.lmsGrades.set(tool.outboxListener());
            demo = DemoLms.start(self, LmsPages.placedLinks(shop));
            web.get(Html.STYLESHEET_PATH, req -> Response.bytes("text/css; charset=utf-8", Html.stylesheet()));
            CheckoutPages checkout = new CheckoutPages(shop);
            for (Pages pages : List.of(new CataloguePages(shop, sessions, operator), checkout, new LearningPages(shop),
                    new CommunityPages(shop), new OperatorPages(shop), new LmsPages(shop, sessions, tool, self, demo))) {
                pages.register(web);
            }
            web.start();
            checkout.webhookBase(self);
            return new Storefront(shop, web, demo, operator);
        } catch (RuntimeException e) {
            if (demo != null) {
                demo.close();
            }
            if (web != null) {
                web.close();
            }
            shop.close();
            throw e;
        }
    }

    /** The environment variable that holds a configured session key; without it each run makes its own. */
    static final String SESSION_KEY_VARIABLE = "STOREFRONT_SESSION_KEY";

    /** How long a session cookie is accepted. */
    static final Duration SESSION_LIFETIME = Duration.ofHours(8);

    private static Sessions sessions(Map<String, String> env) {
        String configured = env.get(SESSION_KEY_VARIABLE);
        if (configured == null || configured.isBlank()) {
            return Sessions.withRandomKey(Clock.systemUTC(), SESSION_LIFETIME);
        }
        byte[] key = configured.getBytes(StandardCharsets.UTF_8);
        if (key.length < Sessions.MIN_KEY_BYTES) {
            throw ValidationException.of(SESSION_KEY_VARIABLE, "use a random secret of at least " + Sessions.MIN_KEY_BYTES
                    + " characters, or leave it unset for a key made per run (it had " + key.length + ")");
        }
        return new Sessions(key, Clock.systemUTC(), SESSION_LIFETIME, new SecureRandom());
    }

    /**
     * The address the shop listens on.
     *
     * @return the base URI, without a trailing slash
     */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + web.port());
    }

    /**
     * How many responses had a 5xx status since the start.
     *
     * @return the count
     */
    public int serverErrors() {
        return web.serverErrors();
    }

    /**
     * The demo LMS's address: an LTI 1.3 platform the shop runs beside itself, so the LMS page works without an
     * external LMS.
     *
     * @return its base URI, without a trailing slash
     */
    public URI demoLmsUri() {
        return URI.create(demo.issuer());
    }

    @Override
    public void close() {
        web.close();
        demo.close();
        shop.close();
    }

    /**
     * Runs the storefront until the process is stopped.
     *
     * @param args {@code --port N}, {@code --data DIR}, {@code --memory}
     */
    public static void main(String[] args) {
        int port = 8080;
        Path folder = Path.of("target", "storefront-data");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
                case "--data" -> folder = Path.of(value(args, ++i, "--data"));
                case "--memory" -> folder = null;
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; use --port N, --data DIR or --memory");
            }
        }
        Storefront shop = start(port, folder, System.getenv());
        Runtime.getRuntime().addShutdownHook(new Thread(shop::close, "storefront-shutdown"));
        System.out.println("Learnloop demo storefront: " + shop.uri() + "/");
        System.out.println(folder == null ? "Data: in memory (gone when you stop)"
                : "Data: embedded H2 database in " + folder.toAbsolutePath());
        System.out.println("Sign in with any name; Sandbox payments need no keys. Stop with Ctrl+C.");
        System.out.println("LMS page: " + shop.uri() + "/operator/lms, signed in as '" + LmsPages.OPERATOR_ID + "' "
                + shop.operator.hint() + "; demo LMS: " + shop.demoLmsUri() + "/");
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
