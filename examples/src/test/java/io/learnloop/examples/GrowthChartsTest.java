package io.learnloop.examples;

import io.learnloop.core.json.LearnloopJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GrowthChartsTest {
    @Test
    void main_whenRun_writesEveryChartAsPngAndSvgAndTheResultsAsCsvAndJson(@TempDir Path dir) throws Exception {
        Path charts = dir.resolve("charts");
        Path data = dir.resolve("data");
        GrowthCharts.main(new String[]{charts.toString(), data.toString()});

        for (String name : List.of("stocks", "catalogue-community", "loop-gain", "tornado", "montecarlo")) {
            BufferedImage png = ImageIO.read(charts.resolve(name + ".png").toFile());
            assertThat(png).as(name + ".png").isNotNull();
            assertThat(png.getWidth()).isEqualTo(900);
            assertThat(png.getHeight()).isEqualTo(520);
            String svg = Files.readString(charts.resolve(name + ".svg"));
            assertThat(svg).as(name + ".svg").contains("<svg").contains("</svg>");
        }
        for (String name : List.of("trajectory", "loop", "tornado", "montecarlo", "scenarios", "calibration")) {
            String csv = Files.readString(data.resolve(name + ".csv"));
            assertThat(csv.split("\r\n").length).as(name + ".csv").isGreaterThan(2);
        }
        for (String name : List.of("trajectory", "loop", "equilibrium", "tornado", "montecarlo", "scenarios",
                "unit-economics", "calibration")) {
            assertThat(LearnloopJson.newMapper().readTree(data.resolve(name + ".json").toFile()).isObject())
                    .as(name + ".json").isTrue();
        }
    }
}
