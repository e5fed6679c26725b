package com.penguinmails.crmsync.sandbox.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.connector.hubspot.HubSpotConnectorProvider;
import com.penguinmails.crmsync.testing.CrmDriver;
import com.penguinmails.crmsync.testing.SandboxConnections;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /_sandbox/clock} with {@code skewSeconds} sets a sandbox's clock off the host's, ahead or behind (it
 * does not add up), and what the sandbox stamps follows it: record times and times in response bodies.
 */
class SandboxClockSkewIT {

    @Test
    void aSkewSetsTheClockAheadOrBehindAndRecordAndResponseTimesFollowIt() throws Exception {
        try (CrmDriver sandbox = CrmDriver.start(HubSpotConnectorProvider.KIND, 0)) {
            String control = sandbox.info().get("baseUrl") + "/_sandbox/clock";

            // when: five minutes ahead
            JsonNode ahead = SandboxConnections.call("POST", control, "X-Test", "skew", "{\"skewSeconds\": 300}");

            // then: the clock, a new record's times and a batch answer's completedAt are five minutes ahead
            assertThat(offset(Instant.parse(ahead.get("now").asString()))).isBetween(295L, 305L);
            JsonNode created = sandbox.call("POST", "/crm/v3/objects/contacts",
                    "{\"properties\": {\"email\": \"skew@clock.example\"}}");
            assertThat(offset(Instant.parse(created.get("createdAt").asString()))).isBetween(295L, 305L);
            JsonNode read = sandbox.call("POST", "/crm/v3/objects/contacts/batch/read",
                    "{\"inputs\": [{\"id\": \"0\"}], \"properties\": []}");
            assertThat(offset(Instant.parse(read.get("completedAt").asString()))).isBetween(295L, 305L);

            // when: then five minutes behind (set, not added)
            JsonNode behind = SandboxConnections.call("POST", control, "X-Test", "skew", "{\"skewSeconds\": -300}");

            // then
            assertThat(offset(Instant.parse(behind.get("now").asString()))).isBetween(-305L, -295L);
        }
    }

    private static long offset(Instant sandboxTime) {
        return Duration.between(Instant.now(), sandboxTime).toSeconds();
    }
}
