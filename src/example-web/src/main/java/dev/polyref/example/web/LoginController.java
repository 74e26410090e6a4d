package dev.polyref.example.web;

import static dev.polyref.example.db.Tables.USERS;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import org.jooq.DSLContext;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The demo's sign-in: pick a user (no password; see {@link CurrentUsers}). */
@Controller
class LoginController {

    private final DSLContext dsl;

    LoginController(DSLContext dsl) {
        this.dsl = dsl;
    }

    @GetMapping("/login")
    String form(Model model) {
        model.addAttribute("users", dsl.select(USERS.USERNAME).from(USERS).orderBy(USERS.USERNAME).limit(50)
                .fetch(USERS.USERNAME));
        return "login";
    }

    @PostMapping("/login")
    String login(@RequestParam String username, HttpServletResponse response) {
        Cookie cookie = new Cookie(CurrentUsers.COOKIE, username);
        cookie.setPath("/");
        cookie.setHttpOnly(true);
        response.addCookie(cookie);
        return "redirect:/feed";
    }
}
