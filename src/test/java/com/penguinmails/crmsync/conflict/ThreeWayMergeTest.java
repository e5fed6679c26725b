package com.penguinmails.crmsync.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.core.ConflictPolicy;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ThreeWayMergeTest {

    private static final Instant EARLIER = Instant.parse("2026-11-01T10:00:00Z");
    private static final Instant LATER = Instant.parse("2026-11-01T11:00:00Z");
    private static final String BASE = ValueHash.of("Ada");

    @Test
    void aFieldChangedOnlyInTheCrmTakesTheCrmsValue() {
        Resolution r = ThreeWayMerge.resolve(ConflictPolicy.PENGUINMAILS_WINS, BASE, "Adah", LATER, "Ada", EARLIER);
        assertThat(r).isEqualTo(new Resolution(Resolution.Winner.CRM, "Adah", false));
        assertThat(r.changesPenguinMails()).isTrue();
    }

    @Test
    void aFieldChangedOnlyInPenguinMailsTakesPenguinMailsValue() {
        Resolution r = ThreeWayMerge.resolve(ConflictPolicy.CRM_WINS, BASE, "Ada", LATER, "Ada L.", EARLIER);
        assertThat(r).isEqualTo(new Resolution(Resolution.Winner.PENGUINMAILS, "Ada L.", false));
        assertThat(r.changesCrm()).isTrue();
    }

    @Test
    void bothChangedIsAConflictThePolicyDecides() {
        assertThat(ThreeWayMerge.resolve(ConflictPolicy.CRM_WINS, BASE, "A", EARLIER, "B", LATER))
                .isEqualTo(new Resolution(Resolution.Winner.CRM, "A", true));
        assertThat(ThreeWayMerge.resolve(ConflictPolicy.PENGUINMAILS_WINS, BASE, "A", LATER, "B", EARLIER))
                .isEqualTo(new Resolution(Resolution.Winner.PENGUINMAILS, "B", true));
        assertThat(ThreeWayMerge.resolve(ConflictPolicy.NEWEST_WINS, BASE, "A", EARLIER, "B", LATER))
                .isEqualTo(new Resolution(Resolution.Winner.PENGUINMAILS, "B", true));
        assertThat(ThreeWayMerge.resolve(ConflictPolicy.NEWEST_WINS, BASE, "A", LATER, "B", EARLIER))
                .isEqualTo(new Resolution(Resolution.Winner.CRM, "A", true));
    }

    @Test
    void newestWinsGivesTheCrmATie() {
        assertThat(ThreeWayMerge.resolve(ConflictPolicy.NEWEST_WINS, BASE, "A", LATER, "B", LATER).winner())
                .isEqualTo(Resolution.Winner.CRM);
    }

    @Test
    void bothSidesChangedToTheSameValueIsNoConflict() {
        assertThat(ThreeWayMerge.resolve(ConflictPolicy.CRM_WINS, BASE, "Grace", LATER, " Grace ", EARLIER))
                .isEqualTo(new Resolution(Resolution.Winner.NONE, " Grace ", false));
    }

    @Test
    void ourOwnWriteComingBackFromTheCrmIsAnEchoAndChangesNothing() {
        // PenguinMails wrote "Ada L." to the CRM (the base); the CRM's change feed hands it back
        String base = ValueHash.of("Ada L.");
        assertThat(ThreeWayMerge.isEcho("Ada L.", base)).isTrue();
        assertThat(ThreeWayMerge.resolve(ConflictPolicy.CRM_WINS, base, "Ada L.", LATER, "Ada L.", EARLIER).winner())
                .isEqualTo(Resolution.Winner.NONE);
        assertThat(ThreeWayMerge.isEcho("Ada M.", base)).isFalse();
    }

    @Test
    void onAFirstSyncAMissingValueTakesTheOtherSidesWithoutAConflict() {
        assertThat(ThreeWayMerge.resolve(ConflictPolicy.CRM_WINS, null, null, LATER, "+14155550100", EARLIER))
                .isEqualTo(new Resolution(Resolution.Winner.PENGUINMAILS, "+14155550100", false));
        assertThat(ThreeWayMerge.resolve(ConflictPolicy.PENGUINMAILS_WINS, null, "CTO", LATER, null, EARLIER))
                .isEqualTo(new Resolution(Resolution.Winner.CRM, "CTO", false));
    }

    @Test
    void numbersCompareByValueNotByHowTheyAreWritten() {
        assertThat(ValueHash.of(42)).isEqualTo(ValueHash.of(42.0)).isEqualTo(ValueHash.of(new java.math.BigDecimal("42.00")));
        assertThat(ValueHash.of(null)).isNotEqualTo(ValueHash.of("")).isNotEqualTo(ValueHash.of("null"));
    }

    @Test
    void eachSideIsComparedWithItsOwnBaseAndWhenNeitherChangedEachKeepsWhatItHolds() {
        FieldBases cut = new FieldBases(ValueHash.of("Ada Augusta"), ValueHash.of("Ada"));
        assertThat(ThreeWayMerge.resolveEachSide(ConflictPolicy.CRM_WINS, cut, "Ada", LATER, "Ada Augusta", EARLIER))
                .isEqualTo(new Resolution(Resolution.Winner.NONE, "Ada Augusta", false));
        assertThat(ThreeWayMerge.resolveEachSide(ConflictPolicy.CRM_WINS, cut, "Adah", LATER, "Ada Augusta", EARLIER))
                .isEqualTo(new Resolution(Resolution.Winner.CRM, "Adah", false));
        assertThat(ThreeWayMerge.resolveEachSide(ConflictPolicy.CRM_WINS, cut, "Ada", LATER, "Ada L.", EARLIER))
                .isEqualTo(new Resolution(Resolution.Winner.PENGUINMAILS, "Ada L.", false));
    }

    @Test
    void aPendingEchoTakesTheCrmsValueAsUnchanged() {
        FieldBases pending = new FieldBases(null, FieldBases.PENDING_ECHO);
        assertThat(ThreeWayMerge.resolveEachSide(ConflictPolicy.CRM_WINS, pending, "Ada Augusta", LATER, "Ada", EARLIER))
                .isEqualTo(new Resolution(Resolution.Winner.NONE, "Ada", false));
        assertThat(ThreeWayMerge.resolveEachSide(ConflictPolicy.CRM_WINS, pending, null, LATER, 7L, EARLIER))
                .isEqualTo(new Resolution(Resolution.Winner.NONE, 7L, false));
        FieldBases pendingAfterAnEdit = new FieldBases(ValueHash.of("Ada"), FieldBases.PENDING_ECHO);
        assertThat(ThreeWayMerge.resolveEachSide(ConflictPolicy.CRM_WINS, pendingAfterAnEdit, "Ada", LATER, "Ada L.",
                EARLIER)).isEqualTo(new Resolution(Resolution.Winner.PENGUINMAILS, "Ada L.", false));
    }
}
