package app.meetingbridge.meetings.calendar;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Calendar sync: {@code UI_BASE_URL} (an event belongs to a room when its location or description names
 * {@code {UI_BASE_URL}/{room name}}), how long a feed may take ({@code ICS_FETCH_TIMEOUT}) and how large it may be
 * ({@code ICS_MAX_FEED_SIZE}), how often rooms are checked for a due sync ({@code ICS_CHECK_INTERVAL}; each room
 * syncs at its own {@code ics_fetch_interval}), the window of events kept (from {@code lookBack} ago to
 * {@code lookAhead} ahead), and how long a parsed feed is trusted before it is fetched whole again, without
 * {@code If-None-Match}, so that recurring events move into the window even when the feed never changes.
 */
@ConfigurationProperties("app.calendar")
record CalendarProperties(@DefaultValue("http://localhost:3000") String uiBaseUrl,
                          @DefaultValue("8s") Duration fetchTimeout,
                          @DefaultValue("5MB") DataSize maxFeedSize,
                          @DefaultValue("60s") Duration checkInterval,
                          @DefaultValue("1h") Duration lookBack,
                          @DefaultValue("7d") Duration lookAhead,
                          @DefaultValue("1h") Duration fullRefresh) {
}
