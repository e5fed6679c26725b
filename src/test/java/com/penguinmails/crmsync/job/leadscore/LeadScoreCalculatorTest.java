package com.penguinmails.crmsync.job.leadscore;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.core.Engagement;
import com.penguinmails.crmsync.core.EventType;
import com.penguinmails.crmsync.core.LeadScoreModel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeadScoreCalculatorTest {

    private static final Instant AS_OF = Instant.parse("2026-11-01T00:00:00Z");
    private static final LeadScoreModel MODEL = new LeadScoreModel(Map.of(
            EventType.SENT, 1.0, EventType.OPEN, 4.0, EventType.CLICK, 10.0, EventType.REPLY, 40.0,
            EventType.BOUNCE, -15.0, EventType.UNSUBSCRIBE, -50.0), 30);

    private final LeadScoreCalculator calculator = new LeadScoreCalculator(MODEL);

    private static Engagement event(EventType type, Duration ago) {
        return new Engagement("m1", type, AS_OF.minus(ago));
    }

    @Test
    void freshEventsCountTheirFullWeight() {
        var events = List.of(event(EventType.SENT, Duration.ZERO), event(EventType.OPEN, Duration.ZERO),
                event(EventType.CLICK, Duration.ZERO));
        assertThat(calculator.score(events, AS_OF)).isEqualTo(15);
    }

    @Test
    void anEventCountsHalfAfterOneHalfLifeAndAQuarterAfterTwo() {
        assertThat(calculator.score(List.of(event(EventType.REPLY, Duration.ofDays(30))), AS_OF)).isEqualTo(20);
        assertThat(calculator.score(List.of(event(EventType.REPLY, Duration.ofDays(60))), AS_OF)).isEqualTo(10);
    }

    @Test
    void negativeEventsPullTheScoreDownButNeverBelowZero() {
        var events = List.of(event(EventType.REPLY, Duration.ZERO), event(EventType.UNSUBSCRIBE, Duration.ZERO));
        assertThat(calculator.score(events, AS_OF)).isZero();
        var mixed = List.of(event(EventType.REPLY, Duration.ZERO), event(EventType.CLICK, Duration.ZERO),
                event(EventType.BOUNCE, Duration.ZERO));
        assertThat(calculator.score(mixed, AS_OF)).isEqualTo(35);
    }

    @Test
    void theScoreIsCappedAtOneHundred() {
        var events = List.of(event(EventType.REPLY, Duration.ZERO), event(EventType.REPLY, Duration.ofHours(1)),
                event(EventType.REPLY, Duration.ofHours(2)));
        assertThat(calculator.score(events, AS_OF)).isEqualTo(LeadScoreCalculator.MAX);
    }

    @Test
    void eventsAfterTheAsOfInstantDoNotCount() {
        var events = List.of(new Engagement("m1", EventType.CLICK, AS_OF.plusSeconds(1)));
        assertThat(calculator.score(events, AS_OF)).isZero();
    }

    @Test
    void theSameDataAsOfTheSameInstantAlwaysScoresTheSame() {
        var events = List.of(event(EventType.OPEN, Duration.ofDays(3)), event(EventType.CLICK, Duration.ofDays(11)));
        assertThat(calculator.score(events, AS_OF)).isEqualTo(calculator.score(List.copyOf(events), AS_OF));
    }

    @Test
    void theProcessorFiltersContactsWhoseScoreDidNotChange() {
        var processor = new LeadScoreProcessor(calculator, AS_OF);
        var unchanged = new com.penguinmails.crmsync.core.ContactEngagement(7, 15, List.of(
                event(EventType.SENT, Duration.ZERO), event(EventType.OPEN, Duration.ZERO),
                event(EventType.CLICK, Duration.ZERO)));
        var changed = new com.penguinmails.crmsync.core.ContactEngagement(8, 3, unchanged.engagements());
        assertThat(processor.process(unchanged)).isNull();
        assertThat(processor.process(changed)).isEqualTo(new com.penguinmails.crmsync.core.ScoreChange(8, 3, 15));
    }
}
