package io.learnloop.examples.recommend;

import io.learnloop.recommend.AlsSettings;
import io.learnloop.recommend.CourseInfo;
import io.learnloop.recommend.InteractionMatrix;
import io.learnloop.recommend.Recommender;
import io.learnloop.recommend.Recommenders;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hyper-parameters of every model and how to train them.
 *
 * @param halfLifeDays popularity half-life in days, 0 for none
 * @param neighbours   item-kNN neighbours
 * @param shrinkage    item-kNN shrinkage
 * @param easeLambda   EASE regularisation
 * @param als          ALS settings
 * @param wEase        hybrid weight of EASE
 * @param wAls         hybrid weight of ALS
 * @param wKnn         hybrid weight of item-kNN
 * @param wContent     hybrid weight of content
 * @param wPopularity  hybrid weight of popularity
 * @param recencyDays  hybrid recency half-life in days, 0 for none
 */
public record ModelZoo(int halfLifeDays, int neighbours, double shrinkage, double easeLambda, AlsSettings als,
                       double wEase, double wAls, double wKnn, double wContent, double wPopularity,
                       double recencyDays) {

    /** A trained model with its training time. */
    public record Trained(Recommender model, long millis) {
    }

    public static Trained time(java.util.function.Supplier<Recommender> train) {
        long start = System.nanoTime();
        Recommender r = train.get();
        return new Trained(r, (System.nanoTime() - start) / 1_000_000);
    }

    public Trained popularity(InteractionMatrix m, List<CourseInfo> catalogue, Instant now) {
        return time(() -> Recommenders.popularity(m, catalogue, Duration.ofDays(halfLifeDays), now));
    }

    public Trained itemKnn(InteractionMatrix m, List<CourseInfo> catalogue) {
        return time(() -> Recommenders.itemKnn(m, catalogue, neighbours, shrinkage));
    }

    public Trained ease(InteractionMatrix m, List<CourseInfo> catalogue) {
        return time(() -> Recommenders.ease(m, catalogue, easeLambda));
    }

    public Trained als(InteractionMatrix m, List<CourseInfo> catalogue) {
        return time(() -> Recommenders.als(m, catalogue, als));
    }

    public Trained content(InteractionMatrix m, List<CourseInfo> catalogue) {
        return time(() -> Recommenders.content(m, catalogue));
    }

    /**
     * Blends already trained models; the training time is the sum of the parts'.
     *
     * @param m         the matrix
     * @param catalogue the catalogue
     * @param pop       popularity
     * @param knn       item-kNN
     * @param ease      EASE, or null
     * @param als       ALS
     * @param content   content, or null
     * @return the blend
     */
    public Trained hybrid(InteractionMatrix m, List<CourseInfo> catalogue, Trained pop, Trained knn, Trained ease, Trained als,
                   Trained content) {
        long start = System.nanoTime();
        Map<Recommender, Double> parts = new LinkedHashMap<>();
        long millis = pop.millis();
        if (ease != null && wEase > 0) {
            parts.put(ease.model(), wEase);
            millis += ease.millis();
        }
        if (wAls > 0) {
            parts.put(als.model(), wAls);
            millis += als.millis();
        }
        if (wKnn > 0) {
            parts.put(knn.model(), wKnn);
            millis += knn.millis();
        }
        if (content != null) {
            millis += content.millis();
            if (wContent > 0) {
                parts.put(content.model(), wContent);
            }
        }
        if (wPopularity > 0) {
            parts.put(pop.model(), wPopularity);
        }
        Recommender h = Recommenders.hybrid(m, catalogue, parts, pop.model(), content == null ? null : content.model(), 3,
                Duration.ofMinutes(Math.round(recencyDays * 24 * 60)));
        return new Trained(h, millis + (System.nanoTime() - start) / 1_000_000);
    }
}
