package com.penguinmails.crmsync.job.engagementsync;

import com.penguinmails.crmsync.core.Activity;
import com.penguinmails.crmsync.core.EmailEvent;
import com.penguinmails.crmsync.core.EmailHistory;
import com.penguinmails.crmsync.core.EventType;
import com.penguinmails.crmsync.core.ObjectType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns an e-mail's history into the activities a CRM timeline shows, as a pure function of that history, so a
 * replayed chunk composes exactly what the first attempt did:
 * <ul>
 *   <li>{@link Logging#PER_EMAIL} (the default): one completed activity per e-mail, dated when it was sent, whose
 *       description sums up what happened (opens, clicks with their URLs, the reply, a bounce with its reason, an
 *       unsubscribe); later events update it.</li>
 *   <li>{@link Logging#PER_EVENT}: one completed activity per event.</li>
 * </ul>
 * A reply also makes an open follow-up task for the record's owner (once per e-mail), unless the connection turned
 * that off. Keys fit the CRMs' external-id fields (at most 64 characters).
 */
final class ActivityComposer {

    /** How e-mails are logged: the connection setting {@code activityLogging}. */
    public enum Logging {
        PER_EMAIL("per-email"), PER_EVENT("per-event");

        private final String setting;

        Logging(String setting) {
            this.setting = setting;
        }

        public static Logging fromSetting(String value) {
            for (Logging logging : values()) {
                if (logging.setting.equals(value)) {
                    return logging;
                }
            }
            throw new IllegalArgumentException("activityLogging must be per-email or per-event, not '" + value + "'");
        }
    }

    static final int KEY_MAX = 64;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    /** Which event an e-mail's status shows, most telling first. */
    private static final List<EventType> PRECEDENCE = List.of(EventType.BOUNCE, EventType.UNSUBSCRIBE,
            EventType.REPLY, EventType.CLICK, EventType.OPEN, EventType.SENT);

    private final Logging logging;
    private final boolean followUps;

    public ActivityComposer(Logging logging, boolean followUps) {
        this.logging = logging;
        this.followUps = followUps;
    }

    /** The activities of an e-mail on a CRM record. */
    public List<Activity> compose(EmailHistory email, ObjectType whoType, String whoCrmId) {
        List<Activity> activities = new ArrayList<>();
        String subject = subject(email);
        if (logging == Logging.PER_EMAIL) {
            activities.add(new Activity(emailKey(email.messageId()), whoType, whoCrmId, status(email.events()),
                    sentAt(email), subject, summary(email), null));
        } else {
            for (EmailEvent event : email.events()) {
                if (email.newEvents().contains(event.id())) {
                    activities.add(new Activity("pm-e-" + event.id(), whoType, whoCrmId, event.type(),
                            event.occurredAt(), label(event.type()) + ": " + subject,
                            campaignLine(email) + line(event) + "\n", null));
                }
            }
        }
        if (followUps) {
            firstReply(email).ifPresent(reply -> activities.add(new Activity(emailKey(email.messageId()) + "#reply",
                    whoType, whoCrmId, EventType.REPLY, reply.occurredAt(), "Follow up: reply to " + subject,
                    "Replied " + TIME.format(reply.occurredAt()) + " to the PenguinMails e-mail \"" + subject
                            + "\". Reply to them.", null, Activity.Kind.FOLLOW_UP)));
        }
        return activities;
    }

    /**
     * The activity key of an e-mail: {@code pm-m-<message id>}, or of a hash of the id when that is too long for an
     * external-id field (with room for a {@code #reply} suffix).
     */
    static String emailKey(String messageId) {
        String key = "pm-m-" + messageId;
        if (key.length() <= KEY_MAX - 6 && messageId.chars().allMatch(c -> c > 32 && c < 127)) {
            return key;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(messageId.getBytes(StandardCharsets.UTF_8));
            return "pm-h-" + HexFormat.of().formatHex(digest, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String subject(EmailHistory email) {
        return email.subject() == null || email.subject().isBlank() ? "PenguinMails e-mail" : email.subject();
    }

    private static Instant sentAt(EmailHistory email) {
        return email.events().stream().filter(e -> e.type() == EventType.SENT).map(EmailEvent::occurredAt)
                .findFirst().orElse(email.events().get(0).occurredAt());
    }

    static EventType status(List<EmailEvent> events) {
        return PRECEDENCE.stream().filter(type -> events.stream().anyMatch(e -> e.type() == type)).findFirst()
                .orElse(EventType.SENT);
    }

    private static Optional<EmailEvent> firstReply(EmailHistory email) {
        return email.events().stream().filter(e -> e.type() == EventType.REPLY).findFirst();
    }

    /** The per-e-mail description: one line per kind of event, counts and first times, clicked URLs with counts. */
    static String summary(EmailHistory email) {
        StringBuilder text = new StringBuilder(campaignLine(email));
        Map<EventType, List<EmailEvent>> byType = new LinkedHashMap<>();
        for (EventType type : List.of(EventType.SENT, EventType.OPEN, EventType.CLICK, EventType.REPLY,
                EventType.BOUNCE, EventType.UNSUBSCRIBE)) {
            byType.put(type, email.events().stream().filter(e -> e.type() == type).toList());
        }
        byType.forEach((type, events) -> {
            if (events.isEmpty()) {
                return;
            }
            EmailEvent first = events.get(0);
            switch (type) {
                case OPEN -> text.append("Opened ").append(times(events.size())).append(", first ")
                        .append(TIME.format(first.occurredAt())).append('\n');
                case CLICK -> {
                    Map<String, Integer> urls = new LinkedHashMap<>();
                    events.forEach(e -> urls.merge(e.url() == null ? "(no link)" : e.url(), 1, Integer::sum));
                    text.append("Clicked ").append(times(events.size())).append(", first ")
                            .append(TIME.format(first.occurredAt())).append('\n');
                    urls.forEach((url, n) -> text.append("  ").append(url).append(n > 1 ? " (" + n + ")" : "")
                            .append('\n'));
                }
                case REPLY -> text.append("Replied ").append(TIME.format(first.occurredAt()))
                        .append(events.size() > 1 ? " (" + events.size() + " replies)" : "").append('\n');
                default -> text.append(line(first)).append('\n');
            }
        });
        return text.toString();
    }

    private static String campaignLine(EmailHistory email) {
        return email.campaignName() == null ? "" : "Campaign: " + email.campaignName() + "\n";
    }

    private static String line(EmailEvent event) {
        String at = " " + TIME.format(event.occurredAt());
        return switch (event.type()) {
            case SENT -> "Sent" + at;
            case OPEN -> "Opened" + at;
            case CLICK -> "Clicked" + at + (event.url() == null ? "" : ": " + event.url());
            case REPLY -> "Replied" + at;
            case BOUNCE -> "Bounced" + at + (event.reason() == null ? "" : ": " + event.reason());
            case UNSUBSCRIBE -> "Unsubscribed" + at;
        };
    }

    private static String label(EventType type) {
        return switch (type) {
            case SENT -> "Sent";
            case OPEN -> "Opened";
            case CLICK -> "Clicked";
            case REPLY -> "Replied";
            case BOUNCE -> "Bounced";
            case UNSUBSCRIBE -> "Unsubscribed";
        };
    }

    private static String times(int n) {
        return n == 1 ? "once" : n + " times";
    }
}
