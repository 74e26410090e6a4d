package dev.polyref.example.web;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The example web application: the example schema's activity feed, object pages with their tags and comments
 * edited inline, Django's shortcut view, admin log and per-content-type permissions, on Polyref's Spring Boot
 * starter. {@link WebMain} starts it on an embedded PostgreSQL with the demo data.
 */
@SpringBootApplication
public class WebApplication {
}
