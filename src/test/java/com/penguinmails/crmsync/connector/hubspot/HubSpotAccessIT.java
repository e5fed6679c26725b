package com.penguinmails.crmsync.connector.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.crmsync.connector.support.AllocationReachedException;
import com.penguinmails.crmsync.connector.support.CrmUnavailableException;
import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.Cursor;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.WriteResult;
import com.penguinmails.crmsync.sandbox.hubspot.HubSpotSandbox;
import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tokens and quota: OAuth tokens refreshed when HubSpot rejects them, revoked tokens, the daily share. */
class HubSpotAccessIT {

    @Test
    void a_rejected_oauth_token_is_refreshed_once_and_the_call_goes_through() {
        try (HubSpotSandbox sandbox = HubSpotSandbox.start(SandboxOptions.defaults().withSeedContacts(10))) {
            // given: the stored access token is one HubSpot no longer knows
            SandboxConnection.MemoryCredentials store = new SandboxConnection.MemoryCredentials();
            SandboxConnection hubspot = SandboxConnection.oauth(sandbox, "stale-token", store);

            // when
            var page = hubspot.connector.changes(ObjectType.CONTACT, Cursor.START, 100);

            // then
            assertThat(page.items()).hasSize(10);
            assertThat(store.refreshes).hasValue(1);
        }
    }

    @Test
    void an_access_token_expiring_mid_run_is_refreshed_and_the_run_goes_on() {
        try (HubSpotSandbox sandbox = HubSpotSandbox.start(SandboxOptions.defaults().withTokenTtl(
                Duration.ofMinutes(30)))) {
            // given
            SandboxConnection.MemoryCredentials store = new SandboxConnection.MemoryCredentials();
            SandboxConnection hubspot = SandboxConnection.oauth(sandbox, "stale-token", store);
            List<WriteResult> first = hubspot.connector.upsert(ObjectType.CONTACT, HubSpotWritesIT.contacts(100, "a"));
            sandbox.server().clock().advance(Duration.ofMinutes(31));

            // when
            List<WriteResult> second = hubspot.connector.upsert(ObjectType.CONTACT,
                    HubSpotWritesIT.contacts(100, "b"));

            // then
            assertThat(first).allSatisfy(r -> assertThat(r.success()).isTrue());
            assertThat(second).allSatisfy(r -> assertThat(r.success()).isTrue());
            assertThat(store.refreshes).hasValue(2);
        }
    }

    @Test
    void a_revoked_private_app_token_makes_the_connection_unavailable_without_revealing_it() {
        try (HubSpotSandbox sandbox = HubSpotSandbox.start(SandboxOptions.defaults())) {
            // given
            SandboxConnection hubspot = SandboxConnection.privateApp(sandbox);
            String token = (String) sandbox.info().get("privateAppToken");
            SandboxConnection revoked = SandboxConnection.withToken(sandbox, "pat-revoked-123");

            // when / then
            assertThatThrownBy(() -> revoked.connector.upsert(ObjectType.CONTACT,
                    List.of(CrmRecord.toWrite(ObjectType.CONTACT, null, null, Map.of("email", "x@penguin.example")))))
                    .isInstanceOf(CrmUnavailableException.class)
                    .satisfies(e -> assertThat(((CrmUnavailableException) e).reason())
                            .isEqualTo(CrmUnavailableException.Reason.AUTH_REVOKED))
                    .hasMessageNotContaining("pat-revoked-123").hasMessageNotContaining(token);
            assertThat(hubspot.liveRecords("contacts")).isZero();
        }
    }

    @Test
    void the_connection_stops_at_its_share_of_the_daily_quota_that_hubspot_reports() {
        try (HubSpotSandbox sandbox = HubSpotSandbox.start(SandboxOptions.defaults())) {
            // given: a share of 1 call in 625,000
            SandboxConnection hubspot = SandboxConnection.privateApp(sandbox, Map.of("dailyShare", "0.0000016"));
            hubspot.connector.upsert(ObjectType.CONTACT, HubSpotWritesIT.contacts(10, "q"));

            // when / then
            assertThat(hubspot.connector.budget().used()).isEqualTo(1);
            assertThat(hubspot.connector.budget().limit()).isEqualTo(625_000);
            assertThatThrownBy(() -> hubspot.connector.upsert(ObjectType.CONTACT,
                    HubSpotWritesIT.contacts(10, "r")))
                    .isInstanceOf(AllocationReachedException.class)
                    .satisfies(e -> assertThat(((CrmUnavailableException) e).reason())
                            .isEqualTo(CrmUnavailableException.Reason.QUOTA_EXHAUSTED));
        }
    }
}
