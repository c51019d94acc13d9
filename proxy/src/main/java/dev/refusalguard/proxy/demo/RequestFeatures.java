package dev.refusalguard.proxy.demo;

import dev.refusalguard.policies.TaskCategory;

import java.util.List;
import java.util.Objects;

/**
 * What the simulated model "notices" about a request: the inputs of its refusal model.
 *
 * @param category                task category from {@link CategoryTagger} (user text)
 * @param sensitiveTerms          sensitive words from {@link SensitiveTerms} (user text), empty when neutral
 * @param authorizationClaim      free-text authorization claim anywhere (system or user text)
 * @param structuredAuthorization structured authorization block anywhere (system or user text)
 * @param offensive               clearly offensive request ({@link OffensiveMarkers}, user text)
 */
public record RequestFeatures(TaskCategory category,
                              List<String> sensitiveTerms,
                              boolean authorizationClaim,
                              boolean structuredAuthorization,
                              boolean offensive) {

    public RequestFeatures {
        Objects.requireNonNull(category, "category");
        sensitiveTerms = List.copyOf(sensitiveTerms);
    }

    public boolean sensitive() {
        return !sensitiveTerms.isEmpty();
    }

    /** Reads the features of one request from its system text and its user text. */
    public static RequestFeatures of(String systemText, String userText) {
        String all = systemText.isEmpty() ? userText : systemText + "\n" + userText;
        return new RequestFeatures(
                CategoryTagger.tag(userText),
                SensitiveTerms.find(userText),
                AuthorizationSignals.hasFreeTextClaim(all),
                AuthorizationSignals.hasStructuredBlock(all),
                OffensiveMarkers.isOffensive(userText));
    }
}
