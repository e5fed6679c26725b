package com.penguinmails.crmsync.connector.hubspot;

import static com.penguinmails.crmsync.connector.hubspot.HubSpotChangeFeedIT.SEARCH;
import static com.penguinmails.crmsync.connector.hubspot.HubSpotChangeFeedIT.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.connector.hubspot.HubSpotChangeFeedIT.Run;
import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.Cursor;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.sandbox.hubspot.HubSpotSandbox;
import com.penguinmails.crmsync.sandbox.hubspot.HubSpotSettings;
import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * HubSpot search answers at most 10,000 results per query (an {@code after} offset reaching 10,000 is a 400): a
 * first sync of a larger account still reads every record. Slow (the sandbox sorts 10,000 records per search).
 */
class HubSpotSearchCapIT {

    @Test
    void more_than_ten_thousand_changes_are_read_without_meeting_the_search_cap() {
        HubSpotSettings fastSearch = HubSpotSettings.defaults().withSearchRequestsPerSecond(50);
        try (HubSpotSandbox sandbox = HubSpotSandbox.start(SandboxOptions.defaults().withSeedContacts(10_200),
                fastSearch)) {
            // given
            SandboxConnection hubspot = SandboxConnection.privateApp(sandbox,
                    Map.of("searchRequestsPerSecond", "40", "properties.contact", "email,firstname"));
            long before = hubspot.totalCalls();

            // when
            Run run = run(hubspot, ObjectType.CONTACT, Cursor.START, 200);

            // then
            assertThat(run.live()).hasSize(10_200).extracting(CrmRecord::crmId).doesNotHaveDuplicates();
            assertThat(hubspot.calls(SEARCH)).as("10,200 records at 200 per search").isEqualTo(51);
            assertThat(sandbox.server().stats().snapshot().get(SEARCH)).containsOnlyKeys("200");
            assertThat(hubspot.totalCalls() - before)
                    .as("51 searches, one archived list and one read of HubSpot's clock").isEqualTo(53);
        }
    }

}
