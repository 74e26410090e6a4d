package dev.polyref.example.web;

import dev.polyref.PolyrefContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Field;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An object's page, for any content type with a page: its fields, and its tags (and a document's comments) edited
 * inline, several rows in one submit (Django's generic inline formset). Needs the view permission on the object's
 * content type; saving needs change on it and add/change/delete on the children's type.
 */
@Controller
class ObjectController {

    private final PolyrefContext polyref;
    private final InlineEdits edits;

    ObjectController(PolyrefContext polyref, InlineEdits edits) {
        this.polyref = polyref;
        this.edits = edits;
    }

    @GetMapping("/objects/{app}/{model}/{id}")
    String page(@PathVariable String app, @PathVariable("model") String modelName, @PathVariable String id,
            HttpServletRequest request, Model model) {
        CurrentUser user = CurrentUsers.require(request);
        ContentPages.PageObject object = ContentPages.load(polyref, app, modelName, id);
        Permissions.require(user, object.type(), "view");
        Map<Inline, List<InlineRow>> inlines = new LinkedHashMap<>();
        for (Inline inline : Inline.values()) {
            if (inline.relation(object.model()).isPresent()) {
                inlines.put(inline, withExtras(edits.rows(object, inline)));
            }
        }
        return render(object, inlines, model);
    }

    @PostMapping("/objects/{app}/{model}/{id}/{inline}")
    String save(@PathVariable String app, @PathVariable("model") String modelName, @PathVariable String id,
            @PathVariable("inline") String prefix, @RequestParam Map<String, String> form,
            HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
        CurrentUser user = CurrentUsers.require(request);
        ContentPages.PageObject object = ContentPages.load(polyref, app, modelName, id);
        Inline inline = Inline.byPrefix(prefix).filter(i -> i.relation(object.model()).isPresent())
                .orElseThrow(() -> ContentPages.notFound(object.type().model() + " objects have no " + prefix));
        Permissions.require(user, object.type(), "change");
        InlineEdits.Outcome outcome = edits.save(user, object, inline, parse(inline, form));
        if (!outcome.saved()) {
            // Nothing was written: show the submitted rows with their errors, the other inlines as they are
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            Map<Inline, List<InlineRow>> inlines = new LinkedHashMap<>();
            for (Inline other : Inline.values()) {
                if (other == inline) {
                    inlines.put(other, outcome.rows());
                } else if (other.relation(object.model()).isPresent()) {
                    inlines.put(other, withExtras(edits.rows(object, other)));
                }
            }
            model.addAttribute("error", "Please correct the errors below: nothing was saved.");
            return render(object, inlines, model);
        }
        redirect.addFlashAttribute("message", outcome.message());
        return "redirect:" + ContentPages.url(object.type(), object.id());
    }

    private String render(ContentPages.PageObject object, Map<Inline, List<InlineRow>> inlines, Model model) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Field<?> field : object.record().fields()) {
            fields.put(field.getName(), object.record().get(field));
        }
        model.addAttribute("object", object);
        model.addAttribute("repr", object.repr());
        model.addAttribute("fields", fields);
        model.addAttribute("inlines", inlines);
        model.addAttribute("url", ContentPages.url(object.type(), object.id()));
        model.addAttribute("shortcut", ContentPages.shortcut(object.type(), object.id()));
        return "object";
    }

    private static List<InlineRow> withExtras(List<InlineRow> rows) {
        List<InlineRow> all = new ArrayList<>(rows);
        for (int i = 0; i < Inline.EXTRA; i++) {
            all.add(new InlineRow("", "", false, null));
        }
        return all;
    }

    /** Rows named like Django's formsets: {@code tags-0-id}, {@code tags-0-value}, {@code tags-0-delete}. */
    static List<InlineRow> parse(Inline inline, Map<String, String> form) {
        List<InlineRow> rows = new ArrayList<>();
        for (int i = 0; form.containsKey(inline.prefix + "-" + i + "-value"); i++) {
            String p = inline.prefix + "-" + i + "-";
            rows.add(new InlineRow(form.getOrDefault(p + "id", "").strip(), form.get(p + "value"),
                    form.containsKey(p + "delete"), null));
        }
        return rows;
    }
}
