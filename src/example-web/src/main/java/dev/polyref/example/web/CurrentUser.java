package dev.polyref.example.web;

import dev.polyref.catalogue.ContentType;
import java.util.Set;

/**
 * The signed-in user and the permissions granted to them, loaded once per request by {@link CurrentUsers}.
 *
 * @param id          example.users.id
 * @param username    the user's name
 * @param permissions granted permissions as {@code contentTypeId:codename}, e.g. {@code 3:view}
 */
record CurrentUser(long id, String username, Set<String> permissions) {

    CurrentUser {
        permissions = Set.copyOf(permissions);
    }

    /** @return whether the user holds {@code codename} (view, add, change, delete) on that content type */
    boolean has(ContentType type, String codename) {
        return permissions.contains(type.id() + ":" + codename);
    }
}
