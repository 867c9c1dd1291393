package org.hotline12333.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a web session whose user was disabled, or got another role or password, since logging in: at its next request
 * the session is invalidated and the request goes on as anonymous (the login page, or 401). The check is one indexed
 * read per request with a session, and works across service instances, since the account's access version is in the
 * database. Requests with HTTP Basic carry no session: they are authenticated afresh every time.
 */
final class SessionCheck extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(SessionCheck.class);

    private final JdbcClient db;

    SessionCheck(JdbcClient db) {
        this.db = db;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (session != null && authentication != null && authentication.getPrincipal() instanceof AccountUser user
                && !stillValid(user)) {
            log.info("Ended the web session of '{}': the account was disabled or its role or password changed since "
                    + "login", user.getUsername());
            session.invalidate();
            SecurityContextHolder.clearContext();
        }
        chain.doFilter(request, response);
    }

    private boolean stillValid(AccountUser user) {
        return db.sql("SELECT COUNT(*) FROM app_user WHERE username = ? AND enabled = TRUE AND access_version = ?")
                .params(user.getUsername(), user.accessVersion()).query(Long.class).single() > 0;
    }
}
