package com.penguinmails.crmsync.serve.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.crmsync.core.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** Tokens minted by {@code api-token} are read by the service as the caller they name. */
class SharedSecretTokensTest {

    private static final String SECRET = "a-shared-secret-of-at-least-thirty-two-bytes";
    private static final ApiProperties PROPERTIES = new ApiProperties(SECRET, null, null, "tenant",
            "crm-sync:operator");

    private final JwtDecoder decoder = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(
            SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256")).macAlgorithm(MacAlgorithm.HS256).build();

    @Test
    void aTenantTokenIsReadAsThatTenantsUser() {
        String token = SharedSecretTokens.mint(SECRET, "ops", "acme", false, Duration.ofMinutes(5), PROPERTIES);

        ApiCaller caller = ApiCaller.of(decoder.decode(token), PROPERTIES);

        assertThat(caller).isEqualTo(new ApiCaller("ops", "acme", false));
    }

    @Test
    void anOperatorTokenSeesEveryTenant() {
        String token = SharedSecretTokens.mint(SECRET, "ops", null, true, Duration.ofMinutes(5), PROPERTIES);

        ApiCaller caller = ApiCaller.of(decoder.decode(token), PROPERTIES);

        assertThat(caller.operator()).isTrue();
        assertThat(caller.sees("any-tenant")).isTrue();
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefused() {
        String token = SharedSecretTokens.mint("another-secret-of-at-least-thirty-two-bytes!", "ops", "acme", false,
                Duration.ofMinutes(5), PROPERTIES);

        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class);
    }

    @Test
    void aShortSecretOrATokenWithoutScopeIsRefused() {
        assertThatThrownBy(() -> SharedSecretTokens.mint("short", "ops", "acme", false, Duration.ofMinutes(5),
                PROPERTIES)).isInstanceOf(InvalidRequestException.class).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> SharedSecretTokens.mint(SECRET, "ops", null, false, Duration.ofMinutes(5),
                PROPERTIES)).isInstanceOf(InvalidRequestException.class).hasMessageContaining("--tenant");
    }
}
