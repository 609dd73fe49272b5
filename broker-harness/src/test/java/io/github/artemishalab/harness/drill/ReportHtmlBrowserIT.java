package io.github.artemishalab.harness.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drill report opened in a real headless Chromium: the browser parses the chart and paints it. The page and its
 * screenshot are also copied to {@code target/report-html-it/} for a human to look at.
 */
class ReportHtmlBrowserIT {

    private static final List<String> BROWSERS = List.of("chromium", "chromium-browser", "google-chrome");
    private static final int WIDTH = 1200;
    private static final int HEIGHT = 1400;
    private static final long TIMEOUT_SECONDS = 60;

    private static final Optional<Path> BROWSER = browserOnPath();

    @TempDir
    Path tmp;

    /**
     * Without a browser the test is skipped with a visible reason, so that {@code ./mvnw -B verify} passes on a
     * machine that has only Java; under CI ({@code CI=true}), which installs Chromium, a missing browser fails.
     */
    @BeforeEach
    void browserIsInstalled() {
        if (BROWSER.isPresent()) {
            return;
        }
        String given = System.getProperty("chromium");
        String why = (given != null ? "-Dchromium=" + given + " is not an executable file"
                : "none of " + String.join(", ", BROWSERS) + " is on the PATH")
                + ": install one (Debian/Ubuntu: apt-get install chromium) or pass -Dchromium=/path/to/chromium";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(why + ". CI (CI=true) installs it in .ci/run, so there a missing browser fails this test");
        }
        System.err.println("SKIPPED ReportHtmlBrowserIT: " + why);
        Assumptions.abort(why);
    }

    /** {@code -Dchromium} if given, else the first of {@link #BROWSERS} found on the PATH. */
    private static Optional<Path> browserOnPath() {
        String given = System.getProperty("chromium");
        if (given != null) {
            return Optional.of(Path.of(given)).filter(Files::isExecutable);
        }
        String path = System.getenv().getOrDefault("PATH", "");
        return BROWSERS.stream()
                .flatMap(name -> Arrays.stream(path.split(File.pathSeparator)).filter(dir -> !dir.isEmpty())
                        .map(dir -> Path.of(dir, name)))
                .filter(Files::isExecutable).findFirst();
    }

    @Test
    void chromiumPaintsTheTimeline() throws Exception {
        Path html = writeReport();
        Path png = tmp.resolve("report.png");
        chromium(tmp.resolve("profile-screenshot"), "--window-size=" + WIDTH + "," + HEIGHT, "--screenshot=" + png,
                html.toUri().toString());
        assertThat(png).as("screenshot written by chromium").exists();
        keep(png);

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("%s decodes as an image", png).isNotNull();
        assertThat(image.getWidth()).isEqualTo(WIDTH);
        assertThat(image.getHeight()).isEqualTo(HEIGHT);

        int send = rgb(TimelineSvg.SEND_COLOUR);
        int recv = rgb(TimelineSvg.RECV_COLOUR);
        int sendPixels = 0;
        int recvPixels = 0;
        int minX = WIDTH;
        int minY = HEIGHT;
        int maxX = -1;
        int maxY = -1;
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                int c = image.getRGB(x, y) & 0xFFFFFF;
                if (c == send) {
                    sendPixels++;
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                } else if (c == recv) {
                    recvPixels++;
                }
            }
        }
        // 85 bars of about 7 x 120 px each; legend swatches and lane titles alone are a few hundred pixels
        assertThat(sendPixels).as("pixels in the send colour %s", TimelineSvg.SEND_COLOUR).isGreaterThan(20_000);
        assertThat(recvPixels).as("pixels in the receipt colour %s", TimelineSvg.RECV_COLOUR).isGreaterThan(20_000);
        // the send bars span the drill: from near the left edge of the plot to near its right edge
        assertThat(maxX - minX).as("width of the send series").isGreaterThan(700);

        // the chart region (around the send bars, down through the receipts lane) is drawn, not blank
        Set<Integer> colours = new HashSet<>();
        for (int y = minY; y <= Math.min(HEIGHT - 1, maxY + 200); y++) {
            for (int x = minX; x <= maxX; x++) {
                colours.add(image.getRGB(x, y) & 0xFFFFFF);
            }
        }
        assertThat(colours.size()).as("distinct colours in the chart region").isGreaterThan(30);
        assertThat(colours).as("the fault band: red over white at low opacity").anyMatch(ReportHtmlBrowserIT::pinkish);
    }

    @Test
    void chromiumParsesTheChartIntoItsDom() throws Exception {
        Path html = writeReport();
        String dom = chromium(tmp.resolve("profile-dom"), "--dump-dom", html.toUri().toString());
        assertThat(dom).as("dumped DOM").contains("<svg id=\"timeline\"");
        int svgStart = dom.indexOf("<svg id=\"timeline\"");
        int svgEnd = dom.indexOf("</svg>", svgStart);
        assertThat(svgEnd).as("the timeline svg is closed").isGreaterThan(svgStart);
        String svg = dom.substring(svgStart, svgEnd);
        assertThat(Pattern.compile("<rect class=\"bucket-send\"").matcher(svg).results().count())
                .isEqualTo(85);
        assertThat(svg).contains("class=\"fault-window\"").contains("class=\"state-mark\"");
    }

    private Path writeReport() throws IOException {
        Path html = tmp.resolve("drill-report.html");
        Files.writeString(html, ReportHtmlTest.syntheticHtml(), StandardCharsets.UTF_8);
        keep(html);
        return html;
    }

    /**
     * Runs headless Chromium on a fresh profile and returns its stdout; output goes to files, so a full pipe cannot
     * stall it.
     */
    private String chromium(Path profile, String... args) throws IOException, InterruptedException {
        Files.createDirectories(profile);
        Path out = tmp.resolve(profile.getFileName() + ".out");
        Path err = tmp.resolve(profile.getFileName() + ".err");
        List<String> command = new ArrayList<>(List.of(BROWSER.orElseThrow().toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--hide-scrollbars", "--force-device-scale-factor=1",
                "--user-data-dir=" + profile));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                fail("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command + "\n"
                        + Files.readString(err));
            }
            assertThat(p.exitValue()).as("chromium exit code; stderr:%n%s", Files.readString(err)).isZero();
            return Files.readString(out);
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    private static void keep(Path file) throws IOException {
        Path dir = Path.of(System.getProperty("basedir", ".")).resolve("target/report-html-it");
        Files.createDirectories(dir);
        Files.copy(file, dir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }

    private static int rgb(String hex) {
        return Integer.parseInt(hex.substring(1), 16);
    }

    private static boolean pinkish(int c) {
        int r = (c >> 16) & 0xFF;
        int g = (c >> 8) & 0xFF;
        int b = c & 0xFF;
        return r > 240 && g > 190 && g < 235 && Math.abs(g - b) < 12;
    }
}
