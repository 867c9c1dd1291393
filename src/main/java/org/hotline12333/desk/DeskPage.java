package org.hotline12333.desk;

import org.hotline12333.web.PageTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.HtmlUtils;

/**
 * The agent's desk page, behind the login form: HTML from the jar with the session's CSRF token; its script and style
 * sheet ({@code /desk/desk.js}, {@code desk.css}) are static files in the jar. {@code /desk/calls/{callId}} opens the
 * page on one of the agent's calls; another agent's call is refused with a page that says why.
 */
@Controller
@PreAuthorize("hasRole('AGENT')")
class DeskPage {

    private static final MediaType HTML = MediaType.parseMediaType("text/html;charset=UTF-8");
    private final PageTemplate template = PageTemplate.load("/desk/desk.html");
    private final CallAccess access;

    DeskPage(CallAccess access) {
        this.access = access;
    }

    @GetMapping("/desk")
    ResponseEntity<String> desk(CsrfToken csrf, Authentication user) {
        return ResponseEntity.ok().contentType(HTML).body(template.render(csrf, user));
    }

    @GetMapping("/desk/calls/{callId}")
    ResponseEntity<String> call(@PathVariable String callId, CsrfToken csrf, Authentication user) {
        try {
            access.open(access.viewer(user), callId);
        } catch (ResponseStatusException refused) {
            return ResponseEntity.status(refused.getStatusCode()).contentType(HTML).body(refusal(refused));
        }
        return desk(csrf, user);
    }

    private static String refusal(ResponseStatusException refused) {
        String reason = HtmlUtils.htmlEscape(String.valueOf(refused.getReason()));
        boolean forbidden = refused.getStatusCode().value() == HttpStatus.FORBIDDEN.value();
        return "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"UTF-8\"><title>"
                + (forbidden ? "不能打开 · Not yours" : "找不到 · Not found") + "</title>"
                + "<link rel=\"stylesheet\" href=\"/desk/desk.css\"></head><body class=\"refused\"><main>"
                + "<h1>" + (forbidden ? "不能打开这通电话 <small>you cannot open this call</small>"
                : "找不到这通电话 <small>no such call</small>") + "</h1>"
                + "<p id=\"reason\">" + reason + "</p><p><a href=\"/desk\">返回我的工作台 <small>back to my desk</small></a>"
                + "</p></main></body></html>";
    }
}
