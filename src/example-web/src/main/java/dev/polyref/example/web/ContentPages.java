package dev.polyref.example.web;

import dev.polyref.PolyrefContext;
import dev.polyref.catalogue.ContentType;
import dev.polyref.catalogue.Model;
import dev.polyref.catalogue.NaturalKey;
import dev.polyref.example.db.Models;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.TableField;
import org.jooq.TableRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Which content types have an object page, their URLs (Django's {@code get_absolute_url}) and text form (its
 * {@code __str__}). Activities, tagged items and comments have no page of their own: they are shown on their
 * targets' pages.
 */
final class ContentPages {

    static final Set<Model<?, ?>> WITH_PAGES = Set.of(Models.USERS, Models.VIDEO, Models.SONG, Models.POST,
            Models.BOOKMARK, Models.DOCUMENT, Models.PAGE);

    private ContentPages() {}

    /** @return the object page's URL */
    static String url(ContentType type, Object id) {
        return "/objects/" + type.appLabel() + "/" + type.model() + "/" + id;
    }

    /** @return the shortcut URL of a row: /r/{content_type_id}/{object_id} */
    static String shortcut(ContentType type, Object id) {
        return "/r/" + type.id() + "/" + id;
    }

    /** @return the primary key's value of a record of {@code model} */
    static Object id(Model<?, ?> model, TableRecord<?> record) {
        return record.get(model.primaryKey());
    }

    /** Django's {@code str(obj)}: the title, name or URL a person recognises. */
    static String repr(@Nullable TableRecord<?> record) {
        if (record == null) {
            return "(deleted)";
        }
        for (String name : new String[] {"title", "username", "url", "tag", "body"}) {
            Field<?> field = record.field(name);
            if (field != null && record.get(field) != null) {
                return String.valueOf(record.get(field));
            }
        }
        return record.getTable().getName() + " " + record.get(0);
    }

    /** @return the object id in its key's Java type, or empty when it cannot be one (Django's ValueError) */
    static Optional<Object> parseId(Model<?, ?> model, String id) {
        Class<?> type = model.keyType();
        try {
            if (type == Long.class) {
                return Optional.of(Long.valueOf(id));
            }
            if (type == Integer.class) {
                return Optional.of(Integer.valueOf(id));
            }
            if (type == UUID.class) {
                return Optional.of(UUID.fromString(id));
            }
            return Optional.of(id);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The object of a page: 404 for an unknown content type, a type without a page, or a missing object.
     *
     * @return the content type, its model and the row
     */
    static PageObject load(PolyrefContext polyref, String appLabel, String modelName, String id) {
        ContentType type = polyref.contentTypes().find(NaturalKey.of(appLabel, modelName))
                .orElseThrow(() -> notFound("No content type " + appLabel + "." + modelName));
        Model<?, ?> model = polyref.contentTypes().findModel(type)
                .orElseThrow(() -> notFound("Content type " + type.id() + " object has no associated model"));
        if (!WITH_PAGES.contains(model)) {
            throw notFound(appLabel + "." + modelName + " objects don't have a page");
        }
        return new PageObject(type, model, fetch(polyref, type, model, id).orElseThrow(() -> notFound(
                "Content type " + type.id() + " object " + id + " doesn't exist")));
    }

    @SuppressWarnings("unchecked")
    static Optional<? extends TableRecord<?>> fetch(PolyrefContext polyref, ContentType type, Model<?, ?> model,
            String id) {
        Optional<Object> key = parseId(model, id);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        TableField<?, Object> pk = (TableField<?, Object>) model.primaryKey();
        return polyref.contentTypes().fetchOptional(type, pk.eq(key.get()));
    }

    static ResponseStatusException notFound(String message) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, message);
    }

    /** An object page's subject. */
    record PageObject(ContentType type, Model<?, ?> model, TableRecord<?> record) {
        String id() {
            return String.valueOf(ContentPages.id(model, record));
        }

        String repr() {
            return ContentPages.repr(record);
        }
    }
}
