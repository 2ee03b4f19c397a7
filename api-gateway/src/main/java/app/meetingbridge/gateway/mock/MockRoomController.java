package app.meetingbridge.gateway.mock;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/** The "video room" of a mock-platform meeting: a plain page, so local runs work without any provider. */
@Hidden
@RestController
class MockRoomController {

    @GetMapping(value = "/mock/rooms/{roomName}", produces = MediaType.TEXT_HTML_VALUE)
    String room(@PathVariable String roomName) {
        String name = HtmlUtils.htmlEscape(roomName);
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Mock room %s</title></head>
                <body><h1>Mock meeting room</h1><p>Room <code>%s</code> on the built-in mock platform.
                No video provider is involved; this page stands in for one.</p></body></html>
                """.formatted(name, name);
    }
}
