package org.hotline12333.supervision;

import java.security.Principal;
import org.hotline12333.web.PageTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The floor page, served by the service itself behind the login form: HTML from the jar with the session's CSRF
 * token in it; its script and style sheet ({@code /supervision/floor.js}, {@code floor.css}) are static files in the
 * jar. Nothing is fetched from anywhere else.
 */
@Controller
@PreAuthorize("hasRole('SUPERVISOR')")
class SupervisorPage {

    private final PageTemplate template = PageTemplate.load("/supervision/floor.html");

    @GetMapping(value = "/supervision", produces = "text/html;charset=UTF-8")
    @ResponseBody
    String floor(CsrfToken csrf, Principal user) {
        return template.render(csrf, user);
    }
}
