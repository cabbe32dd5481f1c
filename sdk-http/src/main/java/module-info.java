/**
 * Learnloop sdk-http: the one HTTP layer every remote peer of the SDK goes through (payment providers, Discourse).
 * Hosts see only how to configure it: {@link io.learnloop.http.SharedHttpClient} (one per SDK instance, optionally
 * around the host's own okhttp client), its {@link io.learnloop.http.RetryPolicy} and
 * {@link io.learnloop.http.Sleeper}. The pipeline itself (sign, send, verify, parse, retry) is internal and open
 * only to the SDK modules that call out.
 */
// The modules the internal package is exported to are built after this one, so javac cannot see them here.
@SuppressWarnings("module")
module io.learnloop.http {
    requires transitive io.learnloop.core;
    requires okhttp3;
    // okhttp is an automatic module and so declares no dependencies; without this, nothing puts the Kotlin standard
    // library (an explicit module) into a host's module graph and okhttp fails at run time.
    requires kotlin.stdlib;
    requires org.slf4j;

    exports io.learnloop.http;
    // The pipeline is shared by the SDK's own modules only; hosts configure it through io.learnloop.http.
    exports io.learnloop.http.internal to io.learnloop.payment, io.learnloop.community, io.learnloop.lms;
}
