package dev.polyref.example.web;

import static dev.polyref.example.db.Tables.COMMENT;
import static dev.polyref.example.db.Tables.DOCUMENT;
import static dev.polyref.example.db.Tables.TAGGED_ITEM;
import static dev.polyref.example.db.Tables.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.polyref.Polyref;
import dev.polyref.catalogue.ContentType;
import dev.polyref.catalogue.NaturalKey;
import dev.polyref.example.db.Models;
import dev.polyref.spring.test.PolyrefSpringBootTest;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import jakarta.servlet.http.Cookie;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Every rule of the web application, on the server, without a browser: on the test kit's migrated database. */
@PolyrefTest(locations = {"classpath:dev/polyref/example/migrations", "classpath:db/web"}, schemas = "example")
@PolyrefSpringBootTest
@AutoConfigureMockMvc
class WebRulesTest {

    private static final Pattern STATEMENTS = Pattern.compile("id=\"statement-count\">(\\d+)<");

    @Autowired
    MockMvc mvc;
    @Autowired
    Polyref polyref;

    @BeforeAll
    static void demoData(TestDatabase db) {
        DemoData.load(db.dsl(), Polyref.configure().models(Models.ALL).load());
    }

    private static MockHttpServletRequestBuilder as(String user, MockHttpServletRequestBuilder request) {
        return request.cookie(new Cookie(CurrentUsers.COOKIE, user));
    }

    private ContentType type(DSLContext dsl, String model) {
        return polyref.using(dsl).contentTypes().get(NaturalKey.of("example", model));
    }

    private static long video(TestDatabase db, String title) {
        return db.dsl().select(VIDEO.ID).from(VIDEO).where(VIDEO.TITLE.eq(title)).fetchSingle().value1();
    }

    private static List<String> tags(TestDatabase db, long video) {
        return db.dsl().select(TAGGED_ITEM.TAG).from(TAGGED_ITEM)
                .where(TAGGED_ITEM.CONTENT_TYPE_ID.eq(db.dsl().select(org.jooq.impl.DSL.field("id", Integer.class))
                        .from("polyref.content_type").where("app_label = 'example' and model = 'video'")))
                .and(TAGGED_ITEM.OBJECT_ID.eq(Long.toString(video)))
                .orderBy(TAGGED_ITEM.TAG).fetch(TAGGED_ITEM.TAG);
    }

    private static int logEntries(TestDatabase db) {
        return db.dsl().fetchCount(WebTables.LOG_ENTRY);
    }

    private static int statements(MvcResult result) throws Exception {
        Matcher m = STATEMENTS.matcher(result.getResponse().getContentAsString());
        assertThat(m.find()).as("the footer's statement count").isTrue();
        return Integer.parseInt(m.group(1));
    }

    // Feed

    @Test
    void theFeedNeedsASignedInUser() throws Exception {
        mvc.perform(get("/feed")).andExpect(status().isForbidden());
        mvc.perform(as("nobody", get("/feed"))).andExpect(status().isForbidden());
    }

    @Test
    void aFeedPageOf50ItemsOver5ContentTypesTakes9Statements() throws Exception {
        mvc.perform(as("bob", get("/feed"))).andExpect(status().isOk()); // warm the catalogue cache
        MvcResult page = mvc.perform(as("bob", get("/feed?page=1"))).andExpect(status().isOk()).andReturn();
        String html = page.getResponse().getContentAsString();
        assertThat(html.split("class=\"item\"", -1)).hasSize(51);
        for (String type : List.of(">users<", ">video<", ">song<", ">post<", ">bookmark<")) {
            assertThat(html).contains(type);
        }
        // 1 user and permissions, 1 count, 1 page of activities, 1 for the actors, 5 for the targets (one per type)
        assertThat(statements(page)).isEqualTo(9);
        MvcResult last = mvc.perform(as("bob", get("/feed?page=3"))).andExpect(status().isOk()).andReturn();
        assertThat(last.getResponse().getContentAsString().split("class=\"item\"", -1)).hasSize(21);
        assertThat(statements(last)).isEqualTo(9);
    }

    // Shortcut

    @Test
    void theShortcutRedirectsToTheObjectsPage(TestDatabase db) throws Exception {
        ContentType video = type(db.dsl(), "video");
        long id = video(db, "Video 3");
        mvc.perform(get("/r/" + video.id() + "/" + id))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/objects/example/video/" + id));
        long document = 0;
        String uuid = db.dsl().select(DOCUMENT.ID).from(DOCUMENT).where(DOCUMENT.TITLE.eq("The manual"))
                .fetchSingle().value1().toString();
        mvc.perform(get("/r/" + type(db.dsl(), "document").id() + "/" + uuid))
                .andExpect(redirectedUrl("/objects/example/document/" + uuid));
        assertThat(document).isZero();
    }

    @Test
    void theShortcutAnswers404WithTheReason(TestDatabase db) throws Exception {
        ContentType video = type(db.dsl(), "video");
        expect404(get("/r/999999/1"), "Content type 999999 doesn't exist");
        expect404(get("/r/spam/1"), "Content type spam object 1 doesn't exist");
        expect404(get("/r/" + video.id() + "/424242"), "Content type " + video.id() + " object 424242 doesn't exist");
        expect404(get("/r/" + video.id() + "/not-a-number"), "object not-a-number doesn't exist");
        expect404(get("/r/" + type(db.dsl(), "document").id() + "/not-a-uuid"), "object not-a-uuid doesn't exist");
        // A type without a page: a clear error, whether or not the object exists
        long tag = db.dsl().select(TAGGED_ITEM.ID).from(TAGGED_ITEM).limit(1).fetchSingle().value1();
        expect404(get("/r/" + type(db.dsl(), "tagged_item").id() + "/" + tag),
                "example.tagged_item objects don't have a page");
    }

    private void expect404(MockHttpServletRequestBuilder request, String reason) throws Exception {
        MvcResult result = mvc.perform(request).andExpect(status().isNotFound()).andReturn();
        assertThat(result.getResponse().getErrorMessage()).contains(reason);
    }

    // Permissions

    @Test
    void pagesNeedTheViewPermissionOfTheirContentType(TestDatabase db) throws Exception {
        long id = video(db, "Video 2");
        mvc.perform(as("dave", get("/objects/example/video/" + id))).andExpect(status().isForbidden());
        mvc.perform(get("/objects/example/video/" + id)).andExpect(status().isForbidden());
        mvc.perform(as("bob", get("/objects/example/video/" + id))).andExpect(status().isOk());
        mvc.perform(as("carol", get("/objects/example/video/" + id))).andExpect(status().isOk());
        long song = db.dsl().fetchSingle("select min(id) from example.song").get(0, Long.class);
        mvc.perform(as("carol", get("/objects/example/song/" + song))).andExpect(status().isForbidden());
        MvcResult refused = mvc.perform(as("dave", get("/objects/example/video/" + id))).andReturn();
        assertThat(refused.getResponse().getErrorMessage())
                .isEqualTo("dave may not view example.video objects (permission view_video not granted)");
        mvc.perform(as("dave", get("/objects/example/video/" + id + "/history"))).andExpect(status().isForbidden());
    }

    @Test
    void writesNeedChangeOnTheObjectAndTheChildPermissions(TestDatabase db) throws Exception {
        long id = video(db, "Video 4");
        int log = logEntries(db);
        // bob may view only: refused, nothing written
        mvc.perform(as("bob", post("/objects/example/video/" + id + "/tags")
                .param("tags-0-id", "").param("tags-0-value", "bobs"))).andExpect(status().isForbidden());
        // carol may change videos and add tags
        mvc.perform(as("carol", post("/objects/example/video/" + id + "/tags")
                .param("tags-0-id", "").param("tags-0-value", "carols"))).andExpect(status().isFound());
        assertThat(tags(db, id)).containsExactly("carols");
        // carol may not change posts
        long postId = db.dsl().fetchSingle("select min(id) from example.post").get(0, Long.class);
        mvc.perform(as("carol", post("/objects/example/post/" + postId + "/tags")
                .param("tags-0-id", "").param("tags-0-value", "x"))).andExpect(status().isForbidden());
        assertThat(logEntries(db)).isEqualTo(log + 1);
    }

    @Test
    void writesNeedThePermissionOfEachKindOfChildChange(TestDatabase db) throws Exception {
        long id = video(db, "Video 5");
        ContentType tagType = type(db.dsl(), "tagged_item");
        db.dsl().execute("insert into example.users (username) values ('frank')");
        Permissions.grant(db.dsl(), "frank", type(db.dsl(), "video"), "view", "change");
        Permissions.grant(db.dsl(), "frank", tagType, "add");
        mvc.perform(as("frank", post("/objects/example/video/" + id + "/tags")
                .param("tags-0-id", "").param("tags-0-value", "first"))).andExpect(status().isFound());
        String tagId = db.dsl().fetchSingle("select id::text from example.tagged_item where tag = 'first'").get(0, String.class);
        // no delete permission on tagged items: refused, and the add in the same submit is not written either
        mvc.perform(as("frank", post("/objects/example/video/" + id + "/tags")
                .param("tags-0-id", tagId).param("tags-0-value", "first").param("tags-0-delete", "on")
                .param("tags-1-id", "").param("tags-1-value", "second"))).andExpect(status().isForbidden());
        assertThat(tags(db, id)).containsExactly("first");
    }

    // Inline edit and the admin log

    @Test
    void anInvalidRowWritesNothingAndIsShownWithItsError(TestDatabase db) throws Exception {
        long id = video(db, "Video 1");
        assertThat(tags(db, id)).containsExactly("cats", "space");
        List<String> ids = db.dsl().fetch("select id::text from example.tagged_item where object_id = '" + id
                + "' order by tag").getValues(0, String.class);
        int log = logEntries(db);
        MvcResult invalid = mvc.perform(as("alice", post("/objects/example/video/" + id + "/tags")
                        .param("tags-0-id", ids.get(0)).param("tags-0-value", "kittens")
                        .param("tags-1-id", ids.get(1)).param("tags-1-value", "space").param("tags-1-delete", "on")
                        .param("tags-2-id", "").param("tags-2-value", "new-one")
                        .param("tags-3-id", "").param("tags-3-value", "Bad Tag!")
                        .param("tags-4-id", "").param("tags-4-value", "")))
                .andExpect(status().isUnprocessableEntity()).andReturn();
        String html = invalid.getResponse().getContentAsString();
        assertThat(html).contains("nothing was saved")
                .contains("<td class=\"error\">&quot;Bad Tag!&quot; is not a tag: lowercase letters, digits and "
                        + "hyphens, at most 30</td>");
        assertThat(html.split("is not a tag", -1)).hasSize(2); // one row in error, the others not
        assertThat(tags(db, id)).containsExactly("cats", "space");
        assertThat(logEntries(db)).isEqualTo(log);

        mvc.perform(as("alice", post("/objects/example/video/" + id + "/tags")
                        .param("tags-0-id", ids.get(0)).param("tags-0-value", "kittens")
                        .param("tags-1-id", ids.get(1)).param("tags-1-value", "space").param("tags-1-delete", "on")
                        .param("tags-2-id", "").param("tags-2-value", "new-one")
                        .param("tags-3-id", "").param("tags-3-value", "fixed")
                        .param("tags-4-id", "").param("tags-4-value", "")))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/objects/example/video/" + id));
        assertThat(tags(db, id)).containsExactly("fixed", "kittens", "new-one");
        assertThat(logEntries(db)).isEqualTo(log + 1);
        var entry = db.dsl().select(WebTables.LOG_CONTENT_TYPE_ID, WebTables.LOG_OBJECT_ID, WebTables.LOG_OBJECT_REPR,
                        WebTables.LOG_ACTION_FLAG, WebTables.LOG_CHANGE_MESSAGE)
                .from(WebTables.LOG_ENTRY).orderBy(WebTables.LOG_ID.desc()).limit(1).fetchSingle();
        assertThat(entry.value1()).isEqualTo(type(db.dsl(), "video").id());
        assertThat(entry.value2()).isEqualTo(Long.toString(id));
        assertThat(entry.value3()).isEqualTo("Video 1");
        assertThat(entry.value4()).isEqualTo((short) 2);
        assertThat(entry.value5()).isEqualTo("Changed tag \"cats\" to \"kittens\". Deleted tag \"space\". "
                + "Added tag \"new-one\". Added tag \"fixed\".");

        // Listed globally and on the object's history, not on another object's
        String global = mvc.perform(as("bob", get("/log"))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(global).contains("Added tag &quot;fixed&quot;.").contains("example.video");
        String history = mvc.perform(as("bob", get("/objects/example/video/" + id + "/history")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(history).contains("Added tag &quot;fixed&quot;.");
        String other = mvc.perform(as("bob", get("/objects/example/video/" + video(db, "Video 9") + "/history")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(other).doesNotContain("Added tag &quot;fixed&quot;.").contains("No entries yet.");
    }

    @Test
    void duplicateAndForeignRowsAreRowErrors(TestDatabase db) throws Exception {
        long id = video(db, "Video 6");
        long foreign = db.dsl().select(TAGGED_ITEM.ID).from(TAGGED_ITEM).where(TAGGED_ITEM.TAG.eq("sql"))
                .fetchSingle().value1();
        String html = mvc.perform(as("alice", post("/objects/example/video/" + id + "/tags")
                        .param("tags-0-id", "").param("tags-0-value", "same")
                        .param("tags-1-id", "").param("tags-1-value", "same")
                        .param("tags-2-id", Long.toString(foreign)).param("tags-2-value", "stolen")))
                .andExpect(status().isUnprocessableEntity()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("<td class=\"error\">Duplicate tag &quot;same&quot;</td>")
                .contains("<td class=\"error\">Not a tag of this object (deleted meanwhile?)</td>");
        assertThat(tags(db, id)).isEmpty();
        assertThat(db.dsl().fetchSingle("select tag from example.tagged_item where id = " + foreign).get(0))
                .isEqualTo("sql");
    }

    @Test
    void aDocumentsCommentsAreEditedInlineToo(TestDatabase db) throws Exception {
        String uuid = db.dsl().select(DOCUMENT.ID).from(DOCUMENT).where(DOCUMENT.TITLE.eq("Release notes"))
                .fetchSingle().value1().toString();
        mvc.perform(as("alice", post("/objects/example/document/" + uuid + "/comments")
                .param("comments-0-id", "").param("comments-0-value", "")
                .param("comments-1-id", "").param("comments-1-value", "Good news")))
                .andExpect(status().isFound());
        assertThat(db.dsl().fetch(COMMENT, COMMENT.SUBJECT_ID.eq(java.util.UUID.fromString(uuid))))
                .extracting(r -> r.getBody()).containsExactly("Good news");
        // Videos have no comments (the generic key allows documents only)
        mvc.perform(as("alice", post("/objects/example/video/" + video(db, "Video 7") + "/comments")
                .param("comments-0-id", "").param("comments-0-value", "x"))).andExpect(status().isNotFound());
    }
}
