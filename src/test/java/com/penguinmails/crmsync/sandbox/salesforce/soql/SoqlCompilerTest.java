package com.penguinmails.crmsync.sandbox.salesforce.soql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.crmsync.sandbox.salesforce.model.SalesforceIds;
import com.penguinmails.crmsync.sandbox.salesforce.model.Schema;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The SOQL subset: what it answers, and what it refuses with Salesforce's error codes. */
class SoqlCompilerTest {

    private static final Instant NOW = Instant.parse("2026-11-02T12:00:00Z");
    private final SoqlCompiler compiler = new SoqlCompiler(new Schema(), Clock.fixed(NOW, ZoneOffset.UTC));
    private final List<Map<String, @Nullable Object>> rows = List.of(
            row("003000000000001AAA", "Ada", "ada@x.example", true, 10.0, NOW.minusSeconds(3600)),
            row("003000000000002AAA", "Bob", null, false, 50.0, NOW.minusSeconds(86_400 * 3)),
            row("003000000000003AAA", "cy", "cy@y.example", false, null, NOW.minusSeconds(86_400 * 40)));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SELECT Id FROM Contact WHERE HasOptedOutOfEmail = true|1",
        "SELECT Id FROM Contact WHERE Email = null|2",
        "SELECT Id FROM Contact WHERE Email != null AND (LastName = 'ADA' OR LastName = 'cy')|1,3",
        "SELECT Id FROM Contact WHERE Email LIKE '%@x.example'|1",
        "SELECT Id FROM Contact WHERE LastName IN ('Bob', 'cy')|2,3",
        "SELECT Id FROM Contact WHERE LastName NOT IN ('Bob')|1,3",
        "SELECT Id FROM Contact WHERE PenguinMails_Lead_Score__c >= 10 AND PenguinMails_Lead_Score__c < 50|1",
        "SELECT Id FROM Contact WHERE LastModifiedDate = TODAY|1",
        "SELECT Id FROM Contact WHERE LastModifiedDate = LAST_N_DAYS:7|1,2",
        "SELECT Id FROM Contact WHERE LastModifiedDate > 2026-10-01T00:00:00Z|1,2",
        "SELECT Id FROM Contact WHERE NOT (LastName = 'Ada')|2,3",
        "SELECT Id FROM Contact ORDER BY PenguinMails_Lead_Score__c DESC|2,1,3",
        "SELECT Id FROM Contact ORDER BY Email NULLS LAST LIMIT 2|1,3",
        "SELECT Id FROM Contact WHERE Id = '003000000000002'|2"})
    void answersTheSupportedSubset(String soql, String expected) {
        // when
        List<Map<String, @Nullable Object>> result = compiler.compile(soql).run(rows);
        // then
        assertThat(result).extracting(r -> ((String) r.get("Id")).substring(14, 15))
                .containsExactly(expected.split(","));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SELECT Id FROM Contact WHERE Email = 'a' AND Phone = 'b' OR Title = 'c'|MALFORMED_QUERY",
        "SELECT COUNT() FROM Contact|MALFORMED_QUERY",
        "SELECT Id FROM Contact GROUP BY Email|MALFORMED_QUERY",
        "SELECT Id FROM Contact LIMIT 10 OFFSET 5|MALFORMED_QUERY",
        "SELECT Id, (SELECT Id FROM Tasks) FROM Contact|MALFORMED_QUERY",
        "SELECT Id FROM Contact WHERE|MALFORMED_QUERY",
        "SELECT Id, Id FROM Contact|MALFORMED_QUERY",
        "SELECT Id FROM Widget__c|INVALID_TYPE",
        "SELECT Nickname__c FROM Contact|INVALID_FIELD",
        "SELECT Account.Name FROM Contact|INVALID_FIELD",
        "SELECT Id FROM Contact WHERE HasOptedOutOfEmail = 'true'|INVALID_FIELD",
        "SELECT Id FROM Contact WHERE CreatedDate > 2026-01-01|INVALID_FIELD",
        "SELECT Id FROM Contact WHERE Email = 5|INVALID_FIELD",
        "SELECT Id FROM Task WHERE Description = 'x'|INVALID_FIELD",
        "SELECT Id FROM Contact WHERE Id = 'nope'|INVALID_QUERY_FILTER_OPERATOR"})
    void refusesEverythingElseWithSalesforceCodes(String soql, String code) {
        // when / then
        assertThatThrownBy(() -> compiler.compile(soql)).isInstanceOfSatisfying(SoqlException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void errorMessagesPointAtTheColumnAsSalesforceDoes() {
        // when / then
        assertThatThrownBy(() -> compiler.compile("SELECT Id, Nickname__c FROM Contact"))
                .isInstanceOfSatisfying(SoqlException.class, e -> {
                    assertThat(e.column()).isEqualTo(12);
                    assertThat(e.getMessage()).contains("ERROR at Row:1:Column:12")
                            .contains("No such column 'Nickname__c' on entity 'Contact'");
                });
    }

    @Test
    void eighteenCharacterIdsCarryTheCaseChecksum() {
        // then
        assertThat(SalesforceIds.toEighteen("001A0000006Vm9r")).isEqualTo("001A0000006Vm9rIAC");
        assertThat(SalesforceIds.parse("001A0000006Vm9rIAC")).hasValue("001A0000006Vm9rIAC");
        assertThat(SalesforceIds.parse("001A0000006Vm9rAAA")).isEmpty();
        assertThat(LocalDate.ofInstant(NOW, ZoneOffset.UTC)).isEqualTo(LocalDate.of(2026, 11, 2));
    }

    private static Map<String, @Nullable Object> row(String id, String lastName, @Nullable String email,
                                                     boolean optedOut, @Nullable Double score, Instant modified) {
        Map<String, @Nullable Object> row = new HashMap<>();
        row.put("Id", SalesforceIds.toEighteen(id.substring(0, 15)));
        row.put("LastName", lastName);
        row.put("Email", email);
        row.put("HasOptedOutOfEmail", optedOut);
        row.put("PenguinMails_Lead_Score__c", score);
        row.put("LastModifiedDate", modified);
        return row;
    }
}
