package io.learnloop.examples.quickstart;

import java.nio.file.Path;

/**
 * What one quickstart run produced, stage by stage.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param folder   the demo's folder
 * @param catalog  stage 1: the published courses
 * @param commerce stage 2: offers and paid orders
 * @param learning stage 3: progress, certificates and reviews
 * @param community stage 4: questions, answers and a study group
 * @param life      stage 5: the weeks of platform life
 * @param recommend stage 6: recommendations
 * @param refund    stage 7: the refund and the ledger
 * @param growth    stage 8: the calibrated growth report and its charts
 * @param millis   how long the run took
 */
public record QuickstartReport(Path folder, CatalogStage.Result catalog, CommerceStage.Result commerce,
                               LearningStage.Result learning, CommunityStage.Result community,
                               PlatformLifeStage.Result life,
                               RecommendStage.Result recommend, RefundStage.Result refund,
                               GrowthStage.Result growth,                                                                                              long millis) {
}
