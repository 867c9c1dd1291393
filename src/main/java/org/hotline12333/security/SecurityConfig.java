package org.hotline12333.security;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may reach what. The REST API ({@code /api/**}) takes HTTP Basic and keeps no session; web pages use a login
 * form and a session. Only health is open. Roles are checked per endpoint with {@code @PreAuthorize}; before that,
 * a DEPARTMENT user (not staff) is let through only to the department's own paths, so every other endpoint, today's
 * and tomorrow's, refuses them even when its own check would be missing or come after reading the request.
 */
@Configuration
@EnableMethodSecurity
class SecurityConfig {

    /** What a DEPARTMENT user may reach of the API: who they are, their cases, the classification tree. */
    static final String[] DEPARTMENT_API = {"/api/me", "/api/cases/department/**", "/api/classifications",
            "/api/classifications/**"};
    /** The department's page, its script and style, and the data it reads with the page's session. */
    static final String[] DEPARTMENT_PAGES = {"/department", "/department/**"};

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role(Role.ADMIN.name()).implies(Role.SUPERVISOR.name())
                .role(Role.SUPERVISOR.name()).implies(Role.AGENT.name())
                .build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        return http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(DEPARTMENT_API).authenticated()
                        .anyRequest().hasRole(Role.AGENT.name()))
                .httpBasic(basic -> basic.realmName("Hotline 12333"))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain actuator(HttpSecurity http) throws Exception {
        return http.securityMatcher(EndpointRequest.toAnyEndpoint())
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(EndpointRequest.to("health")).permitAll()
                        .anyRequest().hasRole(Role.ADMIN.name()))
                .httpBasic(basic -> basic.realmName("Hotline 12333"))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain pages(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/error").permitAll()
                        .requestMatchers(DEPARTMENT_PAGES).hasRole(Role.DEPARTMENT.name())
                        .anyRequest().hasRole(Role.AGENT.name()))
                .formLogin(form -> form.loginPage("/login").permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .build();
    }
}
