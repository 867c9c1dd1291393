package org.hotline12333.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The REST API described by OpenAPI (springdoc reads the controllers): {@code /v3/api-docs}, and Swagger UI at
 * {@code /swagger-ui.html}, both for administrators only (security.SecurityConfig). Every operation takes HTTP Basic,
 * which the UI's "Authorize" button fills in.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocs {

    static final String BASIC = "basic";

    @Bean
    OpenAPI hotlineApi() {
        return new OpenAPI()
                .info(new Info().title("Hotline 12333 API").version("1")
                        .description("The 12333 hotline's REST API: the agent's desk, routing administration, the "
                                + "supervisors' floor and monitoring, recordings, quality, cases. Errors are RFC 9457 "
                                + "problem details (application/problem+json) whose detail says what is wrong."))
                .components(new Components().addSecuritySchemes(BASIC,
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
                .addSecurityItem(new SecurityRequirement().addList(BASIC));
    }
}
