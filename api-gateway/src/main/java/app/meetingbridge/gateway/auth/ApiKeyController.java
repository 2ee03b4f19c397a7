package app.meetingbridge.gateway.auth;

import app.meetingbridge.gateway.web.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/v1/user/api-keys")
class ApiKeyController {

    static final int MAX_NAME_LENGTH = 255;

    private final ApiKeys apiKeys;

    ApiKeyController(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    @PostMapping
    @Operation(operationId = "v1_create_api_key", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = CreateApiKeyRequest.class))))
    CreateApiKeyResponse create(Caller caller, @RequestBody JsonNode body) {
        ApiKeys.Created created = apiKeys.create(caller, name(body));
        ApiKey key = created.apiKey();
        return new CreateApiKeyResponse(key.id(), key.userId(), key.name(), key.createdAt(), created.key());
    }

    @GetMapping
    @Operation(operationId = "v1_list_api_keys")
    List<ApiKeyResponse> list(Caller caller) {
        return apiKeys.list(caller).stream().map(ApiKeyResponse::of).toList();
    }

    @DeleteMapping("/{key_id}")
    @Operation(operationId = "v1_delete_api_key")
    Map<String, String> delete(Caller caller, @PathVariable("key_id") String keyId) {
        apiKeys.delete(caller, keyId);
        return Map.of("status", "ok");
    }

    /** The optional {@code name} of a {@code CreateApiKeyRequest}, checked as Reflector's model does (422). */
    private static @Nullable String name(JsonNode body) {
        if (!body.isObject()) {
            throw InvalidRequestException.of(List.of("body"),
                    "Input should be a valid dictionary or object to extract fields from", "model_attributes_type");
        }
        JsonNode name = body.get("name");
        if (name == null || name.isNull()) {
            return null;
        }
        if (!name.isString()) {
            throw InvalidRequestException.of(List.of("body", "name"), "Input should be a valid string", "string_type");
        }
        String value = name.stringValue();
        if (value.isEmpty()) {
            throw InvalidRequestException.of(List.of("body", "name"), "String should have at least 1 character",
                    "string_too_short");
        }
        if (value.length() > MAX_NAME_LENGTH) {
            throw InvalidRequestException.of(List.of("body", "name"),
                    "String should have at most " + MAX_NAME_LENGTH + " characters", "string_too_long");
        }
        return value;
    }

    record ApiKeyResponse(String id, String userId, @Nullable String name, Instant createdAt) {
        static ApiKeyResponse of(ApiKey key) {
            return new ApiKeyResponse(key.id(), key.userId(), key.name(), key.createdAt());
        }
    }

    /** The body {@code create} reads (by hand, for Reflector's error shapes): documentation only. */
    @Schema(name = "CreateApiKeyRequest")
    record CreateApiKeyRequest(@Nullable String name) {
    }

    record CreateApiKeyResponse(String id, String userId, @Nullable String name, Instant createdAt, String key) {
    }
}
