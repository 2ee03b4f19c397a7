package app.meetingbridge.recordings.audio;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns an unusable ffmpeg at start-up into one line saying why and what to set, instead of a stack trace. */
class FfmpegFailureAnalyzer extends AbstractFailureAnalyzer<FfmpegUnavailableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, FfmpegUnavailableException cause) {
        return new FailureAnalysis("The recording worker needs ffmpeg and it cannot use this one: " + cause.getMessage(),
                "Leave FFMPEG_PATH unset to use the ffmpeg that comes with the worker (Linux x86-64), or set it to an "
                        + "ffmpeg with libmp3lame (the binary, or the folder holding it).", cause);
    }
}
