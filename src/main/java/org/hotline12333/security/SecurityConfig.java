package org.hotline12333.security;

import java.time.Clock;
import org.hotline12333.alert.Alerts;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.context.SecurityContextHolderFilter;

/**
 * Who may reach what. The REST API ({@code /api/**}) takes HTTP Basic and keeps no session; web pages use a login
 * form and a session. Only health is open (its status; details need a user); the Prometheus endpoint takes an
 * administrator or a METRICS user (a scraper, which reaches nothing else). Roles are checked per endpoint with
 * {@code @PreAuthorize}; before that, a DEPARTMENT user (not staff) is let through only to the department's own
 * paths, so every other endpoint, today's and tomorrow's, refuses them even when its own check would be missing or
 * come after reading the request. Every login goes through the {@link LoginThrottle}; a throttled API login gets 429
 * with Retry-After, a throttled form login the login page saying so. Web sessions end when their user's access
 * changes ({@link SessionCheck}).
 */
@Configuration
@EnableMethodSecurity
class SecurityConfig {

    private static final String REALM = "Hotline 12333";
    /** What a DEPARTMENT user may reach of the API: who they are, their cases, the classification tree. */
    static final String[] DEPARTMENT_API = {"/api/me", "/api/me/password", "/api/cases/department/**",
            "/api/classifications", "/api/classifications/**"};
    /** The department's page, its script and style, and the data it reads with the page's session. */
    static final String[] DEPARTMENT_PAGES = {"/department", "/department/**"};
    /** The OpenAPI description of the REST API and its Swagger UI (web.ApiDocs). */
    static final String[] API_DOCS = {"/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**"};

    @Bean
    PasswordEncoder passwordEncoder(HotlineSecurityProperties properties) {
        return new BCryptPasswordEncoder(properties.passwordCost());
    }

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role(Role.ADMIN.name()).implies(Role.SUPERVISOR.name())
                .role(Role.SUPERVISOR.name()).implies(Role.AGENT.name())
                .build();
    }

    @Bean
    LoginThrottle loginThrottle(DatabaseUserDetailsService users, PasswordEncoder passwordEncoder, Lockouts lockouts,
                                Alerts alerts) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(passwordEncoder);
        return new LoginThrottle(passwords, lockouts, alerts);
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, Clock clock) throws Exception {
        return http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(DEPARTMENT_API).hasAnyRole(Role.DEPARTMENT.name(), Role.AGENT.name())
                        .anyRequest().hasRole(Role.AGENT.name()))
                .httpBasic(basic -> basic.authenticationEntryPoint(basicOrTooMany(clock)))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain actuator(HttpSecurity http, Clock clock) throws Exception {
        return http.securityMatcher(EndpointRequest.toAnyEndpoint())
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(EndpointRequest.to("health")).permitAll()
                        .requestMatchers(EndpointRequest.to("prometheus"))
                        .hasAnyRole(Role.ADMIN.name(), Role.METRICS.name())
                        .anyRequest().hasRole(Role.ADMIN.name()))
                .httpBasic(basic -> basic.authenticationEntryPoint(basicOrTooMany(clock)))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }

    /**
     * The API's description and Swagger UI: administrators only, by HTTP Basic or the session of the login page.
     */
    @Bean
    @Order(3)
    SecurityFilterChain apiDescription(HttpSecurity http, Clock clock) throws Exception {
        return http.securityMatcher(API_DOCS)
                .authorizeHttpRequests(requests -> requests.anyRequest().hasRole(Role.ADMIN.name()))
                .httpBasic(basic -> basic.authenticationEntryPoint(basicOrTooMany(clock)))
                .csrf(csrf -> csrf.disable())
                .build();
    }

    @Bean
    @Order(4)
    SecurityFilterChain pages(HttpSecurity http, JdbcClient db) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/error").permitAll()
                        .requestMatchers(DEPARTMENT_PAGES).hasRole(Role.DEPARTMENT.name())
                        .anyRequest().hasRole(Role.AGENT.name()))
                .formLogin(form -> form.loginPage("/login").failureHandler(loginFailed()).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .addFilterAfter(new SessionCheck(db), SecurityContextHolderFilter.class)
                .build();
    }

    /** 401 asking for Basic credentials; 429 with Retry-After and a problem body while logins are throttled. */
    private static AuthenticationEntryPoint basicOrTooMany(Clock clock) {
        BasicAuthenticationEntryPoint basic = new BasicAuthenticationEntryPoint();
        basic.setRealmName(REALM);
        return (request, response, failure) -> {
            if (failure instanceof LoginThrottle.LoginThrottled throttled) {
                response.setStatus(429);
                response.setHeader("Retry-After", Long.toString(LoginThrottle.retryAfterSeconds(throttled,
                        clock.instant())));
                response.setCharacterEncoding("UTF-8");
                response.setContentType("application/problem+json");
                response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429,"
                        + "\"detail\":\"" + throttled.getMessage() + "\"}");
                return;
            }
            basic.commence(request, response, failure);
        };
    }

    private static AuthenticationFailureHandler loginFailed() {
        return (request, response, failure) -> response.sendRedirect(request.getContextPath()
                + (failure instanceof LoginThrottle.LoginThrottled ? "/login?locked" : "/login?error"));
    }
}
