package org.hotline12333.supervision;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

/**
 * The floor page, served by the service itself behind the login form: HTML from the jar with the session's CSRF
 * token in it; its script and style sheet ({@code /supervision/floor.js}, {@code floor.css}) are static files in the
 * jar. Nothing is fetched from anywhere else.
 */
@Controller
@PreAuthorize("hasRole('SUPERVISOR')")
class SupervisorPage {

    private final String template;

    SupervisorPage() {
        try (InputStream html = SupervisorPage.class.getResourceAsStream("/supervision/floor.html")) {
            if (html == null) {
                throw new IllegalStateException("supervision/floor.html is missing from the jar");
            }
            template = new String(html.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GetMapping(value = "/supervision", produces = "text/html;charset=UTF-8")
    @ResponseBody
    String floor(CsrfToken csrf, Principal user) {
        return template.replace("{{user}}", HtmlUtils.htmlEscape(user.getName()))
                .replace("{{csrfHeader}}", HtmlUtils.htmlEscape(csrf.getHeaderName()))
                .replace("{{csrfToken}}", HtmlUtils.htmlEscape(csrf.getToken()));
    }
}
