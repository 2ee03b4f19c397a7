package app.meetingbridge.meetings.provider;

import app.meetingbridge.events.meeting.Platform;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A provider's list of the recordings it made, read page by page, newest first. */
public interface RecordingCatalogue {

    Platform platform();

    /** The most recordings a page holds: a shorter page is the last one. */
    int pageSize();

    /**
     * One page of recordings after the cursor (the id of the last recording of the page before), newest first.
     *
     * @throws ProviderUnavailableException when the provider does not answer
     * @throws ProviderRejectedException when it refuses, for instance a cursor it no longer knows
     */
    List<ListedRecording> recordings(@Nullable String startingAfter);
}
