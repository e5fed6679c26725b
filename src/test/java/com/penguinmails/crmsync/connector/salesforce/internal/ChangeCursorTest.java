package com.penguinmails.crmsync.connector.salesforce.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.crmsync.core.Cursor;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChangeCursorTest {

    @Test
    void aCursorSurvivesItsTextForm() {
        // given
        ChangeCursor cursor = ChangeCursor.window(Instant.parse("2026-11-01T10:00:00Z"),
                Instant.parse("2026-11-01T11:00:00Z")).after(Instant.parse("2026-11-01T10:30:05Z"),
                "0035g000000003IAAQ", Instant.parse("2026-11-01T10:20:00Z"), "0035g000000001AAAQ", true, true);
        // when
        ChangeCursor read = ChangeCursor.parse(cursor.toCursor());
        // then
        assertThat(read).isEqualTo(cursor);
        assertThat(cursor.toCursor().value()).contains("\"phase\":\"WINDOW\"").contains("2026-11-01T10:30:05Z")
                .doesNotContain("jobId");
    }

    @Test
    void aBulkCursorGoesOnToTheWindowsDeletionsAndThenToTheNextDelta() {
        // given
        ChangeCursor bulk = ChangeCursor.window(Instant.parse("2026-11-01T10:00:00Z"),
                Instant.parse("2026-11-01T11:00:00Z")).bulk("750xx", "MjAw");
        // when
        ChangeCursor deletions = ChangeCursor.parse(bulk.deletionsOnly().toCursor());
        // then
        assertThat(deletions.phase()).isEqualTo(ChangeCursor.Phase.WINDOW);
        assertThat(deletions.live()).isFalse();
        assertThat(deletions.deletions()).isTrue();
        assertThat(bulk.restart().phase()).isEqualTo(ChangeCursor.Phase.WINDOW);
        assertThat(ChangeCursor.full(Instant.EPOCH, null).bulk("750xx", null).restart().phase())
                .isEqualTo(ChangeCursor.Phase.FULL);
    }

    @Test
    void textThatIsNotASalesforceCursorIsRefused() {
        // when / then
        assertThatThrownBy(() -> ChangeCursor.parse(new Cursor("after=abc")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a Salesforce change cursor");
        assertThatThrownBy(() -> ChangeCursor.parse(new Cursor("{\"v\":2,\"phase\":\"DELTA\"}")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
