package app.meetingbridge.meetings.calendar;

import app.meetingbridge.meetings.calendar.FeedEvent.Attendee;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DateProperty;
import org.jspecify.annotations.Nullable;

/**
 * Reads an iCalendar feed (ical4j): the occurrences, within a window, of the events that are not cancelled, and of
 * those the ones that name a room. Recurring events are expanded in their own time zone; an occurrence moved or
 * cancelled by its own VEVENT (RECURRENCE-ID) replaces the one the rule makes. All-day dates count from 00:00 UTC
 * and times without a zone as UTC; an event without an end lasts an hour (as Reflector stores it).
 */
final class IcsFeed {

    private static final Duration DEFAULT_LENGTH = Duration.ofHours(1);
    private static final Pattern SCHEME = Pattern.compile("^[a-z][a-z0-9+.-]*://", Pattern.CASE_INSENSITIVE);

    /** What a feed holds: the occurrences in the window, and those of them that name the room. */
    record Read(int inWindow, List<FeedEvent> forRoom) {
    }

    static final class UnreadableFeedException extends Exception {
        UnreadableFeedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private IcsFeed() {
    }

    /**
     * The pattern of a room's address in a location or description: {@code {uiBaseUrl}/{roomName}}, ignoring case
     * and the scheme, with or without a trailing slash, and not as the start of a longer room name.
     */
    static Pattern roomAddress(String uiBaseUrl, String roomName) {
        String base = SCHEME.matcher(uiBaseUrl.strip()).replaceFirst("");
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return Pattern.compile("(?:[a-z][a-z0-9+.-]*://)?" + Pattern.quote(base + "/" + roomName) + "(?![A-Za-z0-9_-])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    static Read read(byte[] body, Pattern room, Instant from, Instant to) throws UnreadableFeedException {
        Calendar calendar;
        try {
            calendar = new CalendarBuilder().build(new ByteArrayInputStream(body));
        } catch (IOException | ParserException | RuntimeException e) {
            throw new UnreadableFeedException("not a readable iCalendar feed", e);
        }
        List<VEvent> events = calendar.getComponents(Component.VEVENT);
        Map<String, Set<Instant>> replaced = new HashMap<>();
        for (VEvent event : events) {
            Optional<Instant> recurrenceId = recurrenceId(event);
            if (recurrenceId.isPresent()) {
                replaced.computeIfAbsent(uid(event), uid -> new HashSet<>()).add(recurrenceId.get());
            }
        }
        Map<String, FeedEvent> inWindow = new LinkedHashMap<>();
        for (VEvent event : events) {
            if (cancelled(event)) {
                continue;
            }
            try {
                for (FeedEvent occurrence : occurrences(event, replaced, from, to)) {
                    if (!occurrence.start().isBefore(from) && !occurrence.start().isAfter(to)) {
                        inWindow.putIfAbsent(occurrence.key(), occurrence);
                    }
                }
            } catch (RuntimeException unreadableEvent) {
                // one event the library cannot expand (a broken rule, an unknown zone) does not hide the others
            }
        }
        List<FeedEvent> forRoom = inWindow.values().stream()
                .filter(event -> names(room, event.location()) || names(room, event.description()))
                .toList();
        return new Read(inWindow.size(), forRoom);
    }

    private static boolean names(Pattern room, @Nullable String text) {
        return text != null && room.matcher(text).find();
    }

    private static List<FeedEvent> occurrences(VEvent event, Map<String, Set<Instant>> replaced, Instant from,
                                               Instant to) {
        Optional<DateProperty<Temporal>> dtStart = event.getProperty(Property.DTSTART);
        if (dtStart.isEmpty()) {
            return List.of();
        }
        Instant start = instant(dtStart.get().getDate());
        Duration length = length(event, start);
        String uid = uid(event);
        Optional<Instant> recurrenceId = recurrenceId(event);
        if (recurrenceId.isPresent()) {
            return List.of(occurrence(event, uid + "/" + recurrenceId.get(), start, start.plus(length)));
        }
        boolean recurring = event.getProperty(Property.RRULE).isPresent()
                || event.getProperty(Property.RDATE).isPresent();
        if (!recurring) {
            return List.of(occurrence(event, uid, start, start.plus(length)));
        }
        Set<Instant> moved = replaced.getOrDefault(uid, Set.of());
        Period<ZonedDateTime> window = new Period<>(from.atZone(ZoneOffset.UTC), to.atZone(ZoneOffset.UTC));
        List<FeedEvent> occurrences = new ArrayList<>();
        for (Period<Temporal> period : event.<Temporal>calculateRecurrenceSet(window)) {
            Instant at = instant(period.getStart());
            if (!moved.contains(at)) {
                occurrences.add(occurrence(event, uid + "/" + at, at, at.plus(length)));
            }
        }
        return occurrences;
    }

    private static FeedEvent occurrence(VEvent event, String key, Instant start, Instant end) {
        return new FeedEvent(key, text(event, Property.SUMMARY), text(event, Property.DESCRIPTION),
                text(event, Property.LOCATION), start, end, attendees(event), event.toString());
    }

    private static Duration length(VEvent event, Instant start) {
        Optional<DateProperty<Temporal>> dtEnd = event.getProperty(Property.DTEND);
        if (dtEnd.isPresent()) {
            Duration length = Duration.between(start, instant(dtEnd.get().getDate()));
            return length.isNegative() ? Duration.ZERO : length;
        }
        Optional<Property> duration = event.getProperty(Property.DURATION);
        if (duration.isPresent()) {
            try {
                return Duration.parse(duration.get().getValue());
            } catch (RuntimeException notADuration) {
                // a P1W-style or broken duration: the default
            }
        }
        return DEFAULT_LENGTH;
    }

    private static List<Attendee> attendees(VEvent event) {
        List<Attendee> attendees = new ArrayList<>();
        for (Property attendee : event.<Property>getProperties(Property.ATTENDEE)) {
            String partStat = parameter(attendee, Parameter.PARTSTAT);
            String role = parameter(attendee, Parameter.ROLE);
            // some feeds put several addresses, comma-separated, in one ATTENDEE
            for (String email : mailbox(attendee.getValue()).split(",")) {
                if (!email.isBlank()) {
                    attendees.add(new Attendee(email.strip(), parameter(attendee, Parameter.CN), partStat, role));
                }
            }
        }
        Optional<Property> organizer = event.getProperty(Property.ORGANIZER);
        organizer.ifPresent(property -> attendees.add(new Attendee(mailbox(property.getValue()),
                parameter(property, Parameter.CN), null, "ORGANIZER")));
        return attendees;
    }

    private static String mailbox(@Nullable String value) {
        if (value == null) {
            return "";
        }
        return value.regionMatches(true, 0, "mailto:", 0, 7) ? value.substring(7) : value;
    }

    private static @Nullable String parameter(Property property, String name) {
        return property.<Parameter>getParameter(name).map(Parameter::getValue).orElse(null);
    }

    private static @Nullable String text(VEvent event, String name) {
        return event.<Property>getProperty(name).map(Property::getValue).orElse(null);
    }

    private static String uid(VEvent event) {
        String uid = text(event, Property.UID);
        return uid == null || uid.isBlank() ? "no-uid:" + text(event, Property.SUMMARY) : uid;
    }

    private static Optional<Instant> recurrenceId(VEvent event) {
        Optional<DateProperty<Temporal>> id = event.getProperty(Property.RECURRENCE_ID);
        return id.map(property -> instant(property.getDate()));
    }

    private static boolean cancelled(VEvent event) {
        String status = text(event, Property.STATUS);
        return status != null && status.strip().toUpperCase(Locale.ROOT).equals("CANCELLED");
    }

    /** A date or time of the feed as an instant: zoned as given, floating times as UTC, dates at 00:00 UTC. */
    static Instant instant(Temporal temporal) {
        if (temporal instanceof Instant instant) {
            return instant;
        }
        if (temporal instanceof ZonedDateTime zoned) {
            return zoned.toInstant();
        }
        if (temporal instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (temporal instanceof LocalDateTime local) {
            return local.toInstant(ZoneOffset.UTC);
        }
        if (temporal instanceof LocalDate date) {
            return date.atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        throw new IllegalArgumentException("unsupported date " + temporal);
    }
}
