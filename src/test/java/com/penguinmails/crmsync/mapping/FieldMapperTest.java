package com.penguinmails.crmsync.mapping;

import com.penguinmails.crmsync.testing.CrmDrivers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.crmsync.connector.salesforce.SalesforceConnectorProvider;
import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.core.FieldDescription;
import com.penguinmails.crmsync.core.ObjectDescription;
import com.penguinmails.crmsync.core.ObjectType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class FieldMapperTest {

    private static final FieldMap SALESFORCE_CONTACT = FieldMapLoader.defaults(SalesforceConnectorProvider.KIND).get(ObjectType.CONTACT);

    @Test
    void theShippedDefaultMapsLoadForEveryCrm() {
        for (CrmKind crm : CrmDrivers.EVERY_CRM) {
            Map<ObjectType, FieldMap> maps = FieldMapLoader.defaults(crm);
            assertThat(maps).containsKeys(ObjectType.CONTACT, ObjectType.COMPANY);
            assertThat(maps.get(ObjectType.CONTACT).forPmField("email")).isPresent();
        }
    }

    @Test
    void inboundValuesAreTrimmedLowerCasedAndPhonesFormattedAsE164() {
        // when
        Mapped mapped = FieldMapper.inbound(SALESFORCE_CONTACT, Map.of("Email", "  Ada.Lovelace@Example.COM ",
                "FirstName", " Ada ", "Phone", "(415) 555-0100", "HasOptedOutOfEmail", "true"));

        // then
        assertThat(mapped.ok()).isTrue();
        assertThat(mapped.values()).containsEntry("email", "ada.lovelace@example.com")
                .containsEntry("first_name", "Ada").containsEntry("phone", "+14155550100")
                .containsEntry("unsubscribed", true);
    }

    @Test
    void aBadValueIsReportedByFieldAndTheRestOfTheRecordStillMaps() {
        // when
        Mapped mapped = FieldMapper.inbound(SALESFORCE_CONTACT, Map.of("Email", "not-an-email", "LastName", "Hopper",
                "Phone", "12"));

        // then
        assertThat(mapped.values()).containsEntry("last_name", "Hopper").doesNotContainKeys("email", "phone");
        assertThat(mapped.problems()).extracting(FieldProblem::field).containsExactlyInAnyOrder("Email", "Phone");
        assertThat(mapped.problems().toString()).doesNotContain("not-an-email");
    }

    @Test
    void onlyFieldsTheCrmSentAreMappedSoMissingOnesAreNotCleared() {
        Mapped mapped = FieldMapper.inbound(SALESFORCE_CONTACT, Map.of("LastName", "Turing"));
        assertThat(mapped.values()).containsOnlyKeys("last_name");
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("Title", null);
        assertThat(FieldMapper.inbound(SALESFORCE_CONTACT, withNull).values()).containsEntry("job_title", null);
    }

    @Test
    void outboundMapsOnlyOutboundFieldsAndCutsValuesToTheCrmsLength() {
        // when
        Mapped mapped = FieldMapper.outbound(SALESFORCE_CONTACT, Map.of("email", "ada@example.com", "lead_score", 87,
                "bounce_reason", "x".repeat(300), "first_name", "Ada"));

        // then
        assertThat(mapped.values()).containsEntry("Email", "ada@example.com")
                .containsEntry("PenguinMails_Lead_Score__c", 87).containsEntry("FirstName", "Ada");
        assertThat((String) mapped.values().get("EmailBouncedReason")).hasSize(255);
    }

    @Test
    void picklistsMapBothWays() {
        FieldRule rule = FieldMapLoader.rule("test", new Yaml().load(
                "{crm: Lifecycle__c, pm: custom.stage, transforms: [{picklist: {Customer: customer, Lead: lead}}]}"));
        FieldMap map = new FieldMap(SalesforceConnectorProvider.KIND, ObjectType.CONTACT, List.of(rule));
        assertThat(FieldMapper.inbound(map, Map.of("Lifecycle__c", "Customer")).values())
                .containsEntry("custom.stage", "customer");
        assertThat(FieldMapper.outbound(map, Map.of("custom.stage", "lead")).values())
                .containsEntry("Lifecycle__c", "Lead");
        assertThat(FieldMapper.inbound(map, Map.of("Lifecycle__c", "Partner")).problems()).hasSize(1);
    }

    @Test
    void mistakesInAMapNameTheFieldAndWhatIsWrong() {
        assertThatThrownBy(() -> FieldMapLoader.rule("hubspot.yml: objects.CONTACT",
                new Yaml().load("{crm: phone, pm: phone, transforms: [e165]}")))
                .hasMessageContaining("objects.CONTACT.phone").hasMessageContaining("unknown transform 'e165'");
        assertThatThrownBy(() -> FieldMapLoader.rule("x", new Yaml().load("{crm: phone, pm: mobile}")))
                .hasMessageContaining("unknown PenguinMails field 'mobile'");
        assertThatThrownBy(() -> FieldMapLoader.rule("x", new Yaml().load("{crm: phone, pm: phone, direction: up}")))
                .hasMessageContaining("direction 'up'");
    }

    @Test
    void validationAgainstTheCrmsDescribeNamesUnknownReadOnlyAndMismatchedFields() {
        // given: a describe where Email is fine, Title is read-only, PenguinMails_Lead_Score__c is a date, Phone absent
        ObjectDescription contact = new ObjectDescription(ObjectType.CONTACT, "Contact", List.of(
                new FieldDescription("Email", "Email", "email", 80, false, true, true, false, List.of()),
                new FieldDescription("FirstName", "First Name", "string", 40, false, true, true, false, List.of()),
                new FieldDescription("LastName", "Last Name", "string", 80, true, true, true, false, List.of()),
                new FieldDescription("Title", "Title", "string", 128, false, false, false, false, List.of()),
                new FieldDescription("HasOptedOutOfEmail", "Email Opt Out", "boolean", 0, false, true, true, false,
                        List.of()),
                new FieldDescription("EmailBouncedReason", "Bounce Reason", "string", 255, false, true, true, false,
                        List.of()),
                new FieldDescription("PenguinMails_Lead_Score__c", "Score", "date", 0, false, true, true, false,
                        List.of()),
                new FieldDescription("AccountId", "Account ID", "reference", 18, false, true, true, false, List.of()),
                new FieldDescription("PenguinMails_Tags__c", "Tags", "multipicklist", 4099, false, true, true, false,
                        List.of())));

        // when
        List<FieldProblem> problems = FieldMapValidator.validate(SALESFORCE_CONTACT, contact);

        // then
        assertThat(problems).extracting(FieldProblem::field)
                .containsExactlyInAnyOrder("Phone", "Title", "PenguinMails_Lead_Score__c");
        assertThat(problems.toString()).contains("does not exist on Contact").contains("read-only")
                .contains("is a date field but lead_score holds a number value");
    }
}
