package io.learnloop.examples.storefront;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.sun.net.httpserver.HttpServer;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The storefront in a real headless Chromium: browse, buy, learn, quiz, certificate, review, a forged form post from
 * another origin, and every page again on a 390 px wide phone screen. Every step fails on a server error (5xx), a
 * browser console error (a content security policy violation is one) or a form that posts without the form token, and
 * leaves a screenshot under {@code target/storefront-browser} (named {@code FAILED-…} for the step that failed).
 */
class StorefrontBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SHOTS = Path.of("target", "storefront-browser");

    private static final String OPERATOR_PASSWORD = "operator-password-for-the-browser";
    private static Storefront shop;
    private static ChromeDriver browser;
    private static Path profile;
    private static HttpServer otherSite;
    /** The pages the walk went through, visited again on a narrow screen. */
    private static final Set<String> visited = new LinkedHashSet<>();

    @BeforeAll
    static void start() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs /usr/bin/chromium and /usr/bin/chromedriver (Debian packages chromium and chromium-driver)");
        shop = Storefront.start(0, null, Map.of(OperatorPassword.VARIABLE, OPERATOR_PASSWORD));
        profile = Files.createTempDirectory("storefront-chromium");
        Files.createDirectories(SHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,1000", "--user-data-dir=" + profile);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        // the driver named explicitly, so Selenium Manager never looks for (or downloads) one; the property rather
        // than ChromeDriverService.Builder, whose compile-time annotation is not on the class path
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        ChromeDriverService service = ChromeDriverService.createDefaultService();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (otherSite != null) {
            otherSite.stop(0);
        }
        if (shop != null) {
            shop.close();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void browseBuyLearnQuizCertificateReview_inChromium_worksWithoutErrors() {
        String base = shop.uri().toString();
        step("1-catalogue", () -> {
            browser.get(base + "/");
            assertThat(text("hit-count")).isEqualTo("5 courses");
            browser.findElement(By.id("search")).sendKeys("并发");
            press(By.id("search-submit"));
            assertThat(text("hit-count")).startsWith("1 course");
            visited.add(browser.getCurrentUrl());
        });
        step("2-sign-in", () -> {
            press(By.id("signin-link"));
            browser.findElement(By.id("learner-id")).sendKeys("wang");
            press(By.id("signin-submit"));
            assertThat(text("who")).contains("Signed in as wang");
            assertThat(browser.findElements(By.cssSelector("#recommendations .card"))).isNotEmpty();
            visited.add(base + "/signin");
        });
        step("3-course", () -> {
            browser.get(base + "/?q=java");
            press(By.cssSelector("#courses a.course-link"));
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Java 并发编程实战");
            assertThat(text("rating-summary")).contains("from 2 reviews");
            assertThat(browser.findElement(By.id("provider-stripe")).isEnabled()).isFalse();
            visited.add(browser.getCurrentUrl());
        });
        step("4-checkout", () -> {
            press(By.id("buy-button"));
            assertThat(text("total")).isEqualTo("CNY 199.00");
            screenshot("4-sandbox-payment-page");
            visited.add(browser.getCurrentUrl());
            press(By.id("pay-button"));
            assertThat(text("order-status")).isEqualTo("Paid");
            visited.add(browser.getCurrentUrl());
        });
        step("5-learn", () -> {
            press(By.id("start-learning"));
            visited.add(browser.getCurrentUrl());
            visited.add(base + "/learning");
            assertThat(text("lesson-1")).contains("yours: you bought this course").doesNotContain("PURCHASED");
            for (int lesson = 1; lesson <= 3; lesson++) {
                for (int press = 0; press < 3 && !lessonDone(lesson); press++) {
                    press(By.id("watch-" + lesson));
                    assertThat(text("notice")).contains("accepted");
                }
                assertThat(lessonDone(lesson)).as("lesson %d complete", lesson).isTrue();
            }
            // lesson 4 is an optional bonus: the course is complete without it
            assertThat(text("course-progress")).contains("75%");
            assertThat(text("course-complete")).isEqualTo("course complete");
            assertThat(lessonDone(4)).isFalse();
            new Select(browser.findElement(By.id("note-lesson"))).selectByIndex(1);
            browser.findElement(By.id("note-at")).clear();
            browser.findElement(By.id("note-at")).sendKeys("30");
            browser.findElement(By.id("note-text")).sendKeys("线程池要设置有界队列");
            press(By.id("note-submit"));
            assertThat(text("notes")).contains("[00:30]", "线程池要设置有界队列");
        });
        step("6-quiz", () -> {
            press(By.id("quiz-link"));
            visited.add(browser.getCurrentUrl());
            press(By.id("start-quiz"));
            visited.add(browser.getCurrentUrl());
            answerJavaQuizRightly();
        });
        step("7-certificate", () -> {
            press(By.id("back-to-course"));
            press(By.id("issue-certificate"));
            assertThat(text("cert-status")).isEqualTo("Valid");
            visited.add(browser.getCurrentUrl());
            press(By.id("verify-link"));
            visited.add(browser.getCurrentUrl());
            assertThat(text("verification")).startsWith("Valid");
            assertThat(text("verified-achievement")).contains("Java 并发编程实战");
        });
        step("8-review", () -> {
            browser.navigate().back();
            new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> !d.findElements(By.id("review-link")).isEmpty());
            press(By.id("review-link"));
            new Select(browser.findElement(By.id("review-rating"))).selectByValue("5");
            browser.findElement(By.id("review-title")).sendKeys("值得一学");
            browser.findElement(By.id("review-body")).sendKeys("Clear lessons, and the quiz checks the memory model.");
            press(By.id("review-submit"));
            assertThat(text("notice")).contains("your review is published");
            assertThat(text("rating-summary")).contains("from 3 reviews");
        });
        step("9-community", () -> {
            browser.get(base + "/community");
            visited.add(browser.getCurrentUrl());
            press(By.linkText("Java 并发编程实战"));
            visited.add(browser.getCurrentUrl());
            press(By.cssSelector("a.topic-link"));
            visited.add(browser.getCurrentUrl());
            browser.findElement(By.id("reply-text")).sendKeys("Thanks, the happens-before example helped.");
            press(By.id("reply-submit"));
            assertThat(text("posts")).contains("the happens-before example helped");
        });
        step("10-operator", () -> {
            browser.get(base + "/operator");
            visited.add(browser.getCurrentUrl());
            assertThat(text("ledger-sum")).isEqualTo("CNY 0.00");
            for (String chart : List.of("revenue-chart", "growth-chart")) {
                Object width = browser.executeScript("return arguments[0].naturalWidth", browser.findElement(By.id(chart)));
                assertThat(((Number) width).intValue()).as(chart + " loaded").isPositive();
            }
        });
        step("11-forged-post-from-another-origin", () -> {
            // a page on another origin (another port on this machine: same site, so the browser still sends the
            // session cookie) submits a form to the shop as soon as it loads
            browser.get(base + "/community");
            String lounge = browser.findElement(By.partialLinkText("Lounge")).getDomAttribute("href");
            String attack = otherSite("<form id=\"f\" method=\"post\" action=\"" + base + lounge + "/topics\">"
                    + "<input name=\"title\" value=\"Forged topic\"><input name=\"text\" value=\"posted by another site\">"
                    + "<input name=\"csrf\" value=\"guessed\"></form><script>document.getElementById('f').submit()</script>");
            browser.get(attack);
            new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> d.getCurrentUrl().startsWith(base)
                    && !d.findElements(By.id("problem")).isEmpty());
            assertThat(text("problem")).contains("cross-origin");
            // the refusal is a 403, which the browser reports on its console: expected here, and nothing else
            List<String> severe = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
            assertThat(severe).allMatch(m -> m.contains("403"));
            browser.get(base + lounge);
            assertThat(text("topics")).doesNotContain("Forged topic");
            assertThat(text("who")).contains("Signed in as wang");
        });
        step("12-phone-width", () -> {
            browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", PHONE_WIDTH, "height", 844, "deviceScaleFactor", 1, "mobile", false));
            try {
                for (String url : visited) {
                    browser.get(url);
                    Number client = (Number) browser.executeScript("return document.scrollingElement.clientWidth");
                    Number scroll = (Number) browser.executeScript("return document.scrollingElement.scrollWidth");
                    assertThat(client.intValue()).as("viewport of " + url).isLessThanOrEqualTo(PHONE_WIDTH);
                    assertThat(scroll.intValue()).as("page width of " + url + " on a phone").isLessThanOrEqualTo(client.intValue());
                    assertNoFormWithoutToken(url);
                }
                screenshot("12-phone-width-last-page");
            } finally {
                browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
            }
        });
        step("13-lms", () -> {
            // the operator registers the demo LMS (its values fill the form) and records two seats of the Java course
            browser.get(base + "/signin?next=/operator/lms");
            browser.findElement(By.id("learner-id")).sendKeys("operator");
            browser.findElement(By.id("operator-password")).sendKeys(OPERATOR_PASSWORD);
            press(By.id("signin-submit"));
            assertThat(text("who")).contains("Signed in as operator");
            press(By.id("register-submit"));
            assertThat(browser.findElements(By.cssSelector("#platforms tr.platform"))).hasSize(1);
            new Select(browser.findElement(By.id("licence-course"))).selectByVisibleText("Java 并发编程实战");
            browser.findElement(By.id("lms-seats")).clear();
            browser.findElement(By.id("lms-seats")).sendKeys("2");
            press(By.id("licence-submit"));
            assertThat(text("licences")).contains("0 of 2");
            // an LMS user launches the course: the LMS's login, the shop's redirect, the auto-posted id_token; the shop
            // lets it in only if Chromium sends back, on the LMS's cross-site post, the state cookie the shop set at the
            // login (SameSite=None; Secure, which loopback http may set)
            press(By.id("demo-lms-link"));
            browser.findElement(By.id("lms-user")).sendKeys("ana");
            press(By.id("lms-signin"));
            press(By.xpath("//tr[td[normalize-space()='Java 并发编程实战']]//button"));
            new WebDriverWait(browser, Duration.ofSeconds(30))
                    .until(d -> !d.findElements(By.id("launch-decision")).isEmpty());
            assertThat(text("launch-decision")).startsWith("Access allowed").contains("organisation seat");
            screenshot("13-lms-launched");
            String learner = text("launch-learner");
            press(By.id("open-course"));
            assertThat(text("who")).contains("Signed in as " + learner);
            press(By.id("quiz-link"));
            press(By.id("start-quiz"));
            answerJavaQuizRightly();
            // the score went back to the LMS's gradebook through its grade service
            browser.get(shop.demoLmsUri() + "/gradebook");
            assertThat(text("lms-gradebook")).contains("ana", "100.00 / 100.00", "FullyGraded");
        });
    }

    private static final int PHONE_WIDTH = 390;

    /** Answers the Java course's final quiz rightly on the attempt page and submits it. */
    private static void answerJavaQuizRightly() {
        for (WebElement question : browser.findElements(By.cssSelector(".question"))) {
            List<WebElement> text = question.findElements(By.cssSelector("input[type=text]"));
            if (!text.isEmpty()) {
                text.get(0).sendKeys("Executors");
                continue;
            }
            for (WebElement option : question.findElements(By.cssSelector("input[type=radio]"))) {
                String label = option.getDomAttribute("data-text");
                if ("volatile".equals(label) || "true".equalsIgnoreCase(label)) {
                    option.click();
                }
            }
        }
        press(By.id("submit-quiz"));
        assertThat(text("quiz-result")).contains("passed").doesNotContain("not passed");
    }

    /** Serves one HTML page from another origin (a second port on 127.0.0.1) and returns its address. */
    private static String otherSite(String body) {
        try {
            otherSite = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] page = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Another site</title></head><body>" + body
                + "</body></html>").getBytes(StandardCharsets.UTF_8);
        otherSite.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        });
        otherSite.start();
        return "http://127.0.0.1:" + otherSite.getAddress().getPort() + "/";
    }

    /** Every form that posts carries the session's form token. */
    private static void assertNoFormWithoutToken(String where) {
        Object missing = browser.executeScript("return Array.from(document.querySelectorAll('form'))"
                + ".filter(f => f.method.toLowerCase() === 'post' && !f.querySelector('input[name=csrf]'))"
                + ".map(f => f.getAttribute('action'))");
        assertThat((List<?>) missing).as("forms without the form token on " + where).isEmpty();
    }

    /** Clicks something that loads a new page and waits until the new page has loaded. */
    private static void press(By target) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
        for (int attempt = 1; ; attempt++) {
            WebElement page;
            try {
                page = browser.findElement(By.tagName("html"));
                browser.findElement(target).click();
            } catch (WebDriverException e) {
                // Chromium may still be swapping documents from the previous navigation: the click never happened,
                // so finding the element again is safe.
                if (attempt >= 3 || !isDetachedNode(e)) {
                    throw e;
                }
                wait.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
                continue;
            }
            wait.until(d -> isGone(page));
            wait.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
            return;
        }
    }

    /** Whether the old page's root is gone; Chromium reports a replaced document in either of two ways. */
    private static boolean isGone(WebElement page) {
        try {
            page.isEnabled();
            return false;
        } catch (WebDriverException e) {
            if (isDetachedNode(e)) {
                return true;
            }
            throw e;
        }
    }

    private static boolean isDetachedNode(WebDriverException e) {
        String message = String.valueOf(e.getMessage());
        return e instanceof StaleElementReferenceException || message.contains("does not belong to the document");
    }

    private static boolean lessonDone(int lesson) {
        return !browser.findElements(By.cssSelector("#lesson-" + lesson + " .lesson-done")).isEmpty();
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    /** Runs one step; then no server error and no console error may have happened. A screenshot either way. */
    private static void step(String name, Runnable action) {
        try {
            action.run();
            assertThat(shop.serverErrors()).as("HTTP 5xx responses").isZero();
            assertThat(browser.findElements(By.id("error"))).as("error page").isEmpty();
            assertNoFormWithoutToken(name);
            List<String> severe = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
            assertThat(severe).as("browser console errors").isEmpty();
            screenshot(name);
        } catch (RuntimeException | AssertionError e) {
            screenshot("FAILED-" + name);
            throw e;
        }
    }

    private static void screenshot(String name) {
        try {
            Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
