package com.penguinmails.crmsync.connector.pipedrive.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The change cursor: text round trip, and which same-second records a new sweep skips. */
class ChangeCursorTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant T = Instant.parse("2026-01-10T08:00:00Z");

    @Test
    void survivesAsText() {
        // given
        ChangeCursor cursor = ChangeCursor.start().beginSweep().observed("7", T, T.plusSeconds(5))
                .observed("9", T, T.plusSeconds(5)).afterPage("abc");

        // when
        ChangeCursor read = ChangeCursor.parse(cursor.format(JSON), JSON);

        // then
        assertThat(read).isEqualTo(cursor);
        assertThat(read.pipedriveCursor()).isEqualTo("abc");
        assertThat(ChangeCursor.parse("", JSON)).isEqualTo(ChangeCursor.start());
        assertThatThrownBy(() -> ChangeCursor.parse("{\"v\":\"hs1\"}", JSON))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNewSweepStartsAtTheLastSecondAndSkipsOnlyRecordsReadAfterThatSecondWasOver() {
        // given: ids 7 and 9 read when their second was over, id 8 while it was still going on
        ChangeCursor settled = ChangeCursor.start().beginSweep().observed("7", T, T.plusSeconds(1))
                .observed("9", T, T.plusSeconds(2)).afterPage(null);
        ChangeCursor unsettled = settled.beginSweep().observed("7", T, T.plusSeconds(3))
                .observed("8", T, T).afterPage(null);

        // then
        assertThat(settled.since()).isEqualTo(T);
        assertThat(settled.alreadySeen("7", T)).isTrue();
        assertThat(settled.alreadySeen("8", T)).isFalse();
        assertThat(settled.alreadySeen("7", T.plusSeconds(1))).isFalse();
        assertThat(unsettled.alreadySeen("7", T)).isFalse();
    }

    @Test
    void aLaterSecondReplacesTheRememberedIds() {
        // when
        ChangeCursor cursor = ChangeCursor.start().beginSweep().observed("7", T, T.plusSeconds(9))
                .observed("3", T.plusSeconds(1), T.plusSeconds(9)).afterPage(null);

        // then
        assertThat(cursor.last()).isEqualTo(T.plusSeconds(1));
        assertThat(cursor.seenAtLast()).containsExactly("3");
        assertThat(cursor.since()).isEqualTo(T.plusSeconds(1));
    }
}
