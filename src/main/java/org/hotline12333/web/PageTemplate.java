package org.hotline12333.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.util.HtmlUtils;

/**
 * A web page's HTML from the jar, served behind the login form with the signed-in user and the session's CSRF token
 * filled in ({@code {{user}}}, {@code {{csrfHeader}}}, {@code {{csrfToken}}}, HTML-escaped). What every page has alike
 * is written here once: {@code {{head}}} (character set, viewport, the CSRF token for the page's script) and
 * {@code {{signOut}}} (the sign-out button). Its script and style sheet are static files in the jar: nothing is
 * fetched from anywhere else.
 */
public final class PageTemplate {

    private static final String HEAD = """
            <meta charset="UTF-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="csrf-header" content="{{csrfHeader}}">
            <meta name="csrf-token" content="{{csrfToken}}">""";
    private static final String SIGN_OUT = """
            <form method="post" action="/logout" class="logout">
              <input type="hidden" name="_csrf" value="{{csrfToken}}">
              <button type="submit">退出 <small>sign out</small></button>
            </form>""";

    private final String html;

    private PageTemplate(String html) {
        this.html = html;
    }

    /** Reads the template once, e.g. {@code /supervision/floor.html}; a missing one stops the start. */
    public static PageTemplate load(String resource) {
        try (InputStream in = PageTemplate.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the jar");
            }
            return new PageTemplate(new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{head}}", HEAD)
                    .replace("{{signOut}}", SIGN_OUT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String render(CsrfToken csrf, Principal user) {
        return html.replace("{{user}}", HtmlUtils.htmlEscape(user.getName()))
                .replace("{{csrfHeader}}", HtmlUtils.htmlEscape(csrf.getHeaderName()))
                .replace("{{csrfToken}}", HtmlUtils.htmlEscape(csrf.getToken()));
    }
}
