package dev.polyref.example.web;

import dev.polyref.PolyrefContext;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The admin log: globally (Django's "Recent actions") and per object (its "History" page). */
@Controller
class LogController {

    private final AdminLog log;
    private final PolyrefContext polyref;

    LogController(AdminLog log, PolyrefContext polyref) {
        this.log = log;
        this.polyref = polyref;
    }

    @GetMapping("/log")
    String global(HttpServletRequest request, Model model) {
        CurrentUsers.require(request);
        model.addAttribute("title", "Admin log");
        model.addAttribute("entries", log.recent(100));
        return "log";
    }

    @GetMapping("/objects/{app}/{model}/{id}/history")
    String history(@PathVariable String app, @PathVariable("model") String modelName, @PathVariable String id,
            HttpServletRequest request, Model model) {
        CurrentUser user = CurrentUsers.require(request);
        ContentPages.PageObject object = ContentPages.load(polyref, app, modelName, id);
        Permissions.require(user, object.type(), "view");
        model.addAttribute("title", "History of " + object.type().model() + " " + object.repr());
        model.addAttribute("object", object);
        model.addAttribute("objectUrl", ContentPages.url(object.type(), object.id()));
        model.addAttribute("entries", log.of(object.type(), object.id()));
        return "log";
    }
}
