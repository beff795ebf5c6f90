package dev.zmq4j.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The sample app's page ({@code static/index.html} with {@code zws.js}) in a real headless Chromium, driven by
 * {@code src/test/node/page-browser-driver.mjs} through playwright-core: live prices from the PUB socket appear on
 * the page and a quote asked through the page's REQ socket is answered, both over the app's ws:// binds. The
 * screenshot goes to {@code target/browser/}. Skipped when node, Debian's chromium or the driver's node_modules
 * ({@code npm ci --ignore-scripts} in src/test/node, which bin/test runs) are missing.
 */
class ZwsJsBrowserTest extends RunningSampleApp {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path SCREENSHOT = Path.of("target/browser/sample-page.png");

    private static final String NODE_VERSION = NodeScript.nodeVersion();

    /** Per test, not per class: surefire reports a test skipped by an assumption, and says why. */
    @BeforeEach
    void requireNodeChromiumAndPlaywright() {
        assumeTrue(NODE_VERSION != null, "no node on the PATH: the page is not tested in a browser");
        assumeTrue(
                Files.isExecutable(CHROMIUM),
                "no " + CHROMIUM + ": apt-get install chromium chromium-driver (bin/test does) to test the page");
        assumeTrue(
                Files.isDirectory(NodeScript.DIRECTORY.resolve("node_modules/playwright-core")),
                "no playwright-core: run npm ci --ignore-scripts in " + NodeScript.DIRECTORY + " (bin/test does)");
    }

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS) // a browser's first start on a loaded machine is slow
    void shouldShowLivePricesAndAnswerAQuoteInHeadlessChromium() throws IOException {
        Files.createDirectories(SCREENSHOT.getParent());
        Files.deleteIfExists(SCREENSHOT);
        NodeScript.Result result = NodeScript.run(
                Duration.ofSeconds(120),
                "page-browser-driver.mjs",
                baseUrl(),
                SCREENSHOT.toAbsolutePath().toString(),
                CHROMIUM.toString());
        assertThat(result.exitStatus())
                .as("page-browser-driver.mjs: %s", result.describe())
                .isZero();
        assertThat(result.output())
                .contains("\"livePrices\":{\"ACME\":")
                .contains("\"tickerStatus\":\"live from ws://127.0.0.1:")
                .containsPattern("\"quoteAnswer\":\"GLOBEX: \\d+\\.\\d\\d\"")
                .contains("\"unknownAnswer\":\"UnknownSymbolException: unknown symbol 'NOPE'\"");
        assertThat(SCREENSHOT).isNotEmptyFile();
    }
}
