package io.learnloop.examples.recommend;

import java.nio.file.Path;

/**
 * Parsed command line of {@code EvaluateRecommenders}.
 *
 * @param movielens    a MovieLens file (u.data or ratings.csv), or null
 * @param oulad        an OULAD directory, or null
 * @param synthetic    learners to generate, or 0
 * @param train        an explicit training file (u.data format), or null
 * @param test         an explicit test file (u.data format), or null
 * @param k            the cut-off
 * @param split        temporal, leave-last-out or random: the test split, and the validation split carved out of the
 *                     training side (with {@code --train/--test} only the latter; random unless given)
 * @param testFraction the share held out by the temporal and random splits
 * @param seed         the seed for random splits, the generator and ALS
 * @param tune         whether to tune hyper-parameters on a validation split of the training side
 * @param tuneSeconds  the tuning time budget in seconds
 */
public record EvaluationArgs(Path movielens, Path oulad, int synthetic, Path train, Path test, int k, String split,
                             double testFraction, long seed, boolean tune, int tuneSeconds) {
    /** The usage text. */
    public static final String USAGE = """
            usage: EvaluateRecommenders (--movielens FILE | --oulad DIR | --synthetic N | --train FILE --test FILE)
                                        [--k 10] [--split temporal|leave-last-out|random] [--test-fraction 0.2]
                                        [--seed 42] [--no-tune] [--tune-budget SECONDS]
              --split defaults to temporal, and to random (per learner) with --train/--test, where it names the
              validation split carved out of the training file.""";

    /**
     * Parses arguments.
     *
     * @param args the command line
     * @return the parsed arguments
     * @throws IllegalArgumentException with a message saying what to fix
     */
    public static EvaluationArgs parse(String[] args) {
        Path movielens = null;
        Path oulad = null;
        int synthetic = 0;
        Path train = null;
        Path test = null;
        int k = 10;
        String split = null;
        double fraction = 0.2;
        long seed = 42;
        boolean tune = true;
        int tuneSeconds = 600;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--no-tune")) {
                tune = false;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + a);
            }
            String v = args[++i];
            switch (a) {
                case "--movielens" -> movielens = Path.of(v);
                case "--oulad" -> oulad = Path.of(v);
                case "--synthetic" -> synthetic = positive(a, v);
                case "--train" -> train = Path.of(v);
                case "--test" -> test = Path.of(v);
                case "--k" -> k = positive(a, v);
                case "--split" -> {
                    if (!v.equals("temporal") && !v.equals("leave-last-out") && !v.equals("random")) {
                        throw new IllegalArgumentException("--split must be temporal, leave-last-out or random, was " + v);
                    }
                    split = v;
                }
                case "--test-fraction" -> {
                    fraction = Double.parseDouble(v);
                    if (!(fraction > 0 && fraction < 1)) {
                        throw new IllegalArgumentException("--test-fraction must be above 0 and below 1, was " + v);
                    }
                }
                case "--seed" -> seed = Long.parseLong(v);
                case "--tune-budget" -> tuneSeconds = positive(a, v);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        int sources = (movielens != null ? 1 : 0) + (oulad != null ? 1 : 0) + (synthetic > 0 ? 1 : 0)
                + (train != null || test != null ? 1 : 0);
        if (sources != 1) {
            throw new IllegalArgumentException("give exactly one of --movielens, --oulad, --synthetic, --train/--test");
        }
        if ((train == null) != (test == null)) {
            throw new IllegalArgumentException("--train and --test go together");
        }
        if (split == null) {
            split = train != null ? "random" : "temporal";
        }
        return new EvaluationArgs(movielens, oulad, synthetic, train, test, k, split, fraction, seed, tune,
                tuneSeconds);
    }

    private static int positive(String option, String value) {
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number, was " + value);
        }
        if (n <= 0) {
            throw new IllegalArgumentException(option + " must be at least 1, was " + value);
        }
        return n;
    }
}
