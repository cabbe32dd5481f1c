/**
 * Learnloop core: the domain model and services, the store SPI with its in-memory implementation, the ledger and
 * the events. Start with {@link io.learnloop.core.Learnloop}.
 */
// The modules the internal paging package is exported to are built after this one, so javac cannot see them here.
@SuppressWarnings("module")
module io.learnloop.core {
    requires transitive com.fasterxml.jackson.databind;
    requires org.slf4j;
    requires com.nimbusds.jose.jwt;

    exports io.learnloop.core;
    exports io.learnloop.core.error;
    exports io.learnloop.core.access;
    exports io.learnloop.core.catalog;
    exports io.learnloop.core.commerce;
    exports io.learnloop.core.event;
    exports io.learnloop.core.identity;
    exports io.learnloop.core.json;
    exports io.learnloop.core.ledger;
    exports io.learnloop.core.money;
    exports io.learnloop.core.store;
    exports io.learnloop.core.learning;
    exports io.learnloop.core.assessment;
    exports io.learnloop.core.credential;
    exports io.learnloop.core.review;
    exports io.learnloop.core.recall;
    exports io.learnloop.core.settlement;
    exports io.learnloop.core.privacy;
    exports io.learnloop.core.path;
    exports io.learnloop.core.practice;
    exports io.learnloop.core.retention;
    exports io.learnloop.core.reputation;
    exports io.learnloop.core.subscription;
    // The keyset iterator the SDK's modules page their personal-data sections with; hosts never see it.
    exports io.learnloop.core.internal.paging to io.learnloop.payment, io.learnloop.community, io.learnloop.lms;
}
