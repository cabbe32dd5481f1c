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
 * @param millis   how long the run took
 */
public record QuickstartReport(Path folder, CatalogStage.Result catalog, CommerceStage.Result commerce,
                               long millis) {
}
