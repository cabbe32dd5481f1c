package io.learnloop.examples.boot;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The example application started once for the whole test run, on a free port, and stopped when the run ends: every
 * test class that asks for it (a parameter of this type) shares one instance, as its start costs seconds.
 */
public final class RunningApp implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RunningApp.class);

    /** Created by JUnit. */
    public RunningApp() {
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == App.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(App.class, k -> App.start(), App.class);
    }

    /** The running application. */
    public static final class App implements AutoCloseable {
        private final ConfigurableApplicationContext context;
        private final String origin;

        private App(ConfigurableApplicationContext context) {
            this.context = context;
            this.origin = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
        }

        static App start() {
            return new App(SpringApplication.run(LearnloopBootApp.class, "--server.port=0"));
        }

        /**
         * Where the HTTP API is mounted.
         *
         * @return the base URL, without a trailing slash
         */
        public String apiBase() {
            return origin + context.getEnvironment().getProperty("learnloop.api.base-path");
        }

        /**
         * The application's origin.
         *
         * @return scheme, host and port
         */
        public String origin() {
            return origin;
        }

        @Override
        public void close() {
            context.close();
        }
    }
}
