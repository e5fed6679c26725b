package com.penguinmails.crmsync.sandbox.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Contract of {@code /api/v2/deals} and {@code /api/v2/activities}. */
class PipedriveDealsActivitiesIT {

    private PipedriveSandbox sandbox;
    private PipedriveHttp api;

    @BeforeEach
    void start() {
        sandbox = PipedriveSandbox.start(SandboxOptions.defaults().withPlan(SandboxOptions.Plan.ENTERPRISE)
                .withSeedContacts(20));
        api = PipedriveHttp.withApiToken(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void aDealIsAddedOpenAndWinningItStampsWonAndCloseTimes() {
        // when
        JsonNode deal = api.post("/api/v2/deals",
                "{\"title\": \"Pilot\", \"person_id\": 2, \"org_id\": 1, \"value\": 1200.5, \"currency\": \"EUR\"}")
                .json().get("data");
        JsonNode won = api.patch("/api/v2/deals/" + deal.get("id").asLong(), "{\"status\": \"won\"}")
                .json().get("data");

        // then
        assertThat(deal.get("status").asString()).isEqualTo("open");
        assertThat(deal.get("value").asDouble()).isEqualTo(1200.5);
        assertThat(deal.get("pipeline_id").asLong()).isEqualTo(1);
        assertThat(deal.get("won_time").isNull()).isTrue();
        assertThat(deal.has("custom_fields")).isTrue();
        assertThat(won.get("status").asString()).isEqualTo("won");
        assertThat(won.get("won_time").asString()).isEqualTo(won.get("close_time").asString());
        assertThat(won.get("lost_time").isNull()).isTrue();
    }

    @Test
    void dealWritesAreValidated() {
        assertThat(api.post("/api/v2/deals", "{\"value\": 10}").status()).isEqualTo(400);
        assertThat(api.post("/api/v2/deals", "{\"title\": \"T\", \"status\": \"pending\"}").status()).isEqualTo(400);
        assertThat(api.post("/api/v2/deals", "{\"title\": \"T\", \"person_id\": 999}").status()).isEqualTo(400);
        assertThat(api.post("/api/v2/deals", "{\"title\": \"T\", \"value\": \"10\"}").status()).isEqualTo(400);
        assertThat(api.post("/api/v2/deals", "{\"title\": \"T\", \"expected_close_date\": \"2026-13-01\"}")
                .status()).isEqualTo(400);
    }

    @Test
    void anEmailActivityLinksThePersonAsPrimaryParticipant() {
        // when
        PipedriveHttp.Answer added = api.post("/api/v2/activities", """
                {"subject": "Opened: Spring launch", "type": "email", "person_id": 3, "due_date": "2026-11-02",
                 "due_time": "09:30", "done": true, "note": "PenguinMails event 8f1c"}""");

        // then
        assertThat(added.status()).isEqualTo(200);
        JsonNode activity = added.json().get("data");
        assertThat(activity.get("type").asString()).isEqualTo("email");
        assertThat(activity.get("person_id").asLong()).isEqualTo(3);
        assertThat(activity.get("participants").get(0).get("person_id").asLong()).isEqualTo(3);
        assertThat(activity.get("participants").get(0).get("primary").asBoolean()).isTrue();
        assertThat(activity.get("done").asBoolean()).isTrue();
        assertThat(activity.get("marked_as_done_time").asString()).isEqualTo(activity.get("add_time").asString());
        assertThat(activity.has("custom_fields")).isFalse();
        assertThat(api.get("/api/v2/activities?person_id=3&limit=500").json().get("data"))
                .anySatisfy(a -> assertThat(a.get("id")).isEqualTo(activity.get("id")));
    }

    @Test
    void activityWritesAreValidated() {
        assertThat(api.post("/api/v2/activities", "{\"type\": \"fax\"}").status()).isEqualTo(400);
        assertThat(api.post("/api/v2/activities", "{\"due_date\": \"02/11/2026\"}").status()).isEqualTo(400);
        assertThat(api.post("/api/v2/activities", "{\"due_time\": \"9am\"}").status()).isEqualTo(400);
        assertThat(api.post("/api/v2/activities", "{\"done\": \"yes\"}").status()).isEqualTo(400);
        assertThat(api.post("/api/v2/activities", "{\"deal_id\": 9999}").status()).isEqualTo(400);
        assertThat(api.post("/api/v2/activities", "{\"custom_fields\": {}}").status()).isEqualTo(400);
    }

    @Test
    void anActivityWithoutSubjectIsNamedAfterItsType() {
        JsonNode activity = api.post("/api/v2/activities", "{\"type\": \"call\"}").json().get("data");
        assertThat(activity.get("subject").asString()).isEqualTo("Call");
    }

    @Test
    void dealsAndActivitiesDeleteSoftly() {
        assertThat(api.delete("/api/v2/deals/1").status()).isEqualTo(200);
        assertThat(api.get("/api/v2/deals/1").json().get("data").get("is_deleted").asBoolean()).isTrue();
        assertThat(api.delete("/api/v2/activities/1").json().get("data").get("id").asLong()).isEqualTo(1);
        assertThat(api.get("/api/v2/activities?ids=1").json().get("data")).isEmpty();
    }
}
