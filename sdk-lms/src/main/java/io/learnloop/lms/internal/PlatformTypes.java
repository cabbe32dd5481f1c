package io.learnloop.lms.internal;

import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.SortKeys;
import io.learnloop.lms.internal.PlatformRows.AccessTokenRow;
import io.learnloop.lms.internal.PlatformRows.ContentItemRow;
import io.learnloop.lms.internal.PlatformRows.DeepLinkingRequestRow;
import io.learnloop.lms.internal.PlatformRows.LaunchHint;
import io.learnloop.lms.internal.PlatformRows.LineItemRow;
import io.learnloop.lms.internal.PlatformRows.ResultRow;
import io.learnloop.lms.internal.PlatformRows.SubjectRow;
import io.learnloop.lms.internal.PlatformRows.ToolDeploymentRow;
import io.learnloop.lms.internal.PlatformRows.ToolRow;
import io.learnloop.lms.internal.PlatformRows.UsedTokenId;

/**
 * The aggregates the LTI platform keeps in the core store. Everything that expires sits in an expiry index so that
 * it can be pruned by range; listings that grow (line items of a context, results of a line item) are keyset-paged.
 *
 * <p>Thread-safe: constants.
 */
final class PlatformTypes {
    static final AggregateType<ToolRow> TOOL = AggregateType.builder("ltip_tool", ToolRow.class, ToolRow::id).build();
    static final AggregateType<ToolDeploymentRow> DEPLOYMENT = AggregateType.builder("ltip_deployment",
            ToolDeploymentRow.class, ToolDeploymentRow::id).build();
    static final AggregateType<LaunchHint> HINT = AggregateType.builder("ltip_hint", LaunchHint.class, LaunchHint::id)
            .sortedIndex("expiry", h -> LmsTypes.ALL, h -> SortKeys.instant(h.expiresAt()))
            .build();
    static final AggregateType<SubjectRow> SUBJECT = AggregateType.builder("ltip_subject", SubjectRow.class,
                    SubjectRow::id)
            .index("learner", SubjectRow::learner)
            .build();
    static final AggregateType<LineItemRow> LINE_ITEM = AggregateType.builder("ltip_line_item", LineItemRow.class,
                    LineItemRow::id)
            .sortedIndex("context", l -> Keys.of(l.clientId(), l.contextId()), LineItemRow::id)
            .build();
    static final AggregateType<ResultRow> RESULT = AggregateType.builder("ltip_result", ResultRow.class, ResultRow::id)
            .sortedIndex("line_item", ResultRow::lineItemId, ResultRow::userId)
            .index("learner", ResultRow::learner)
            .build();
    static final AggregateType<UsedTokenId> USED_TOKEN_ID = AggregateType.builder("ltip_used_token_id",
                    UsedTokenId.class, UsedTokenId::id)
            .sortedIndex("expiry", u -> LmsTypes.ALL, u -> SortKeys.instant(u.expiresAt()))
            .build();
    static final AggregateType<AccessTokenRow> ACCESS_TOKEN = AggregateType.builder("ltip_access_token",
                    AccessTokenRow.class, AccessTokenRow::id)
            .sortedIndex("expiry", t -> LmsTypes.ALL, t -> SortKeys.instant(t.expiresAt()))
            .build();
    static final AggregateType<DeepLinkingRequestRow> DL_REQUEST = AggregateType.builder("ltip_dl_request",
                    DeepLinkingRequestRow.class, DeepLinkingRequestRow::id)
            .sortedIndex("expiry", r -> LmsTypes.ALL, r -> SortKeys.instant(r.expiresAt()))
            .build();
    static final AggregateType<ContentItemRow> CONTENT_ITEM = AggregateType.builder("ltip_content_item",
                    ContentItemRow.class, ContentItemRow::id)
            .sortedIndex("context", c -> Keys.of(c.clientId(), c.contextId()), ContentItemRow::id)
            .build();

    private PlatformTypes() {
    }
}
