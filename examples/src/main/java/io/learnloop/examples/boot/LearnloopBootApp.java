package io.learnloop.examples.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The example Spring Boot application: Learnloop's starter on Spring Boot's embedded H2 database, serving the HTTP API
 * under {@code /learnloop/api} and the Sandbox provider's webhook endpoint, with a seeded demo course. Everything else
 * in this package is what a host adds to the starter: the demo sign-in ({@link DemoSecurity}), the Sandbox provider
 * ({@link SandboxPayments}), certificates, the community's access rule and the course page's offers
 * ({@link DemoLearnloop}) and the catalogue ({@link DemoCatalogue}). See {@code docs/spring-boot.md}.
 *
 * <p>Run it with {@code mvn -B -q -pl examples exec:java -Dexec.mainClass=io.learnloop.examples.boot.LearnloopBootApp}
 * after {@code mvn -B -q install -DskipTests}; it listens on port 8080 ({@code --server.port=...} to change).
 *
 * <p>Thread-safe: a Spring application class.
 */
@SpringBootApplication
public class LearnloopBootApp {
    /** Created by Spring. */
    public LearnloopBootApp() {
    }

    /**
     * Starts the application.
     *
     * @param args Spring Boot's command-line arguments, such as {@code --server.port=9090}
     */
    public static void main(String[] args) {
        SpringApplication.run(LearnloopBootApp.class, args);
    }
}
