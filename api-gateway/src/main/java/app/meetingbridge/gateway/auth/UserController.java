package app.meetingbridge.gateway.auth;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.NullNode;

@RestController
class UserController {

    /** Who the caller is, or JSON {@code null} for an anonymous caller, as Reflector answers ({@code UserInfo | null}). */
    @GetMapping("/v1/me")
    @Operation(operationId = "v1_user_me", responses = @ApiResponse(responseCode = "200",
            content = @Content(schema = @Schema(implementation = UserInfo.class))))
    Object me(Caller caller) {
        if (caller.userId() == null) {
            return NullNode.getInstance();
        }
        return new UserInfo(caller.userId(), caller.email());
    }

    record UserInfo(String sub, @Nullable String email) {
    }
}
