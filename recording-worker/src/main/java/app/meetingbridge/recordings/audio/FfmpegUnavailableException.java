package app.meetingbridge.recordings.audio;

/** The configured ffmpeg cannot serve: the worker does not start rather than fail every recording later. */
class FfmpegUnavailableException extends RuntimeException {

    FfmpegUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
