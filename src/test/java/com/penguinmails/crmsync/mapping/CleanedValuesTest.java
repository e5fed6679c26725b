package com.penguinmails.crmsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.connector.pipedrive.PipedriveConnectorProvider;
import com.penguinmails.crmsync.connector.salesforce.SalesforceConnectorProvider;
import com.penguinmails.crmsync.core.ObjectType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Values changed to fit are kept and reported as cleaned, by field and reason, never quoting the value: NULs removed
 * (PostgreSQL refuses them), broken surrogates replaced, text cut to the field's length; refused values (a date-time
 * without a zone, a picklist value outside the map) are problems whose reasons do not quote the value either.
 */
class CleanedValuesTest {

    private static final FieldMap SALESFORCE_CONTACT = FieldMapLoader.defaults(SalesforceConnectorProvider.KIND)
            .get(ObjectType.CONTACT);

    @Test
    void aNulByteIsRemovedAndTheFieldReportedAsCleaned() {
        // when
        Mapped mapped = FieldMapper.inbound(SALESFORCE_CONTACT, Map.of("Email", "nul@example.com",
                "FirstName", "Gr\u0000ace", "LastName", "Hopper"));

        // then
        assertThat(mapped.values()).containsEntry("first_name", "Grace").containsEntry("last_name", "Hopper");
        assertThat(mapped.problems()).isEmpty();
        assertThat(mapped.cleaned()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("FirstName");
            assertThat(p.reason()).contains("NUL").doesNotContain("Grace");
        });
        assertThat(mapped.warnings()).hasSize(1);
    }

    @Test
    void aLoneSurrogateIsReplacedAndAPairKept() {
        Mapped mapped = FieldMapper.inbound(SALESFORCE_CONTACT, Map.of("Title", "CEO \uD83D\uDE00 \uD83D",
                "LastName", "Ok \uD83D\uDE00"));
        assertThat(mapped.values()).containsEntry("job_title", "CEO \uD83D\uDE00 \uFFFD")
                .containsEntry("last_name", "Ok \uD83D\uDE00");
        assertThat(mapped.cleaned()).extracting(FieldProblem::field).containsExactly("Title");
    }

    @Test
    void textLongerThanTheFieldIsCutAndSaysSo() {
        Mapped mapped = FieldMapper.inbound(SALESFORCE_CONTACT, Map.of("FirstName", "x".repeat(50)));
        assertThat(mapped.values().get("first_name")).isEqualTo("x".repeat(40));
        assertThat(mapped.cleaned()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("FirstName");
            assertThat(p.reason()).contains("cut to 40 characters");
        });
    }

    @Test
    void aNulInsideAListOfEntriesIsCleanedToo() {
        FieldMap map = new FieldMap(PipedriveConnectorProvider.KIND, ObjectType.CONTACT, List.of(FieldMapLoader.rule("test",
                Map.of("crm", "emails", "pm", "email", "direction", "both",
                        "transforms", List.of("primary-value", "trim", "lower-case", "email")))));
        Mapped mapped = FieldMapper.inbound(map, Map.of("emails",
                List.of(Map.of("value", "a\u0000b@example.com", "primary", true))));
        assertThat(mapped.values()).containsEntry("email", "ab@example.com");
        assertThat(mapped.cleaned()).extracting(FieldProblem::field).containsExactly("emails");
    }

    @Test
    void refusedValuesAreProblemsWhoseReasonsDoNotQuoteTheValue() {
        FieldMap map = new FieldMap(SalesforceConnectorProvider.KIND, ObjectType.CONTACT, List.of(
                FieldMapLoader.rule("test", Map.of("crm", "Seen__c", "pm", "custom.seen", "direction", "in",
                        "transforms", List.of("instant"))),
                FieldMapLoader.rule("test", Map.of("crm", "Stage__c", "pm", "custom.stage", "direction", "in",
                        "transforms", List.of(Map.of("picklist", Map.of("Customer", "customer")))))));

        Mapped mapped = FieldMapper.inbound(map, Map.of("Seen__c", "2026-03-01T10:15:00", "Stage__c", "Secret Stage"));

        assertThat(mapped.values()).isEmpty();
        assertThat(mapped.problems()).extracting(FieldProblem::field).containsExactlyInAnyOrder("Seen__c", "Stage__c");
        assertThat(mapped.problems().toString()).contains("without a time zone", "outside its picklist map")
                .doesNotContain("Secret Stage", "2026-03-01T10:15:00");
    }

    @Test
    void anEmailWithAUnicodeSpaceOrAControlCharacterIsRefusedNotStored() {
        for (String email : List.of("a\u2003b@example.com", "a@exa\u00A0mple.com", "a\u0007b@example.com")) {
            Mapped mapped = FieldMapper.inbound(SALESFORCE_CONTACT, Map.of("Email", email, "LastName", "Space"));
            assertThat(mapped.values()).doesNotContainKey("email").containsEntry("last_name", "Space");
            assertThat(mapped.problems()).extracting(FieldProblem::field).containsExactly("Email");
        }
    }
}
