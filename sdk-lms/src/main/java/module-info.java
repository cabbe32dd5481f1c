/**
 * Learnloop sdk-lms: the LTI 1.3 tool, so that a learning management system launches Learnloop courses, the LTI 1.3
 * platform, so that Learnloop launches external tools and takes their grades, and the xAPI publisher, which sends
 * learning events to learning record stores. Start with {@link io.learnloop.lms.LtiTools},
 * {@link io.learnloop.lms.LtiPlatforms} and {@link io.learnloop.lms.Xapi}.
 */
module io.learnloop.lms {
    requires transitive io.learnloop.core;
    // LtiToolConfig takes the shared HTTP client, so hosts that configure the tool read sdk-http too.
    requires transitive io.learnloop.http;
    requires com.nimbusds.jose.jwt;
    requires org.slf4j;
    // cmi5 course structures are parsed and validated against their XSD with the JDK's XML APIs.
    requires java.xml;

    exports io.learnloop.lms;

    // The stored records are read and written by the core's JSON wire format (Jackson), in every store.
    opens io.learnloop.lms.internal to com.fasterxml.jackson.databind;
    opens io.learnloop.lms.internal.cmi5 to com.fasterxml.jackson.databind;
}
