package dev.polyref.example.web;

import static dev.polyref.example.web.ContentPages.notFound;

import dev.polyref.PolyrefContext;
import dev.polyref.catalogue.ContentType;
import dev.polyref.catalogue.Model;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Django's {@code shortcut} view: {@code /r/{content_type_id}/{object_id}} redirects to the object's page. 404 for
 * an id that is not a number, an unknown or stale content type, or a missing object; a type without a page gets a
 * 404 that says so (Django: "objects don't have a get_absolute_url() method"). The page itself checks permissions.
 */
@Controller
class ShortcutController {

    private final PolyrefContext polyref;

    ShortcutController(PolyrefContext polyref) {
        this.polyref = polyref;
    }

    @GetMapping("/r/{contentTypeId}/{objectId}")
    String shortcut(@PathVariable String contentTypeId, @PathVariable String objectId) {
        int id;
        try {
            id = Integer.parseInt(contentTypeId);
        } catch (NumberFormatException e) {
            throw notFound("Content type " + contentTypeId + " object " + objectId + " doesn't exist");
        }
        ContentType type = polyref.contentTypes().find(id)
                .orElseThrow(() -> notFound("Content type " + id + " doesn't exist"));
        Model<?, ?> model = polyref.contentTypes().findModel(type)
                .orElseThrow(() -> notFound("Content type " + id + " object has no associated model"));
        if (!ContentPages.WITH_PAGES.contains(model)) {
            throw notFound(type.appLabel() + "." + type.model() + " objects don't have a page");
        }
        var record = ContentPages.fetch(polyref, type, model, objectId)
                .orElseThrow(() -> notFound("Content type " + id + " object " + objectId + " doesn't exist"));
        return "redirect:" + ContentPages.url(type, ContentPages.id(model, record));
    }
}
