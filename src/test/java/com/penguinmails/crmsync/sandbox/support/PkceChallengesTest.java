package com.penguinmails.crmsync.sandbox.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sandboxes' PKCE check (RFC 7636), with the RFC's own example pair (appendix B). */
class PkceChallengesTest {

    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    @Test
    void aCodeIssuedWithAnS256ChallengeIsRedeemedOnlyWithItsVerifierAndOnce() {
        // given
        PkceChallenges pkce = new PkceChallenges();
        pkce.remember("code-1", authorize(Map.of("code_challenge", List.of(CHALLENGE),
                "code_challenge_method", List.of("S256"))));
        pkce.remember("code-2", authorize(Map.of("code_challenge", List.of(CHALLENGE),
                "code_challenge_method", List.of("S256"))));

        // then
        assertThat(pkce.verifies("code-1", VERIFIER + "x")).isFalse();
        assertThat(pkce.verifies("code-2", null)).isFalse();
        assertThat(pkce.verifies("code-3", null)).as("issued without a challenge").isTrue();
        PkceChallenges fresh = new PkceChallenges();
        fresh.remember("code-4", authorize(Map.of("code_challenge", List.of(CHALLENGE),
                "code_challenge_method", List.of("S256"))));
        assertThat(fresh.verifies("code-4", VERIFIER)).isTrue();
    }

    private static SandboxRequest authorize(Map<String, List<String>> query) {
        return new SandboxRequest("GET", "/oauth/authorize", Map.of(), query, Map.of(), new byte[0]);
    }
}
