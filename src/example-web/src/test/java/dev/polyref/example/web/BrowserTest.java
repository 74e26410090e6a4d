package dev.polyref.example.web;

import static dev.polyref.example.db.Tables.TAGGED_ITEM;
import static dev.polyref.example.db.Tables.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polyref.Polyref;
import dev.polyref.example.db.Models;
import dev.polyref.spring.test.PolyrefSpringBootTest;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import java.io.File;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The web application in a real browser: Debian's Chromium driven by its chromedriver through Selenium WebDriver,
 * headless, against the application on a random port and the test kit's database. Without the browser (paths
 * from -Dpolyref.web.chromium and -Dpolyref.web.chromedriver, Debian's by default) every test is skipped with the
 * reason printed. The steps run in order, as one person's session.
 */
@PolyrefTest(locations = {"classpath:dev/polyref/example/migrations", "classpath:db/web"}, schemas = "example")
@PolyrefSpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserTest {

    private static WebDriver browser;
    private static long started;

    @LocalServerPort
    int port;

    @BeforeAll
    static void browser(TestDatabase db) {
        File chromium = new File(System.getProperty("polyref.web.chromium", "/usr/bin/chromium"));
        File driver = new File(System.getProperty("polyref.web.chromedriver", "/usr/bin/chromedriver"));
        String missing = !chromium.canExecute() ? chromium.getPath() : !driver.canExecute() ? driver.getPath() : null;
        if (missing != null) {
            String reason = "BrowserTest skipped: no " + missing + " (apt-get install chromium chromium-driver, as "
                    + ".ci/run does, or set -Dpolyref.web.chromium and -Dpolyref.web.chromedriver)";
            System.out.println("[skipped] " + reason);
            Assumptions.abort(reason);
        }
        started = System.nanoTime();
        DemoData.load(db.dsl(), Polyref.configure().models(Models.ALL).load());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1024");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver)
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.quit();
            System.out.printf("[polyref-web] browser tests: %d ms with Chromium (application start included)%n",
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private void signIn(String user) {
        browser.get(url("/login"));
        new Select(browser.findElement(By.id("username"))).selectByValue(user);
        browser.findElement(By.id("login")).click();
        // The click returns before the redirect to the feed may have landed: a navigation started now could race
        // the login and arrive without the session (seen once in CI as a login page where a 403 was expected)
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(page -> page.getCurrentUrl().endsWith("/feed")
                && page.findElement(By.id("signed-in")).getText().contains(user));
    }

    private WebElement row(String prefix, int index) {
        return browser.findElement(By.id(prefix + "-row-" + index));
    }

    @Test
    @Order(1)
    void opensTheFeed() {
        signIn("alice");
        assertThat(browser.getCurrentUrl()).endsWith("/feed");
        assertThat(browser.findElement(By.id("signed-in")).getText()).contains("alice");
        assertThat(browser.findElements(By.cssSelector("#feed tr.item"))).hasSize(50);
        // The first page after start-up also loads the catalogue into Polyref's cache (one statement)
        assertThat(browser.findElement(By.id("statement-count")).getText()).isIn("9", "10");
        browser.findElement(By.id("next")).click();
        assertThat(browser.findElement(By.id("page")).getText()).isEqualTo("2");
        assertThat(browser.findElements(By.cssSelector("#feed tr.item"))).hasSize(50);
        assertThat(browser.findElement(By.id("statement-count")).getText()).isEqualTo("9");
    }

    @Test
    @Order(2)
    void followsAShortcut() {
        browser.get(url("/feed"));
        WebElement video = browser.findElements(By.cssSelector("#feed tr.item")).stream()
                .filter(tr -> tr.getText().endsWith("video")).findFirst().orElseThrow()
                .findElement(By.cssSelector("a.target"));
        String title = video.getText();
        assertThat(video.getAttribute("href")).matches(".*/r/\\d+/\\d+");
        video.click();
        assertThat(browser.getCurrentUrl()).matches(".*/objects/example/video/\\d+");
        assertThat(browser.findElement(By.id("repr")).getText()).isEqualTo(title);
    }

    @Test
    @Order(3)
    void editsTagsInlineWithAnInvalidRowThenFixesIt(TestDatabase db) {
        long id = db.dsl().select(VIDEO.ID).from(VIDEO).where(VIDEO.TITLE.eq("Video 1")).fetchSingle().value1();
        browser.get(url("/objects/example/video/" + id));
        // Rows 0 and 1 are cats and space; 2 to 4 are empty
        assertThat(row("tags", 0).findElement(By.cssSelector("input[type=text]")).getAttribute("value"))
                .isEqualTo("cats");
        row("tags", 1).findElement(By.cssSelector("input[type=checkbox]")).click();
        row("tags", 2).findElement(By.cssSelector("input[type=text]")).sendKeys("good-one");
        row("tags", 3).findElement(By.cssSelector("input[type=text]")).sendKeys("Not A Tag");
        browser.findElement(By.id("tags-save")).click();

        assertThat(browser.findElement(By.id("form-error")).getText()).contains("nothing was saved");
        assertThat(row("tags", 3).findElement(By.cssSelector("td.error")).getText())
                .startsWith("\"Not A Tag\" is not a tag");
        assertThat(row("tags", 2).findElement(By.cssSelector("td.error")).getText()).isEmpty();
        assertThat(tags(db, id)).containsExactly("cats", "space");

        // The submitted rows are shown as submitted: fix the invalid one and save again
        WebElement bad = row("tags", 3).findElement(By.cssSelector("input[type=text]"));
        bad.clear();
        bad.sendKeys("fixed");
        browser.findElement(By.id("tags-save")).click();
        assertThat(browser.findElement(By.id("message")).getText())
                .isEqualTo("Deleted tag \"space\". Added tag \"good-one\". Added tag \"fixed\".");
        assertThat(tags(db, id)).containsExactly("cats", "fixed", "good-one");
    }

    @Test
    @Order(4)
    void checksTheAdminLog() {
        browser.get(url("/log"));
        List<WebElement> entries = browser.findElements(By.cssSelector("#log tr.entry"));
        assertThat(entries).isNotEmpty();
        assertThat(entries.get(0).getText()).contains("alice", "example.video", "Video 1", "CHANGE",
                "Added tag \"fixed\".");
        // The entry links back through the shortcut, to the object's page and its history
        entries.get(0).findElement(By.linkText("Video 1")).click();
        browser.findElement(By.id("history")).click();
        assertThat(browser.findElement(By.cssSelector("#log tr.entry")).getText()).contains("Added tag \"good-one\".");
    }

    @Test
    @Order(5)
    void isRefusedAPageWithoutPermission(TestDatabase db) {
        long id = db.dsl().select(VIDEO.ID).from(VIDEO).where(VIDEO.TITLE.eq("Video 2")).fetchSingle().value1();
        signIn("dave");
        browser.get(url("/objects/example/video/" + id));
        assertThat(browser.findElement(By.id("status")).getText()).startsWith("403");
        assertThat(browser.findElement(By.id("reason")).getText())
                .isEqualTo("dave may not view example.video objects (permission view_video not granted)");
    }

    private static List<String> tags(TestDatabase db, long video) {
        return db.dsl().select(TAGGED_ITEM.TAG).from(TAGGED_ITEM)
                .where(TAGGED_ITEM.OBJECT_ID.eq(Long.toString(video)))
                .and("content_type_id = (select id from polyref.content_type where model = 'video')")
                .orderBy(TAGGED_ITEM.TAG).fetch(TAGGED_ITEM.TAG);
    }
}
