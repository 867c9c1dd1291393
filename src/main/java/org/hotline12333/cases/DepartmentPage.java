package org.hotline12333.cases;

import java.security.Principal;
import org.hotline12333.web.PageTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The department's page behind the login form: its inbox, a case, sign for / return / reply. Script and style are
 * {@code /department/cases.js} and {@code cases.css}; the data comes from {@link DepartmentCaseController}.
 */
@Controller
@PreAuthorize("hasRole('DEPARTMENT')")
class DepartmentPage {

    private final PageTemplate template = PageTemplate.load("/cases/department.html");

    @GetMapping(value = "/department", produces = "text/html;charset=UTF-8")
    @ResponseBody
    String inbox(CsrfToken csrf, Principal user) {
        return template.render(csrf, user);
    }
}
