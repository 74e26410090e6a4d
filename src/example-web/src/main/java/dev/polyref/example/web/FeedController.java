package dev.polyref.example.web;

import static dev.polyref.example.db.Tables.ACTIVITY;
import static dev.polyref.example.db.Tables.USERS;

import dev.polyref.PolyrefContext;
import dev.polyref.catalogue.ContentType;
import dev.polyref.example.db.GenericKeys;
import dev.polyref.example.db.tables.records.ActivityRecord;
import dev.polyref.example.db.tables.records.UsersRecord;
import dev.polyref.generic.Prefetched;
import jakarta.servlet.http.HttpServletRequest;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.Result;
import org.jooq.TableRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The activity feed, newest first, a page at a time: each item's actor and target loaded in batches, never one
 * statement per item (a page of 50 items over 5 content types takes 1 + 1 + 1 + 5 statements and the user's).
 */
@Controller
class FeedController {

    static final int PAGE_SIZE = 50;

    /** One line of the feed. */
    record Item(String actor, String action, String targetType, String target, @Nullable String targetUrl,
            OffsetDateTime time) {}

    private final PolyrefContext polyref;

    FeedController(PolyrefContext polyref) {
        this.polyref = polyref;
    }

    @GetMapping("/")
    String home() {
        return "redirect:/feed";
    }

    @GetMapping("/feed")
    String feed(@RequestParam(defaultValue = "1") int page, HttpServletRequest request, Model model) {
        CurrentUsers.require(request);
        int current = Math.max(page, 1);
        var dsl = polyref.dsl();
        int total = dsl.fetchCount(ACTIVITY);
        Result<ActivityRecord> activities = dsl.selectFrom(ACTIVITY)
                .orderBy(ACTIVITY.ID.desc())
                .limit(PAGE_SIZE).offset((current - 1) * PAGE_SIZE)
                .fetch();
        // The actors: one statement for the page (a plain foreign key)
        Map<Long, UsersRecord> actors = dsl.selectFrom(USERS)
                .where(USERS.ID.in(activities.getValues(ACTIVITY.USER_ID)))
                .fetchMap(USERS.ID);
        // The targets: one statement per content type on the page, through the generic key
        Prefetched targets = polyref.resolver().prefetch(GenericKeys.ACTIVITY_TARGET, activities);
        List<Item> items = new ArrayList<>();
        for (ActivityRecord activity : activities) {
            TableRecord<?> target = targets.find(activity).orElse(null);
            ContentType type = activity.getContentTypeId() == null ? null
                    : polyref.contentTypes().get(activity.getContentTypeId());
            UsersRecord actor = actors.get(activity.getUserId());
            items.add(new Item(actor == null ? "?" : actor.getUsername(), activity.getAction(),
                    type == null ? "" : type.model(), ContentPages.repr(target),
                    type == null || target == null ? null : ContentPages.shortcut(type, activity.getObjectId()),
                    activity.getCreatedAt()));
        }
        int pages = Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        model.addAttribute("items", items);
        model.addAttribute("page", current);
        model.addAttribute("pages", pages);
        model.addAttribute("total", total);
        return "feed";
    }
}
