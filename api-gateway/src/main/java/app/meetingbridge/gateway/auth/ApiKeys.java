package app.meetingbridge.gateway.auth;

import app.meetingbridge.gateway.web.ApiException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Users' API keys: made for a signed-in user, shown once, stored as a hash only, and checked on every request
 * that presents one (no cache, so a deleted key is refused at once). With {@code AUTH_BACKEND=none} no key is
 * made: keys are never checked in that mode, and a key of its local user must not outlive it.
 */
@Service
class ApiKeys {

    private final ApiKeyRepository keys;
    private final ApiKeyHasher hasher;
    private final Clock clock;

    ApiKeys(ApiKeyRepository keys, ApiKeyProperties properties, Clock clock) {
        this.keys = keys;
        this.hasher = new ApiKeyHasher(properties.pepper());
        this.clock = clock;
    }

    Created create(Caller caller, @Nullable String name) {
        String userId = signedIn(caller);
        if (caller.ownsEverything()) {
            throw ApiException.badRequest("API keys need AUTH_BACKEND=jwt: with authentication off, every caller "
                    + "is the local user and keys are not checked");
        }
        String key = ApiKeyHasher.newKey();
        ApiKey apiKey = new ApiKey(UUID.randomUUID().toString(), userId, name,
                clock.instant().truncatedTo(ChronoUnit.MICROS));
        keys.insert(apiKey, hasher.hash(key));
        return new Created(apiKey, key);
    }

    List<ApiKey> list(Caller caller) {
        return keys.findByUserId(signedIn(caller));
    }

    void delete(Caller caller, String keyId) {
        if (!keys.delete(keyId, signedIn(caller))) {
            throw ApiException.notFound("API key not found");
        }
    }

    /** The user a presented key belongs to, if it is a key of ours that exists. */
    Optional<String> ownerOf(String presentedKey) {
        if (!ApiKeyHasher.isWellFormed(presentedKey)) {
            return Optional.empty();
        }
        return keys.findUserIdByHash(hasher.hash(presentedKey));
    }

    private static String signedIn(Caller caller) {
        if (caller.userId() == null) {
            throw ApiException.notAuthenticated();
        }
        return caller.userId();
    }

    /** A key just made: the only time the key itself is known. */
    record Created(ApiKey apiKey, String key) {
    }
}
