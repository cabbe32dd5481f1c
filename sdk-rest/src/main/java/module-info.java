/**
 * Learnloop sdk-rest: the HTTP API for front ends as framework-neutral handlers. A host hands each request to
 * {@link io.learnloop.rest.RestApi#handle} and writes the response back on its own server; the Spring Boot starter
 * does that for Spring MVC. The OpenAPI 3.1 document of the API ships with it.
 */
module io.learnloop.rest {
    requires transitive io.learnloop.core;
    requires transitive io.learnloop.payment;
    requires transitive io.learnloop.community;
    // Optional: a host serving recommendations brings sdk-recommend itself.
    requires static transitive io.learnloop.recommend;
    requires org.slf4j;

    exports io.learnloop.rest;

    // Response bodies and the stored idempotency records are written by the core's JSON wire format (Jackson).
    opens io.learnloop.rest.internal to com.fasterxml.jackson.databind;
    // The OpenAPI document, read by hosts and tests from the class path.
    opens io.learnloop.rest;
}
