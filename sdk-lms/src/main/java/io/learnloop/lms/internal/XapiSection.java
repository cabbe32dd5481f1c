package io.learnloop.lms.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.internal.paging.KeysetRecords;
import io.learnloop.core.json.LearnloopJson;
import io.learnloop.core.privacy.ErasureScope;
import io.learnloop.core.privacy.PersonalDataSource;
import io.learnloop.lms.XapiConfig;

import java.time.Instant;
import java.util.Iterator;

/**
 * The {@value #NAME} section of a learner's export: every xAPI statement about the learner still in the queue
 * (waiting, sent and not yet pruned, or refused by the LRS), with the LRS it is for and what became of it, oldest
 * first, read through the learner index a page at a time.
 *
 * <p>Thread-safe: immutable.
 */
public final class XapiSection implements PersonalDataSource {
    /** The section's name. */
    public static final String NAME = "lrs-statements";
    private static final ObjectMapper MAPPER = LearnloopJson.newMapper();

    private final XapiConfig config;

    /**
     * Creates the section.
     *
     * @param config the publisher's configuration, which names the learner's xAPI account
     */
    public XapiSection(XapiConfig config) {
        this.config = config;
    }

    @Override
    public String section() {
        return NAME;
    }

    @Override
    public Iterator<?> records(ErasureScope scope, UserId learner) {
        Iterator<QueuedStatement> rows = KeysetRecords.under(scope.context(), XapiTypes.STATEMENT, XapiTypes.SUBJECT,
                QueuedStatement.actorKey(config.actorName(learner)));
        return new Iterator<ExportedStatement>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public ExportedStatement next() {
                QueuedStatement s = rows.next();
                return new ExportedStatement(s.lrs(), s.id(), s.status(), s.queuedAt(), s.doneAt(), s.problem(),
                        parse(s.json()));
            }
        };
    }

    private static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return MAPPER.getNodeFactory().textNode(json);
        }
    }

    /**
     * One statement as exported.
     *
     * @param lrs       the LRS it is for
     * @param id        the statement id
     * @param status    PENDING, SENT, REJECTED or CONFLICT
     * @param queuedAt  when it was queued
     * @param doneAt    when it left the queue, or null
     * @param problem   why the LRS refused it, or null
     * @param statement the statement as sent
     */
    record ExportedStatement(String lrs, String id, String status, Instant queuedAt, Instant doneAt, String problem,
                             JsonNode statement) {
    }

    @Override
    public String toString() {
        return "XapiSection";
    }
}
