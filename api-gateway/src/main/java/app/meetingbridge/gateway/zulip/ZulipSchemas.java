package app.meetingbridge.gateway.zulip;

import io.swagger.v3.oas.annotations.media.Schema;

/** The shapes {@link ZulipController} answers with, under Reflector's schema names. */
final class ZulipSchemas {

    private ZulipSchemas() {
    }

    @Schema(name = "Stream")
    record Stream(long streamId, String name) {
    }

    @Schema(name = "Topic")
    record Topic(String name) {
    }
}
