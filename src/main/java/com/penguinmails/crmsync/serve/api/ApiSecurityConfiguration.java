package com.penguinmails.crmsync.serve.api;

import com.penguinmails.crmsync.serve.ConditionalOnServe;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call what on {@code crm-sync serve}: {@code /api/**} and {@code /console/**} need a bearer JWT (see
 * {@link ApiProperties}); the console also takes the token from its cookie ({@value #CONSOLE_COOKIE}, set by its
 * sign-in page) so it works with JavaScript off, and its forms carry a CSRF token. Webhooks (signed by the CRMs), the
 * OAuth callback (bound to its single-use state), health probes, metrics (cluster-internal) and the OpenAPI document
 * are open. Stateless: no HTTP session. Refusals are problem bodies (401, 403); the console sends a browser without a
 * token to its sign-in page.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(ApiProperties.class)
@ConditionalOnServe
public class ApiSecurityConfiguration {

    /** The console's cookie holding the caller's JWT (HttpOnly, SameSite=Strict). */
    public static final String CONSOLE_COOKIE = "crmsync_token";
    /** The console's sign-in page, open to all. */
    public static final String CONSOLE_LOGIN = "/console/login";

    private static final Logger log = LoggerFactory.getLogger(ApiSecurityConfiguration.class);
    private static final int MIN_SECRET_BYTES = SharedSecretTokens.MIN_SECRET_BYTES;

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, JwtDecoder apiJwtDecoder) throws Exception {
        RequestMatcher consolePost = request -> !HttpMethod.GET.matches(request.getMethod())
                && !HttpMethod.HEAD.matches(request.getMethod()) && path(request).startsWith("/console");
        http.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.csrfTokenRepository(new CookieCsrfTokenRepository())
                        .requireCsrfProtectionMatcher(consolePost))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(CONSOLE_LOGIN, "/console/assets/**").permitAll()
                        .requestMatchers("/api/v1/openapi.json", "/api/v1/openapi.json/**", "/api/v1/docs",
                                "/api/v1/docs/**", "/api/v1/swagger-ui/**")
                        .permitAll()
                        .requestMatchers("/api/**", "/console/**").authenticated()
                        .anyRequest().permitAll())
                .oauth2ResourceServer(resource -> resource
                        .jwt(jwt -> jwt.decoder(apiJwtDecoder))
                        .bearerTokenResolver(tokenResolver())
                        .authenticationEntryPoint(entryPoint())
                        .accessDeniedHandler(deniedHandler()))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(entryPoint())
                        .accessDeniedHandler(deniedHandler()))
                .headers(headers -> headers.frameOptions(frame -> frame.deny()));
        return http.build();
    }

    /** HS256 with the shared secret, or the issuer's JWKS; with neither, a decoder that refuses every token. */
    @Bean
    JwtDecoder apiJwtDecoder(ApiProperties properties) {
        NimbusJwtDecoder decoder;
        if (properties.jwksUrl() != null) {
            decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwksUrl().toString()).build();
        } else if (properties.jwtSecret() != null && !properties.jwtSecret().isBlank()) {
            byte[] secret = properties.jwtSecret().getBytes(StandardCharsets.UTF_8);
            if (secret.length < MIN_SECRET_BYTES) {
                throw new IllegalStateException("crmsync.api.jwt-secret (CRMSYNC_API_JWT_SECRET) must be at least "
                        + MIN_SECRET_BYTES + " bytes for HS256, it has " + secret.length);
            }
            decoder = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(secret, "HmacSHA256"))
                    .macAlgorithm(MacAlgorithm.HS256).build();
        } else {
            log.warn("the API and console refuse every call: set CRMSYNC_API_JWT_SECRET or crmsync.api.jwks-url");
            return token -> {
                throw new BadJwtException("this service has no way to check tokens configured");
            };
        }
        OAuth2TokenValidator<Jwt> validator = properties.issuer() == null || properties.issuer().isBlank()
                ? JwtValidators.createDefault() : JwtValidators.createDefaultWithIssuer(properties.issuer());
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(List.of(validator)));
        return decoder;
    }

    /** The {@code Authorization: Bearer} header; for console pages but the sign-in page, else the console's cookie. */
    static BearerTokenResolver tokenResolver() {
        DefaultBearerTokenResolver header = new DefaultBearerTokenResolver();
        return request -> {
            String token = header.resolve(request);
            // not on the sign-in page: an expired cookie there would send the browser back to it, round and round
            if (token != null || !path(request).startsWith("/console") || path(request).equals(CONSOLE_LOGIN)
                    || request.getCookies() == null) {
                return token;
            }
            for (Cookie cookie : request.getCookies()) {
                if (CONSOLE_COOKIE.equals(cookie.getName()) && !cookie.getValue().isBlank()) {
                    return cookie.getValue();
                }
            }
            return null;
        };
    }

    private static AuthenticationEntryPoint entryPoint() {
        return (request, response, failure) -> {
            if (path(request).startsWith("/console")) {
                if (ConsoleSameSiteRelay.applies(request)) {
                    ConsoleSameSiteRelay.write(request, response);
                    return;
                }
                response.sendRedirect(request.getContextPath() + CONSOLE_LOGIN);
                return;
            }
            boolean noToken = request.getHeader("Authorization") == null;
            response.setHeader("WWW-Authenticate", noToken ? "Bearer" : "Bearer error=\"invalid_token\"");
            ProblemBodies.write(response, 401, "unauthenticated", noToken
                    ? "this call needs a bearer token (Authorization: Bearer <JWT>)"
                    : "the bearer token was refused: it is malformed, expired, or not signed by a key this service "
                    + "trusts");
        };
    }

    private static AccessDeniedHandler deniedHandler() {
        return (request, response, denied) -> ProblemBodies.write(response, 403, "forbidden",
                path(request).startsWith("/console") ? "the console form has expired; reload the page and try again"
                        : "this token does not allow the call");
    }

    private static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length())
                : uri;
    }
}
