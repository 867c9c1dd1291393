package org.hotline12333.knowledge;

import org.hotline12333.web.PageTemplate;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The supervisors' knowledge page, behind the login form: drafts waiting for review shown beside the version in
 * force with what changed marked, approve or return them, write new versions and articles, see who read an article.
 * Its script and style sheet ({@code /knowledge/knowledge.js}, {@code knowledge.css}) are static files in the jar.
 */
@Controller
@PreAuthorize("hasRole('SUPERVISOR')")
class KnowledgePage {

    private final PageTemplate template = PageTemplate.load("/knowledge/knowledge.html");

    @GetMapping("/knowledge")
    ResponseEntity<String> page(CsrfToken csrf, Authentication user) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/html;charset=UTF-8"))
                .body(template.render(csrf, user));
    }
}
