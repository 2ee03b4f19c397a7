package app.meetingbridge.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeyHasherTest {

    static final String PEPPER = "a-pepper-of-at-least-thirty-two-characters";

    @Test
    void makesDistinctWellFormedKeys() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String key = ApiKeyHasher.newKey();
            assertThat(ApiKeyHasher.isWellFormed(key)).as(key).isTrue();
            keys.add(key);
        }

        assertThat(keys).hasSize(100);
    }

    @Test
    void takesNothingButOurKeysForWellFormed() {
        String key = ApiKeyHasher.newKey();

        assertThat(ApiKeyHasher.isWellFormed(key.substring(1))).isFalse();
        assertThat(ApiKeyHasher.isWellFormed(key + "A")).isFalse();
        assertThat(ApiKeyHasher.isWellFormed("xyz_" + key.substring(4))).isFalse();
        assertThat(ApiKeyHasher.isWellFormed(key.substring(0, 10) + "+" + key.substring(11))).isFalse();
    }

    @Test
    void hashesToSixtyFourHexDigitsThatDependOnThePepper() {
        String key = ApiKeyHasher.newKey();
        String plain = new ApiKeyHasher(null).hash(key);
        String peppered = new ApiKeyHasher(PEPPER).hash(key);

        assertThat(plain).matches("[0-9a-f]{64}").isEqualTo(new ApiKeyHasher(null).hash(key));
        assertThat(peppered).matches("[0-9a-f]{64}").isNotEqualTo(plain)
                .isNotEqualTo(new ApiKeyHasher(PEPPER + "!").hash(key));
    }

    @Test
    void refusesAShortPepperAndTakesABlankOneForNone() {
        assertThatThrownBy(() -> new ApiKeyProperties("short")).hasMessageContaining("API_KEY_PEPPER");
        assertThat(new ApiKeyProperties("  ").pepper()).isNull();
    }
}
