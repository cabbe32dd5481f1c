package io.learnloop.recommend.internal;

import io.learnloop.recommend.InteractionMatrix;
import io.learnloop.recommend.ModelKind;
import io.learnloop.recommend.RecommenderSettings;

import java.time.Instant;

/**
 * Trains one model of a kind with its settings: the single place that maps settings to models, used by the public
 * factories, the hybrid fit and the tuner.
 *
 * <p>Thread-safe: static helpers without state.
 */
public final class ModelFactory {
    private ModelFactory() {
    }

    /**
     * Trains a model.
     *
     * @param kind      the kind
     * @param matrix    the interactions
     * @param catalogue the catalogue
     * @param settings  the settings
     * @param now       the time popularity decays towards
     * @return the model
     */
    public static ScoringModel train(ModelKind kind, InteractionMatrix matrix, Catalogue catalogue,
                                     RecommenderSettings settings, Instant now) {
        return switch (kind) {
            case POPULARITY -> new PopularityModel(matrix, catalogue, settings.popularityHalfLife(), now);
            case ITEM_KNN -> new ItemKnnModel(matrix, catalogue, settings.knnNeighbours(), settings.knnShrinkage());
            case RP3BETA -> new Rp3BetaModel(matrix, catalogue, settings.rp3Neighbours(), settings.rp3Alpha(),
                    settings.rp3Beta());
            case EASE -> new EaseModel(matrix, catalogue, settings.easeLambda(), settings.easeDropout());
            case ALS -> new AlsModel(matrix, catalogue, settings.als());
            case CONTENT -> new ContentModel(matrix, catalogue);
            case SEQUENCE -> new SequenceModel(matrix, catalogue, SequenceModel.NEIGHBOURS);
        };
    }
}
