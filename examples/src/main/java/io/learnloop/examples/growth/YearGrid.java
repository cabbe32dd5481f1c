package io.learnloop.examples.growth;

/**
 * Resamples a series onto an even grid of years, so the chart's axis ticks fall on round values.
 */
final class YearGrid {
    /** Grid spacing in years. */
    static final double STEP = 0.05;

    private YearGrid() {
    }

    /**
     * The grid from 0 to the last day.
     *
     * @param days the days of the series
     * @return grid points in years
     */
    static double[] years(double[] days) {
        double end = days[days.length - 1] / 365.25;
        int n = (int) Math.floor(end / STEP + 1e-9) + 1;
        double[] years = new double[n];
        for (int i = 0; i < n; i++) {
            years[i] = Math.round(i * STEP * 100) / 100.0;
        }
        return years;
    }

    /**
     * Linear interpolation of {@code values} (given at {@code days}) at each grid point.
     *
     * @param days   the days of the series, ascending
     * @param values the series
     * @param grid   grid points in years
     * @param scale  divisor applied to the values
     * @return the resampled values
     */
    static double[] resample(double[] days, double[] values, double[] grid, double scale) {
        double[] out = new double[grid.length];
        int j = 0;
        for (int i = 0; i < grid.length; i++) {
            double day = grid[i] * 365.25;
            while (j + 1 < days.length - 1 && days[j + 1] < day) {
                j++;
            }
            int k = Math.min(j + 1, days.length - 1);
            double span = days[k] - days[j];
            double w = span > 0 ? Math.min(1, Math.max(0, (day - days[j]) / span)) : 0;
            out[i] = (values[j] + w * (values[k] - values[j])) / scale;
        }
        return out;
    }
}
