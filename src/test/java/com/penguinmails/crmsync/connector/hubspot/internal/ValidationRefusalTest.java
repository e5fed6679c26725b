package com.penguinmails.crmsync.connector.hubspot.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.core.WriteResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValidationRefusalTest {

    static BatchReply.BatchError refusal(String failures) {
        return new BatchReply.BatchError("VALIDATION_ERROR", "Property values were not valid: " + failures, Map.of(),
                HubSpotApi.object());
    }

    static WriteInput input(int index, Map<String, String> properties) {
        return new WriteInput(index, properties.getOrDefault("email", null), "email", properties);
    }

    @Test
    void a_bad_value_is_traced_to_the_inputs_that_hold_it() {
        // given
        List<WriteInput> inputs = List.of(input(0, Map.of("email", "a@x.example")),
                input(1, Map.of("email", "broken")), input(2, Map.of("email", "broken.too@x")));
        BatchReply.BatchError error = refusal("[{\"isValid\":false,\"message\":\"Email address broken is invalid\","
                + "\"error\":\"INVALID_EMAIL\",\"name\":\"email\"}]");

        // when
        ValidationRefusal.Blame blame = ValidationRefusal.blame(error, inputs);

        // then
        assertThat(blame.identified()).isTrue();
        assertThat(blame.suspects()).containsExactly(inputs.get(1));
        assertThat(blame.culprits()).isEmpty();
    }

    @Test
    void a_read_only_property_condemns_every_input_that_sets_it() {
        // given
        List<WriteInput> inputs = List.of(input(0, Map.of("email", "a@x.example", "hs_email_bounce", "1")),
                input(1, Map.of("email", "b@x.example")));
        BatchReply.BatchError error = refusal("[{\"isValid\":false,\"message\":\"\\\"hs_email_bounce\\\" is a read "
                + "only property; its value cannot be set.\",\"error\":\"READ_ONLY_VALUE\",\"name\":\"hs_email_bounce\"}]");

        // when
        ValidationRefusal.Blame blame = ValidationRefusal.blame(error, inputs);

        // then
        assertThat(blame.culprits()).containsExactly(inputs.get(0));
    }

    @Test
    void a_refusal_that_quotes_no_input_is_not_blamed_on_any() {
        // given
        List<WriteInput> inputs = List.of(input(0, Map.of("firstname", "x".repeat(70_000))));
        BatchReply.BatchError error = refusal("[{\"isValid\":false,\"message\":\"Property \\\"firstname\\\" value is "
                + "70000 characters long\",\"error\":\"VALUE_TOO_LONG\",\"name\":\"firstname\"}]");

        // when / then
        assertThat(ValidationRefusal.blame(error, inputs).identified()).isFalse();
    }

    @Test
    void the_failure_names_the_code_and_property_but_never_the_value() {
        // given
        WriteInput bad = input(4, Map.of("email", "jane.doe@broken"));
        BatchReply.BatchError error = refusal("[{\"isValid\":false,\"message\":\"Email address jane.doe@broken is "
                + "invalid\",\"error\":\"INVALID_EMAIL\",\"name\":\"email\"}]");

        // when
        WriteResult result = ValidationRefusal.failure(bad, error);

        // then
        assertThat(result.index()).isEqualTo(4);
        assertThat(result.error()).isEqualTo("INVALID_EMAIL");
        assertThat(result.fields()).containsExactly("email");
        assertThat(result.message()).doesNotContain("jane");
    }
}
