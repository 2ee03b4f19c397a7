package app.meetingbridge.gateway.auth;

import app.meetingbridge.gateway.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class UserController {

    /**
     * Who the caller is. An anonymous caller gets 401 (Reflector answers a JSON {@code null}; its web app only asks
     * with a token, server-side, so a clear refusal costs it nothing and tells API clients what is wrong).
     */
    @GetMapping("/v1/me")
    @Operation(operationId = "v1_user_me", responses = @ApiResponse(responseCode = "200",
            content = @Content(schema = @Schema(implementation = UserInfo.class))))
    UserInfo me(Caller caller) {
        if (caller.isAnonymous()) {
            throw ApiException.notAuthenticated();
        }
        return new UserInfo(caller.userId(), caller.email());
    }

    record UserInfo(String sub, @Nullable String email) {
    }
}
