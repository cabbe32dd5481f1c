package io.learnloop.recommend.data;

import io.learnloop.recommend.Interaction;
import io.learnloop.recommend.InteractionKind;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads MovieLens rating files as {@link InteractionKind#RATING} interactions (weight = the rating): the
 * tab-separated {@code u.data} of ML-100K ({@code user item rating timestamp}) and the {@code ratings.csv} of the
 * newer releases ({@code userId,movieId,rating,timestamp} with a header).
 *
 * <p>Thread-safe: static helpers without state.
 */
public final class MovieLens {
    private MovieLens() {
    }

    /**
     * Reads a tab-separated {@code u.data} file.
     *
     * @param file the file
     * @return the dataset (no course features)
     * @throws DataFileException if the file is unreadable or a row is malformed (with its line number)
     */
    public static Dataset readUData(Path file) {
        return read(file, "\t", false);
    }

    /**
     * Reads a {@code ratings.csv} file.
     *
     * @param file the file
     * @return the dataset (no course features)
     * @throws DataFileException if the file is unreadable, the header is wrong or a row is malformed
     */
    public static Dataset readRatingsCsv(Path file) {
        return read(file, ",", true);
    }

    private static Dataset read(Path file, String separator, boolean header) {
        String name = String.valueOf(file.getFileName());
        List<Interaction> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (header && number == 1) {
                    if (!line.strip().startsWith("userId,movieId,rating,timestamp")) {
                        throw new DataFileException(name, 1, "expected the header userId,movieId,rating,timestamp");
                    }
                    continue;
                }
                if (line.isBlank()) {
                    continue;
                }
                out.add(parse(name, number, line.split(separator, -1)));
            }
        } catch (IOException e) {
            throw new DataFileException(name, e);
        }
        return new Dataset("MovieLens " + name, out, List.of());
    }

    private static Interaction parse(String name, long number, String[] f) {
        if (f.length != 4) {
            throw new DataFileException(name, number, "expected 4 fields (user, item, rating, timestamp), found "
                    + f.length);
        }
        String user = f[0].strip();
        String item = f[1].strip();
        if (user.isEmpty() || item.isEmpty()) {
            throw new DataFileException(name, number, "user and item must not be empty");
        }
        double rating;
        long seconds;
        try {
            rating = Double.parseDouble(f[2].strip());
        } catch (NumberFormatException e) {
            throw new DataFileException(name, number, "rating is not a number: '" + f[2] + "'");
        }
        if (!Double.isFinite(rating) || rating < 0) {
            throw new DataFileException(name, number, "rating must be a finite number >= 0, was '" + f[2] + "'");
        }
        try {
            seconds = Long.parseLong(f[3].strip());
        } catch (NumberFormatException e) {
            throw new DataFileException(name, number, "timestamp is not whole epoch seconds: '" + f[3] + "'");
        }
        return new Interaction(user, item, InteractionKind.RATING, rating, Instant.ofEpochSecond(seconds));
    }
}
