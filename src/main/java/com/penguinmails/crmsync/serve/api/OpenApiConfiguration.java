package com.penguinmails.crmsync.serve.api;

import com.penguinmails.crmsync.serve.ConditionalOnServe;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document of {@code /api/v1} (springdoc; served at {@code /api/v1/openapi.json}, browsable at
 * {@code /api/v1/docs}): every operation needs the bearer JWT.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnServe
class OpenApiConfiguration {

    static final String BEARER = "bearer-jwt";

    @Bean
    OpenAPI crmSyncOpenApi() {
        return new OpenAPI()
                .info(new Info().title("PenguinMails CRM Sync API").version("v1")
                        .description("Connect, configure and monitor a tenant's CRM connections. Every call carries a "
                                + "bearer JWT whose 'tenant' claim scopes it to one tenant; another tenant's "
                                + "connection answers 404."))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
