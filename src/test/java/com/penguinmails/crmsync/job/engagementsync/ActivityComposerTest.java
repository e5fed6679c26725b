package com.penguinmails.crmsync.job.engagementsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.crmsync.core.Activity;
import com.penguinmails.crmsync.core.EmailEvent;
import com.penguinmails.crmsync.core.EmailHistory;
import com.penguinmails.crmsync.core.EventType;
import com.penguinmails.crmsync.core.ObjectType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActivityComposerTest {

    private static final Instant SENT = Instant.parse("2026-11-20T10:00:00Z");

    private static EmailEvent event(long id, EventType type, long secondsAfterSend) {
        return new EmailEvent(id, type, SENT.plusSeconds(secondsAfterSend), type == EventType.CLICK
                ? "https://x.test/" + (id % 2) : null, type == EventType.BOUNCE ? "no such user" : null);
    }

    private static EmailHistory email(List<Long> newEvents, EmailEvent... events) {
        return new EmailHistory(7, "msg-1", "Launch", "Our launch", List.of(events), newEvents);
    }

    @Test
    void perEmailIsOneCompletedActivityDatedAtTheSendThatSumsUpEveryEvent() {
        EmailHistory email = email(List.of(1L, 2L, 3L, 4L, 5L), event(1, EventType.SENT, 0), event(2, EventType.OPEN, 60),
                event(3, EventType.CLICK, 70), event(4, EventType.CLICK, 80), event(5, EventType.CLICK, 90));

        List<Activity> activities = new ActivityComposer(ActivityComposer.Logging.PER_EMAIL, true)
                .compose(email, ObjectType.LEAD, "00Q1");

        assertThat(activities).hasSize(1);
        Activity activity = activities.get(0);
        assertThat(activity.key()).isEqualTo("pm-m-msg-1");
        assertThat(activity.kind()).isEqualTo(Activity.Kind.EMAIL);
        assertThat(activity.whoType()).isEqualTo(ObjectType.LEAD);
        assertThat(activity.occurredAt()).isEqualTo(SENT);
        assertThat(activity.latestEvent()).isEqualTo(EventType.CLICK);
        assertThat(activity.subject()).isEqualTo("Our launch");
        assertThat(activity.description()).isEqualTo("""
                Campaign: Launch
                Sent 2026-11-20 10:00 UTC
                Opened once, first 2026-11-20 10:01 UTC
                Clicked 3 times, first 2026-11-20 10:01 UTC
                  https://x.test/1 (2)
                  https://x.test/0
                """);
    }

    @Test
    void aReplyAddsOneOpenFollowUpWhoseContentDoesNotChangeWithLaterReplies() {
        ActivityComposer composer = new ActivityComposer(ActivityComposer.Logging.PER_EMAIL, true);
        EmailHistory once = email(List.of(2L), event(1, EventType.SENT, 0), event(2, EventType.REPLY, 3600));
        EmailHistory twice = email(List.of(3L), event(1, EventType.SENT, 0), event(2, EventType.REPLY, 3600),
                event(3, EventType.REPLY, 7200));

        Activity first = composer.compose(once, ObjectType.CONTACT, "003").get(1);
        Activity second = composer.compose(twice, ObjectType.CONTACT, "003").get(1);

        assertThat(first.kind()).isEqualTo(Activity.Kind.FOLLOW_UP);
        assertThat(first.key()).isEqualTo("pm-m-msg-1#reply");
        assertThat(first.occurredAt()).isEqualTo(SENT.plusSeconds(3600));
        assertThat(EngagementActivityWriter.hash(second)).isEqualTo(EngagementActivityWriter.hash(first));
        assertThat(composer.compose(twice, ObjectType.CONTACT, "003").get(0).description())
                .contains("Replied 2026-11-20 11:00 UTC (2 replies)");
    }

    @Test
    void withoutFollowUpsAReplyIsOnlyPartOfTheEmail() {
        List<Activity> activities = new ActivityComposer(ActivityComposer.Logging.PER_EMAIL, false).compose(
                email(List.of(2L), event(1, EventType.SENT, 0), event(2, EventType.REPLY, 60)),
                ObjectType.CONTACT, "1");

        assertThat(activities).extracting(Activity::kind).containsExactly(Activity.Kind.EMAIL);
    }

    @Test
    void aBounceOutranksEverythingElseAndCarriesItsReason() {
        EmailHistory email = email(List.of(1L, 2L, 3L), event(1, EventType.SENT, 0), event(2, EventType.OPEN, 5),
                event(3, EventType.BOUNCE, 10));

        Activity activity = new ActivityComposer(ActivityComposer.Logging.PER_EMAIL, true)
                .compose(email, ObjectType.CONTACT, "1").get(0);

        assertThat(activity.latestEvent()).isEqualTo(EventType.BOUNCE);
        assertThat(activity.description()).contains("Bounced 2026-11-20 10:00 UTC: no such user");
    }

    @Test
    void perEventMakesOneActivityPerNewEventOnly() {
        EmailHistory email = email(List.of(2L, 3L), event(1, EventType.SENT, 0), event(2, EventType.OPEN, 60),
                event(3, EventType.CLICK, 120));

        List<Activity> activities = new ActivityComposer(ActivityComposer.Logging.PER_EVENT, false)
                .compose(email, ObjectType.CONTACT, "42");

        assertThat(activities).extracting(Activity::key).containsExactly("pm-e-2", "pm-e-3");
        assertThat(activities).extracting(Activity::subject).containsExactly("Opened: Our launch",
                "Clicked: Our launch");
        assertThat(activities.get(1).description()).isEqualTo("Campaign: Launch\nClicked 2026-11-20 10:02 UTC: "
                + "https://x.test/1\n");
        assertThat(activities.get(1).occurredAt()).isEqualTo(SENT.plusSeconds(120));
    }

    @Test
    void aMessageIdTooLongOrOddForAnExternalIdIsHashedToAStableKey() {
        String key = ActivityComposer.emailKey("<" + "x".repeat(80) + "@mail.penguinmails.test>");

        assertThat(key).startsWith("pm-h-").hasSize(45);
        assertThat(ActivityComposer.emailKey("<" + "x".repeat(80) + "@mail.penguinmails.test>")).isEqualTo(key);
        assertThat(ActivityComposer.emailKey("a b")).startsWith("pm-h-");
        assertThat((key + "#reply").length()).isLessThanOrEqualTo(ActivityComposer.KEY_MAX);
    }

    @Test
    void anUnknownLoggingSettingIsRefusedByName() {
        assertThatThrownBy(() -> ActivityComposer.Logging.fromSetting("per-click"))
                .hasMessageContaining("activityLogging").hasMessageContaining("per-click");
    }
}
