package com.penguinmails.crmsync.connector.hubspot.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.crmsync.core.Cursor;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeCursorTest {

    @Test
    void the_start_cursor_reads_everything_from_the_epoch() {
        // when
        ChangeCursor cursor = ChangeCursor.parse(Cursor.START);

        // then
        assertThat(cursor).isEqualTo(ChangeCursor.start());
        assertThat(cursor.from()).isEqualTo(Instant.EPOCH);
        assertThat(cursor.phase()).isEqualTo(ChangeCursor.Phase.UPDATES);
    }

    @Test
    void a_cursor_survives_its_text_form() {
        // given
        ChangeCursor cursor = ChangeCursor.start()
                .withUpdates(Instant.parse("2026-11-01T10:00:00.123Z"), List.of("17", "18"), null)
                .startDeletions(Instant.parse("2026-11-02T00:00:00Z"))
                .withListing("1201", List.of("9"));

        // when
        ChangeCursor parsed = ChangeCursor.parse(new Cursor(cursor.toCursor().value()));

        // then
        assertThat(parsed).isEqualTo(cursor);
    }

    @Test
    void finishing_a_run_moves_the_deletion_watermark_to_the_listing_start() {
        // given
        Instant listingStart = Instant.parse("2026-11-02T00:00:00Z");
        ChangeCursor listing = ChangeCursor.start().withUpdates(Instant.parse("2026-11-01T00:00:00Z"), List.of("5"),
                null).startDeletions(listingStart).withListing(null, List.of("9"));

        // when
        ChangeCursor next = listing.finishRun();

        // then
        assertThat(next.phase()).isEqualTo(ChangeCursor.Phase.UPDATES);
        assertThat(next.deletedSince()).isEqualTo(listingStart);
        assertThat(next.deletedSeen()).containsExactly("9");
        assertThat(next.seen()).containsExactly("5");
        assertThat(next.horizon()).isNull();
    }

    @Test
    void text_from_elsewhere_is_refused() {
        assertThatThrownBy(() -> ChangeCursor.parse(new Cursor("0r8xx000000001")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HubSpot change cursor");
    }
}
