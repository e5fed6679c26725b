package com.penguinmails.crmsync.connector.hubspot.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.ObjectType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordWriterTest {

    static WriteInput keyed(int index, String key) {
        return new WriteInput(index, key, "email", Map.of("email", key));
    }

    @Test
    void the_same_key_twice_goes_to_successive_rounds_in_input_order() {
        // given
        List<WriteInput> inputs = List.of(keyed(0, "a@x.example"), keyed(1, "b@x.example"), keyed(2, "A@x.example"),
                keyed(3, "a@x.example"));

        // when
        List<List<WriteInput>> rounds = RecordWriter.rounds(inputs);

        // then
        assertThat(rounds).hasSize(3);
        assertThat(rounds.get(0)).extracting(WriteInput::index).containsExactly(0, 1);
        assertThat(rounds.get(1)).extracting(WriteInput::index).containsExactly(2);
        assertThat(rounds.get(2)).extracting(WriteInput::index).containsExactly(3);
    }

    @Test
    void values_become_hubspot_strings_and_null_clears() {
        // given
        Map<String, Object> fields = new HashMap<>();
        fields.put("amount", new BigDecimal("1E+3"));
        fields.put("closedate", Instant.parse("2026-11-01T10:00:00Z"));
        fields.put("hs_email_optout", true);
        fields.put("jobtitle", null);

        // when
        Map<String, String> properties = RecordWriter.properties(CrmRecord.toWrite(ObjectType.DEAL, "1", null,
                fields));

        // then
        assertThat(properties).containsEntry("amount", "1000").containsEntry("closedate", "2026-11-01T10:00:00Z")
                .containsEntry("hs_email_optout", "true").containsEntry("jobtitle", "");
    }
}
