package com.penguinmails.crmsync.sandbox.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sandboxes' consent step as a browser meets it: the page with {@code prompt=consent}, allow and deny. */
class ConsentPageTest {

    @Test
    void aConsentPageOffersAllowAndDenyAndDenyingRedirectsWithAccessDenied() {
        // given
        SandboxRequest asked = authorize(Map.of("prompt", List.of("consent"), "state", List.of("s-1"),
                "client_id", List.of("app")));
        SandboxRequest denied = authorize(Map.of("consent", List.of("deny"), "state", List.of("s-1")));
        SandboxRequest approvedBefore = authorize(Map.of("state", List.of("s-1")));

        // when
        SandboxResponse page = ConsentPage.before(asked, "http://127.0.0.1:1/cb", "the app").orElseThrow();
        SandboxResponse redirect = ConsentPage.before(denied, "http://127.0.0.1:1/cb", "the app").orElseThrow();

        // then
        assertThat(page.status()).isEqualTo(200);
        assertThat(new String(page.body())).contains("id=\"approve\"", "id=\"deny\"", "consent=approve",
                "client_id=app");
        assertThat(redirect.status()).isEqualTo(302);
        assertThat(redirect.headers().get("Location")).isEqualTo("http://127.0.0.1:1/cb?error=access_denied"
                + "&error_description=end-user+denied+authorization&state=s-1");
        assertThat(ConsentPage.before(approvedBefore, "http://127.0.0.1:1/cb", "the app")).isEmpty();
    }

    private static SandboxRequest authorize(Map<String, List<String>> query) {
        return new SandboxRequest("GET", "/oauth/authorize", Map.of(), query, Map.of(), new byte[0]);
    }
}
